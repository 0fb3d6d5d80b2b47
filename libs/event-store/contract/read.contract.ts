import type { RecordedEvent } from '../event-store.js';
import { type ContractContext, idsOf, metadataFor, newArea, newEvent, newEvents, untilVisible } from './fixtures.js';

export function describeReadContract({ store }: ContractContext): void {
  describe('readStream', () => {
    let stream: string;
    let appended: ReturnType<typeof newEvents>;

    beforeAll(async () => {
      stream = `${newArea()}s`;
      appended = newEvents(5);
      await store().append(stream, appended.slice(0, 2), { expectedRevision: 'no_stream' });
      await store().append(stream, appended.slice(2), { expectedRevision: 1 });
    });

    it('reads forwards from the start, every field as appended', async () => {
      const stored = await store().readStream(stream);
      expect(
        stored.map(({ eventId, type, data, metadata, streamId, revision }) => ({
          eventId,
          type,
          data,
          metadata,
          streamId,
          revision,
        })),
      ).toEqual(appended.map((event, revision) => ({ ...event, streamId: stream, revision })));
      for (const event of stored) {
        expect(typeof event.position).toBe('bigint');
        expect(event.recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(event.recordedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
      }
    });

    it('reads forwards from a revision (inclusive), at most maxCount', async () => {
      expect(idsOf(await store().readStream(stream, { fromRevision: 2 }))).toEqual(idsOf(appended.slice(2)));
      expect(idsOf(await store().readStream(stream, { fromRevision: 1, maxCount: 2 }))).toEqual(
        idsOf(appended.slice(1, 3)),
      );
    });

    it('reads backwards from the end, or from a revision (inclusive), at most maxCount', async () => {
      const reversed = [...appended].reverse();
      expect(idsOf(await store().readStream(stream, { direction: 'backwards' }))).toEqual(idsOf(reversed));
      expect(idsOf(await store().readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual(
        idsOf(reversed.slice(0, 2)),
      );
      expect(idsOf(await store().readStream(stream, { direction: 'backwards', fromRevision: 2 }))).toEqual(
        idsOf(appended.slice(0, 3).reverse()),
      );
      expect(idsOf(await store().readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 }))).toEqual(
        idsOf([appended[3], appended[2]]),
      );
    });

    it('reads an unknown stream as [], in both directions', async () => {
      expect(await store().readStream(`${newArea()}unknown`)).toEqual([]);
      expect(await store().readStream(`${newArea()}unknown`, { direction: 'backwards' })).toEqual([]);
    });

    it('reads from past the end as []', async () => {
      expect(await store().readStream(stream, { fromRevision: 5 })).toEqual([]);
    });
  });

  describe('readAll', () => {
    let area: string;
    let start: bigint;
    let appended: RecordedEvent[];

    beforeAll(async () => {
      area = newArea();
      start = await store().headPosition();
      await store().append(`${area}vote-1`, [newEvent('VoteOpened'), newEvent('BallotCast')], {
        expectedRevision: 'no_stream',
      });
      await store().append(`${area}fund-1`, [newEvent('IncomeRecorded')], { expectedRevision: 'no_stream' });
      await store().append(`${area}vote-2`, [newEvent('VoteOpened')], { expectedRevision: 'no_stream' });
      const last = await store().append(`${area}vote-1`, [newEvent('BallotCast'), newEvent('VoteClosed')], {
        expectedRevision: 1,
      });
      await untilVisible(store(), last.position);
      appended = await store().readAll({ fromPosition: start, streamPrefixes: [area] });
    });

    const summary = (events: RecordedEvent[]) =>
      events.map((event) => `${event.streamId.slice(area.length)}:${event.type}`);

    it('reads the events after a position in the order they were appended, with strictly increasing positions', () => {
      expect(summary(appended)).toEqual([
        'vote-1:VoteOpened',
        'vote-1:BallotCast',
        'fund-1:IncomeRecorded',
        'vote-2:VoteOpened',
        'vote-1:BallotCast',
        'vote-1:VoteClosed',
      ]);
      appended.slice(1).forEach((event, i) => expect(event.position).toBeGreaterThan(appended[i].position));
      expect(appended[0].position).toBeGreaterThan(start);
    });

    it('reads from the beginning when no position is given', async () => {
      expect(idsOf(await store().readAll({ streamPrefixes: [area] }))).toEqual(idsOf(appended));
    });

    it('starts strictly after the position given', async () => {
      expect(idsOf(await store().readAll({ fromPosition: appended[2].position, streamPrefixes: [area] }))).toEqual(
        idsOf(appended.slice(3)),
      );
    });

    it('reads at most maxCount events', async () => {
      expect(idsOf(await store().readAll({ fromPosition: start, streamPrefixes: [area], maxCount: 4 }))).toEqual(
        idsOf(appended.slice(0, 4)),
      );
    });

    it('keeps only the streams starting with one of the prefixes', async () => {
      const events = await store().readAll({ fromPosition: start, streamPrefixes: [`${area}fund`, `${area}vote-2`] });
      expect(summary(events)).toEqual(['fund-1:IncomeRecorded', 'vote-2:VoteOpened']);
    });

    it('keeps only the event types given', async () => {
      const events = await store().readAll({ fromPosition: start, eventTypes: ['VoteOpened', 'VoteClosed'] });
      expect(summary(events.filter((event) => event.streamId.startsWith(area)))).toEqual([
        'vote-1:VoteOpened',
        'vote-2:VoteOpened',
        'vote-1:VoteClosed',
      ]);
    });

    it('applies stream prefixes and event types together', async () => {
      const events = await store().readAll({
        fromPosition: start,
        streamPrefixes: [`${area}vote-1`],
        eventTypes: ['BallotCast'],
      });
      expect(summary(events)).toEqual(['vote-1:BallotCast', 'vote-1:BallotCast']);
    });

    it('headPosition is the position of the last event appended', async () => {
      const result = await store().append(`${area}fund-1`, [newEvent('IncomeRecorded')], { expectedRevision: 0 });
      await untilVisible(store(), result.position);
      expect(await store().headPosition()).toBe(result.position);
    });
  });

  describe('data and metadata', () => {
    it('come back exactly, Chinese text and nested objects included, through every read', async () => {
      const stream = `${newArea()}s`;
      const data = {
        title: '关于使用专项维修资金更换电梯的决议',
        choices: ['同意', '反对', '弃权'],
        quorum: { area: { numerator: '2', denominator: '3' }, heads: [2, 3], met: true, note: null },
        amountFen: '1234567890123',
        nested: { deeper: { deepest: [{ 楼栋: '3号楼', 单元: 2 }, [], {}] } },
        escapes: 'quote " backslash \\ newline \n tab \t emoji 🏠',
        numbers: [0, -1, 1.5, 1e21],
      };
      const metadata = metadataFor({
        communityId: '锦绣花园',
        actor: { id: '业主-0001', role: 'owner' },
        channel: { kind: '纸质选票', evidence: ['扫描件-1'] },
      });
      const events = [
        { ...newEvent('ResolutionDrafted', data), metadata },
        newEvent('ListRecorded', ['一', 2, { 三: 3 }]),
      ];
      const { position } = await store().append(stream, events, { expectedRevision: 'no_stream' });
      await untilVisible(store(), position);
      const expected = events.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }));
      const fields = (read: RecordedEvent[]) =>
        read.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }));

      expect(fields(await store().readStream(stream))).toEqual(expected);
      expect(fields(await store().readAll({ streamPrefixes: [stream] }))).toEqual(expected);
    });
  });
}
