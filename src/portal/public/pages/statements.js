import { API, get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { date, yuan } from '../lib/format.js';
import { lp, rp, t, word } from '../lib/i18n.js';
import { canonicalJson, sha256, toHex } from '../lib/ledger-verify.js';
import { facts, heading, techDetails } from '../lib/ui.js';

/** Rule 23: published statements, sealed by their content hash, and the auditor's opinion on each. */
export default async function render(view, { cid }) {
  const enc = encodeURIComponent(cid);
  const [community, statements] = await Promise.all([
    get(`/communities/${enc}`),
    get(`/communities/${enc}/statements`, { auth: false }),
  ]);
  view.append(
    h('p', {}, h('a', { href: `/c/${enc}` }, `← ${community.name}`)),
    heading(`${t('statements')} · ${community.name}`),
  );
  view.append(h('p', {}, h('a', { href: `${API}/communities/${enc}/statements.csv`, download: '' }, t('downloadCsv'))));
  if (!statements.length) return view.append(h('p', { class: 'muted' }, t('noStatements')));
  view.append(
    h(
      'ul',
      { class: 'cards statements' },
      statements
        .slice()
        .reverse()
        .map((s) => statementCard(enc, s)),
    ),
  );
}

// The period's end is exclusive (the next period starts there); people name the last day inside it.
const lastDay = (end) => date(new Date(Date.parse(end) - 1).toISOString());

function statementCard(enc, s) {
  const c = s.content;
  const spent = c?.expenses?.items ?? [];
  return h(
    'li',
    { class: 'card' },
    h('h2', { class: 'card-title' }, `${word('fund', s.fund)} · ${date(s.periodStart)} – ${lastDay(s.periodEnd)}`),
    h(
      'p',
      {},
      h('span', { class: `badge badge-${s.status}` }, word('statementStatus', s.status)),
      s.publishedAt ? ` ${t('publishedOn', { date: date(s.publishedAt) })}` : '',
    ),
    facts([
      [t('openingBalance'), yuan(c.openingBalance)],
      // A late entry for an earlier period shows here, not by changing what was published (rule 23).
      c.corrections && c.corrections.total !== '0.00' ? [t('corrections'), yuan(c.corrections.total)] : null,
      [t('income'), yuan(c.income.total)],
      [t('expense'), yuan(c.expenses.total)],
      [t('closingBalance'), h('strong', {}, yuan(c.closingBalance))],
      [
        t('opinion'),
        s.audit
          ? h('strong', { class: s.audit.opinion === 'UNQUALIFIED' ? 'ok' : 'bad' }, word('opinion', s.audit.opinion))
          : h('span', { class: 'muted' }, t('notAudited')),
      ],
      s.audit ? [t('auditedAt'), date(s.audit.auditedAt)] : null,
      s.publicSeal ? [t('publicSeal'), sealCheck(s)] : null,
    ]),
    // The fingerprints themselves are for whoever checks them, not for reading.
    techDetails([
      s.audit ? [t('auditReport'), h('span', { class: 'mono' }, s.audit.reportSha256)] : null,
      s.contentSha256 ? [t('seal'), h('span', { class: 'mono' }, s.contentSha256)] : null,
      s.publicSeal ? [t('publicSeal'), h('span', { class: 'mono' }, s.publicSeal)] : null,
    ]),
    s.publishedAt
      ? h(
          'p',
          { class: 'no-print' },
          h('a', { href: `/c/${enc}/statements/${encodeURIComponent(s.id)}/notice` }, t('noticeLink')),
        )
      : null,
    spent.length
      ? h(
          'details',
          {},
          h('summary', {}, t('statementExpenses', { count: spent.length })),
          h(
            'ul',
            {},
            spent.map((i) =>
              h(
                'li',
                {},
                `${date(i.date)} ${yuan(i.amount)} ${i.payee ?? ''} ${i.purpose ?? ''}`,
                i.emergency ? h('span', { class: 'emergency' }, ` ⚠ ${t('emergency')}`) : null,
                i.resolutionId
                  ? [
                      lp(),
                      h('a', { href: `/c/${enc}/votes/${encodeURIComponent(i.resolutionId)}` }, t('seeVote')),
                      rp(),
                    ]
                  : null,
              ),
            ),
          ),
        )
      : null,
  );
}

/**
 * Rule 32: the public copy's seal, recomputed on this device (Web Crypto) from exactly the content this
 * page shows: SHA-256 of its canonical JSON. Nothing the server says about the match is trusted.
 */
function sealCheck(s) {
  const verdict = h('strong', { class: 'muted' }, '…');
  const shown = h('span', {}, verdict);
  sha256(new TextEncoder().encode(canonicalJson(s.content)))
    .then((digest) => toHex(digest) === s.publicSeal)
    .catch(() => false)
    .then((same) => {
      verdict.className = same ? 'ok' : 'bad';
      verdict.textContent = same ? `✓ ${t('sealMatches')}` : `✗ ${t('sealDiffers')}`;
    });
  return shown;
}
