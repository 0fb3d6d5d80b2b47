import { API, get, getOptional } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { date, yuan } from '../lib/format.js';
import { lp, rp, t, word } from '../lib/i18n.js';
import { facts, heading, unavailable } from '../lib/ui.js';

export default async function render(view, { cid }) {
  const enc = encodeURIComponent(cid);
  const community = await get(`/communities/${enc}`);
  view.append(h('p', {}, h('a', { href: `/c/${enc}` }, `← ${community.name}`)), heading(`${t('statements')} · ${community.name}`));
  const statements = await getOptional(`/communities/${enc}/statements`, { auth: false });
  if (!statements) return view.append(unavailable());
  view.append(h('p', {}, h('a', { href: `${API}/communities/${enc}/statements.csv`, download: '' }, t('downloadCsv'))));
  if (!statements.length) return view.append(h('p', { class: 'muted' }, t('noEntries')));
  view.append(h('ul', { class: 'cards' }, statements.slice().reverse().map((s) => h('li', { class: 'card' },
    h('h2', { style: { border: 0, marginTop: 0 } }, `${word('fund', s.fund)} · ${date(s.periodStart)} – ${date(new Date(Date.parse(s.periodEnd) - 1).toISOString())}`),
    facts([
      [t('status'), s.status === 'DRAFT' ? t('draft') : `${t('published')}${lp()}${date(s.publishedAt)}${rp()}`],
      s.content ? [t('openingBalance'), yuan(s.content.openingBalance)] : null,
      s.content ? [t('income'), yuan(s.content.income?.total)] : null,
      s.content ? [t('expense'), yuan(s.content.expenses?.total)] : null,
      s.content ? [t('closingBalance'), h('strong', {}, yuan(s.content.closingBalance))] : null,
      [t('opinion'), s.audit ? h('strong', {}, word('opinion', s.audit.opinion)) : h('span', { class: 'muted' }, t('notAudited'))],
      s.contentSha256 ? [t('sha256'), h('span', { class: 'mono' }, s.contentSha256)] : null,
    ])))));
}
