import { describeError } from '../../src/platform/logging/describe-error.js';

/** ISSUE 13 item 4: "Gongzhi could not start: undefined" — every failure of a start is printed in words. */
describe('a failure described for the person starting the server', () => {
  it('never prints a bare "undefined" for a rejection that carried nothing', () => {
    expect(describeError(undefined)).not.toBe('undefined');
    expect(describeError(undefined)).toMatch(/without saying why/);
  });

  it('lists every part of an AggregateError with an empty message (pg refused on ::1 and 127.0.0.1)', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}:54329`), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused('::1'), refused('127.0.0.1')], ''))).toBe(
      'connect ECONNREFUSED ::1:54329; connect ECONNREFUSED 127.0.0.1:54329',
    );
  });

  it('adds the error code and the cause when the message lacks them', () => {
    const error = new Error('could not reach the database', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    expect(describeError(error)).toBe('could not reach the database; caused by: socket hang up (ECONNRESET)');
  });
});
