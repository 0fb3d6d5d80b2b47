/**
 * The ballot that counts for each voter (DOMAIN.md rules 9, 10, 12), as SQL over a read model's ballot rows: the
 * voter's own latest ballot (ONLINE or PAPER), else the latest PROXY ballot; a late ballot never. The same rule as
 * the domain's liveBallots (libs/domain/voting/live-ballots.ts) and liveElectionBallots, which has no proxy ballots
 * to pass over. One row per voter who took part, with `voter_id` and the given columns; `$1` is the vote's id.
 *
 * The ballot table has one row a ballot: `voter_ids` (text[], the voters it speaks for), `channel`, `position`
 * (the event's), `late`, and the vote's id in `voteColumn`. Table and columns are the read model's own names,
 * never input.
 */
export function liveBallotsSql(ballots: { table: string; voteColumn: string; columns: readonly string[] }): string {
  return `
  SELECT DISTINCT ON (voter_id) voter_id, ${ballots.columns.join(', ')}
  FROM (SELECT b.*, unnest(b.voter_ids) AS voter_id FROM ${ballots.table} b WHERE b.${ballots.voteColumn} = $1 AND NOT b.late) AS per_voter
  ORDER BY voter_id, (channel = 'PROXY'), position DESC`;
}
