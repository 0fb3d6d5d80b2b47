import { get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { date, grouped, yuan } from '../lib/format.js';
import { t, word } from '../lib/i18n.js';
import { threshold, whyInOneSentence } from '../lib/tally-chart.js';
import { facts, heading, rulebookName } from '../lib/ui.js';
import { votingPeriod } from '../lib/voting-period.js';

/**
 * The notice for the lobby board (Beijing Art. 37: results are posted in the community): one A4 page
 * in Chinese with the result, its exact figures and thresholds, the dates, who posts it, and QR codes
 * to the page and to the receipt check; the log key's fingerprint lets a reader pin the key the
 * portal's checks trust. Print styles drop everything but the notice.
 */
export default async function render(view, params) {
  const enc = encodeURIComponent(params.cid);
  const kind = params.rid ? 'vote' : params.eid ? 'election' : 'statement';
  const path = {
    vote: `/communities/${enc}/resolutions/${encodeURIComponent(params.rid)}`,
    election: `/communities/${enc}/elections/${encodeURIComponent(params.eid)}`,
    statement: `/communities/${enc}/statements/${encodeURIComponent(params.sid)}`,
  }[kind];
  const [subject, community, body, key] = await Promise.all([
    get(path, { auth: false }),
    get(`/communities/${enc}`, { auth: false }),
    get(`/communities/${enc}/committee`, { auth: false }),
    get('/log/public-key', { auth: false }).catch(() => null),
  ]);
  const page = location.pathname.replace(/\/notice$/, '');
  const check = new URLSearchParams({ communityId: params.cid });
  if (params.rid) check.set('resolutionId', params.rid);
  if (params.eid) check.set('electionId', params.eid);
  const poster = body.kind === 'NONE' ? community.name : `${community.name}${word('body', body.kind)}`;

  view.append(
    h('p', { class: 'no-print' }, h('a', { href: page }, `← ${t('noticeBack')}`), ' ', printButton()),
    h(
      'article',
      { class: 'notice-sheet', 'aria-labelledby': 'notice-h' },
      h('p', { class: 'notice-community' }, community.name),
      heading(t(`noticeTitle_${kind}`)),
      h('h2', {}, kind === 'statement' ? statementTitle(subject) : subject.title),
      ...(kind === 'vote'
        ? voteResult(subject)
        : kind === 'election'
          ? electionResult(subject)
          : statementResult(subject)),
      h(
        'p',
        { class: 'notice-sign' },
        h('span', {}, poster),
        h('span', {}, t('noticeDate', { date: date(new Date().toISOString()) })),
      ),
      body.members?.length ? h('p', {}, `${t('members')}：${body.members.map((m) => m.name).join('、')}`) : null,
      h(
        'div',
        { class: 'notice-codes' },
        qr(`${location.origin}${page}`, t('noticeQrPage')),
        kind === 'statement' ? null : qr(`${location.origin}/verify?${check}`, t('noticeQrCheck')),
      ),
      key?.fingerprint
        ? h(
            'p',
            { class: 'notice-key' },
            t('noticeKey'),
            h('span', { class: 'mono' }, key.fingerprint.match(/.{1,4}/g).join(' ')),
          )
        : null,
    ),
  );
}

function printButton() {
  return h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('noticePrint'));
}

function qr(text, caption) {
  return h(
    'figure',
    {},
    h('img', { src: `/qr.svg?text=${encodeURIComponent(text)}`, alt: caption, width: '132', height: '132' }),
    h('figcaption', {}, caption),
  );
}

const m2 = (decimal) => `${grouped(decimal)} m²`;
const share = (part, whole) => {
  const w = Number(whole);
  return w > 0 ? `${((Number(part) / w) * 100).toFixed(1)}%` : '—';
};

