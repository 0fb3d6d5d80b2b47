import { EventIdConflictError, type ExpectedRevision, type NewEvent } from '../event-store.js';
import { type ContractContext, idsOf, newArea, newEvent, newEvents, rejectionOf } from './fixtures.js';

export function describeIdempotencyContract({ store, options }: ContractContext): void {
  describe('an append retried with the same event ids', () => {
    const expectations: { name: string; seeded: boolean; expected: ExpectedRevision }[] = [
      { name: 'no_stream', seeded: false, expected: 'no_stream' },
      { name: 'an exact revision', seeded: true, expected: 0 },
      { name: 'any', seeded: true, expected: 'any' },
      { name: 'stream_exists', seeded: true, expected: 'stream_exists' },
    ];

    it.each(expectations)(
      'appends nothing and answers the first result (expecting $name)',
      async ({ seeded, expected }) => {
        const stream = `${newArea()}s`;
        if (seeded) await store().append(stream, newEvents(1), { expectedRevision: 'no_stream' });
        const events = newEvents(3);
        const first = await store().append(stream, events, { expectedRevision: expected });
        const retried = await store().append(
          stream,
          events.map((event) => ({ ...event })),
          { expectedRevision: expected },
        );
        expect(retried).toEqual(first);
        expect(await store().readStream(stream)).toHaveLength(seeded ? 4 : 3);
      },
    );

    it('answers the first result even after later appends to the stream', async () => {
      const stream = `${newArea()}s`;
      const events = newEvents(2);
      const first = await store().append(stream, events, { expectedRevision: 'no_stream' });
      await store().append(stream, newEvents(2), { expectedRevision: first.nextExpectedRevision });
      expect(await store().append(stream, events, { expectedRevision: 'no_stream' })).toEqual(first);
      expect(await store().readStream(stream)).toHaveLength(4);
    });

    it('answers the first result when the retries run concurrently, storing one copy', async () => {
      const stream = `${newArea()}s`;
      const events = newEvents(2);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store().append(stream, events, { expectedRevision: 'no_stream' })),
      );
      for (const result of results) expect(result).toEqual(results[0]);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf(events));
    });
  });

  describe('an append that reuses some stored event ids, but is not the same append, is refused', () => {
    const stored = async (events: NewEvent[], stream = `${newArea()}s`) => {
      await store().append(stream, events, { expectedRevision: 'no_stream' });
      return stream;
    };
    const expectRefused = async (
      stream: string,
      retry: NewEvent[],
      expectedRevision: ExpectedRevision,
      reusedId: string,
      storedCount: number,
    ) => {
      const error = await rejectionOf(store().append(stream, retry, { expectedRevision }));
      expect(error).toBeInstanceOf(EventIdConflictError);
      expect(error).toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: reusedId });
      expect(await store().readStream(stream)).toHaveLength(storedCount);
    };

    it('when its first event is stored but the next ones differ', async () => {
      const [a, b] = newEvents(2);
      const stream = await stored([a, b]);
      await expectRefused(stream, [a, newEvent()], 'no_stream', a.eventId, 2);
      await expectRefused(stream, [a, newEvent()], 'any', a.eventId, 2);
    });

    it('when it adds events to a stored append', async () => {
      const [a, b] = newEvents(2);
      await expectRefused(await stored([a, b]), [a, b, newEvent()], 'no_stream', a.eventId, 2);
    });

    const strictly = options.refusesEveryReusedEventId ? it : it.skip;

    strictly('when a later event reuses a stored id', async () => {
      const [a] = newEvents(1);
      await expectRefused(await stored([a]), [newEvent(), a], 0, a.eventId, 1);
    });

    strictly('when it repeats only part of a stored append', async () => {
      const [a, b] = newEvents(2);
      await expectRefused(await stored([a, b]), [a], 'any', a.eventId, 2);
    });

    strictly('when the ids are stored in another stream', async () => {
      const area = newArea();
      const events = newEvents(2);
      await stored(events, `${area}one`);
      await expectRefused(`${area}two`, events, 'no_stream', events[0].eventId, 0);
    });
  });
}
