import { WrongExpectedRevisionError } from '../event-store.js';
import { MAX_EVENTS_PER_APPEND } from '../shared/append-validation.js';
import { type ContractContext, idsOf, newArea, newEvent, newEvents, rejectionOf } from './fixtures.js';

export function describeAppendContract({ store }: ContractContext): void {
  describe('append with an expected revision', () => {
    it('no_stream creates the stream, numbering its events from revision 0', async () => {
      const stream = `${newArea()}s`;
      const events = newEvents(3);
      const result = await store().append(stream, events, { expectedRevision: 'no_stream' });
      const stored = await store().readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(idsOf(stored)).toEqual(idsOf(events));
      expect(result).toEqual({ nextExpectedRevision: 2, position: stored[2].position });
    });

    it('no_stream is refused once the stream exists, reporting its revision, and writes nothing', async () => {
      const stream = `${newArea()}s`;
      await store().append(stream, newEvents(2), { expectedRevision: 'no_stream' });
      const error = await rejectionOf(store().append(stream, newEvents(1), { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({
        code: 'WRONG_EXPECTED_REVISION',
        streamId: stream,
        expected: 'no_stream',
        actual: 1,
      });
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('stream_exists appends to a stream that exists', async () => {
      const stream = `${newArea()}s`;
      await store().append(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const result = await store().append(stream, newEvents(2), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(2);
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it('stream_exists is refused for a stream that does not exist, reporting no_stream, and writes nothing', async () => {
      const stream = `${newArea()}s`;
      const error = await rejectionOf(store().append(stream, newEvents(1), { expectedRevision: 'stream_exists' }));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: stream, expected: 'stream_exists', actual: 'no_stream' });
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('any creates a stream, then appends to it', async () => {
      const stream = `${newArea()}s`;
      expect((await store().append(stream, newEvents(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(1);
      expect((await store().append(stream, newEvents(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2);
      expect((await store().readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
    });

    it("an exact revision appends when it is the revision of the stream's last event", async () => {
      const stream = `${newArea()}s`;
      const first = await store().append(stream, newEvents(2), { expectedRevision: 'no_stream' });
      const second = await store().append(stream, newEvents(2), { expectedRevision: first.nextExpectedRevision });
      expect(second.nextExpectedRevision).toBe(3);
      expect((await store().readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2, 3]);
    });

    it('a stale exact revision is refused, reporting the actual revision, and writes nothing', async () => {
      const stream = `${newArea()}s`;
      await store().append(stream, newEvents(3), { expectedRevision: 'no_stream' });
      const error = await rejectionOf(store().append(stream, newEvents(1), { expectedRevision: 1 }));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: stream, expected: 1, actual: 2 });
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it('an exact revision ahead of the stream is refused, reporting the actual revision', async () => {
      const stream = `${newArea()}s`;
      await store().append(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const error = await rejectionOf(store().append(stream, newEvents(1), { expectedRevision: 5 }));
      expect(error).toMatchObject({ expected: 5, actual: 0 });
    });

    it('an exact revision on a stream that does not exist is refused, reporting no_stream', async () => {
      const stream = `${newArea()}s`;
      const error = await rejectionOf(store().append(stream, newEvents(1), { expectedRevision: 0 }));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ expected: 0, actual: 'no_stream' });
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('of concurrent appends expecting the same revision, exactly one wins; the others are refused', async () => {
      const stream = `${newArea()}s`;
      await store().append(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const attempts = Array.from({ length: 8 }, () => newEvents(2));
      const outcomes = await Promise.allSettled(
        attempts.map((events) => store().append(stream, events, { expectedRevision: 0 })),
      );
      const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      const stored = await store().readStream(stream, { fromRevision: 1 });
      expect(idsOf(stored)).toEqual(idsOf(attempts[winners[0]]));
    });

    it('of concurrent appends creating the same stream (no_stream), exactly one wins', async () => {
      const stream = `${newArea()}s`;
      const attempts = Array.from({ length: 8 }, () => newEvents(1));
      const outcomes = await Promise.allSettled(
        attempts.map((events) => store().append(stream, events, { expectedRevision: 'no_stream' })),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(await store().readStream(stream)).toHaveLength(1);
    });
  });

  describe('append refuses, before writing anything,', () => {
    const refuse = async (streamId: string, events: ReturnType<typeof newEvents>) => {
      const error = await rejectionOf(store().append(streamId, events, { expectedRevision: 'any' }));
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store().readStream(streamId)).toEqual([]);
    };

    it('an append of no events', () => refuse(`${newArea()}s`, []));
    it('an event id that is not a UUID', () => refuse(`${newArea()}s`, [{ ...newEvent(), eventId: 'not-a-uuid' }]));
    it('the same event id twice in one append', async () => {
      const event = newEvent();
      await refuse(`${newArea()}s`, [event, { ...newEvent(), eventId: event.eventId }]);
    });
    it('a stream id or an event type starting with $ (reserved for system events)', async () => {
      await refuse(`$${newArea()}s`, newEvents(1));
      await refuse(`${newArea()}s`, [newEvent('$SystemThing')]);
    });
    it(`more than ${MAX_EVENTS_PER_APPEND} events in one append`, async () => {
      const event = newEvent();
      await refuse(
        `${newArea()}s`,
        Array.from({ length: MAX_EVENTS_PER_APPEND + 1 }, () => event),
      );
    });
  });
}