/** The tally's own figures, exactly: heads and area, each against the rule's threshold. */
function voteResult(r) {
  const tally = r.tally;
  const dates = facts([
    [t('matter'), word('matter', r.matter)],
    ...votingPeriod(r),
    [t('rulebook'), rulebookName(r.rulebook)],
  ]);
  if (!tally) return [h('p', {}, t('noticeNotClosed')), dates];
  const line = (required) => threshold(required)?.words ?? required;
  const row = (label, part, whole, required, areaMet, headsMet) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      h('td', {}, `${part.heads} / ${whole.heads}（${share(part.heads, whole.heads)}）`),
      h('td', {}, `${m2(part.areaM2)} / ${m2(whole.areaM2)}（${share(part.areaM2, whole.areaM2)}）`),
      h('td', {}, line(required)),
      h('td', {}, areaMet && headsMet ? t('met') : t('notMet')),
    );
  return [
    h(
      'p',
      { class: 'notice-result' },
      h('strong', {}, `${t('outcome')}：${word('outcome', r.outcome)}。`),
      whyInOneSentence(tally),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'notice-table' },
        h('caption', {}, t('tallyTable')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('td'),
            h('th', { scope: 'col' }, t('heads')),
            h('th', { scope: 'col' }, t('area')),
            h('th', { scope: 'col' }, t('noticeRequired')),
            h('th', { scope: 'col' }, t('noticeMet')),
          ),
        ),
        h(
          'tbody',
          {},
          row(
            t('participationTitle'),
            tally.participated,
            tally.eligible,
            tally.participation.required,
            tally.participation.areaMet,
            tally.participation.headsMet,
          ),
          row(
            t('approvalTitle'),
            tally.for,
            tally.participated,
            tally.approval.required,
            tally.approval.areaMet,
            tally.approval.headsMet,
          ),
        ),
      ),
    ),
    h(
      'p',
      {},
      ['for', 'against', 'abstain']
        .map((k) => `${t(k)} ${tally[k].heads} ${t('headsUnit')}、${m2(tally[k].areaM2)}`)
        .join('；'),
    ),
    dates,
  ];
}

function electionResult(e) {
  const names = (list) => (list ?? []).map((m) => m.name).join('、') || '—';
  const p = e.participation;
  return [
    h(
      'p',
      { class: 'notice-result' },
      h('strong', {}, `${t('outcome')}：${word('electionOutcome', e.outcome)}。`),
      word('electionWhy', e.outcome),
    ),
    facts([
      [t('electedMembers'), names(e.elected)],
      e.alternatesElected?.length ? [t('alternates'), names(e.alternatesElected)] : null,
      [t('seats'), String(e.seats)],
      e.participated
        ? [
            t('participationTitle'),
            `${e.participated.heads} / ${e.eligible.heads} ${t('headsUnit')}（${share(e.participated.heads, e.eligible.heads)}），${m2(e.participated.areaM2)} / ${m2(e.eligible.areaM2)}（${share(e.participated.areaM2, e.eligible.areaM2)}），${t('noticeRequired')}${threshold(p?.required)?.words ?? p?.required ?? ''}`,
          ]
        : null,
      ...votingPeriod(e),
    ]),
    h(
      'ul',
      {},
      [...(e.candidates ?? [])]
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
        .map((c) =>
          h(
            'li',
            {},
            `${c.name}：${word('seat', c.seat ?? 'NOT_ELECTED')}`,
            c.approving
              ? `，${t('approvalTitle')} ${c.approving.heads} ${t('headsUnit')}、${m2(c.approving.areaM2)}（${share(c.approving.areaM2, e.participated.areaM2)}）`
              : '',
          ),
        ),
    ),
  ];
}

const statementTitle = (s) =>
  `${word('fund', s.fund)} · ${date(s.periodStart)} – ${date(new Date(Date.parse(s.periodEnd) - 1).toISOString())}`;

function statementResult(s) {
  const c = s.content;
  return [
    facts([
      [t('openingBalance'), yuan(c.openingBalance)],
      [t('income'), yuan(c.income.total)],
      [t('expense'), yuan(c.expenses.total)],
      [t('closingBalance'), yuan(c.closingBalance)],
      s.publishedAt ? [t('noticePublished'), date(s.publishedAt)] : null,
      [t('opinion'), s.audit ? word('opinion', s.audit.opinion) : t('notAudited')],
      s.audit ? [t('auditedAt'), date(s.audit.auditedAt)] : null,
    ]),
  ];
}
