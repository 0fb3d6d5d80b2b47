import { dateTime } from './format.js';
import { t } from './i18n.js';

/**
 * A vote's period, for `facts`: when it opens and closes, and when it did close (resolution or election).
 * A module of its own, not in ui.js: only the vote, election and notice pages load it, and the community
 * page (a first visit) stays as small as it was.
 */
export const votingPeriod = (vote) => [
  [t('opensAt'), dateTime(vote.opensAt)],
  [t('closesAt'), dateTime(vote.closesAt)],
  vote.closedAt ? [t('closedAt'), dateTime(vote.closedAt)] : null,
];
