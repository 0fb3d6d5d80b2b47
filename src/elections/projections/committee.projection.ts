import { Injectable } from '@nestjs/common';
import { emptyView, evolveView, type CommitteeView, type ViewEvent } from '@gongzhi/domain/elections/committee-view.js';
import { GOVERNANCE_EVENT_TYPES } from '@gongzhi/domain/elections/governance.events.js';
import { fold, RowsProjection, storedRows, table, upsert } from '../../platform/projections/row-writes.js';
import type { CommitteeViewRow } from '../queries/rows.js';

const VIEWS = table<CommitteeViewRow>('elections_committee_views');

/**
 * A community's view, folded by libs/domain's evolveView: read once a batch (locked, to be written back),
 * written once a batch with the position it reached, so a replayed event is passed over.
 */
export const committeeViews = fold<CommitteeView>({
  keyOf: (event) => event.metadata.communityId || undefined,
  load: storedRows(VIEWS, 'community_id', (row) => ({ state: row.view, position: BigInt(row.last_position) }), 'lock'),
  initial: emptyView,
  evolve: (view, event) => evolveView(view, event as unknown as ViewEvent, event.metadata.occurredAt),
  rowsOf: (communityId, view, last) => [
    upsert(
      VIEWS,
      { community_id: communityId, district: view.district, view, last_position: last.position.toString() },
      ['community_id'],
    ),
  ],
});

/** A community's governing body and its history, one JSON view per community. */
@Injectable()
export class CommitteeProjection extends RowsProjection {
  readonly name = 'committee';
  readonly tables = ['elections_committee_views'];
  readonly eventTypes = ['CommunityRegistered', 'ManagingBodyAppointed', ...GOVERNANCE_EVENT_TYPES];
  protected override readonly folds = [committeeViews];
}
