import { get } from '../lib/api.js';
import { clear, field, h } from '../lib/dom.js';
import { date, fromFen, percent, toFen, yuan } from '../lib/format.js';
import { t, word } from '../lib/i18n.js';
import { navigate } from '../lib/nav.js';
import { isOwnerOf, session } from '../lib/session.js';
import { errorNotice, facts, heading, money, signInHref } from '../lib/ui.js';

const REMEMBER = (cid) => `gongzhi.myUnit.${cid}`;

/**
 * "我家的维修资金": one unit's share of the maintenance fund (GET …/maintenance-fund/units/{uid}, its
 * owners only): what it paid in, its share of each withdrawal beside the withdrawal's whole amount,
 * and what is left. The unit is asked once and remembered on this device.
 */
export default async function render(view, { cid }, query) {
  const enc = encodeURIComponent(cid);
  view.append(heading(t('myFundTitle')));
  if (!session() || !isOwnerOf(cid)) return view.append(h('p', {}, h('a', { href: signInHref() }, t('myFundSignIn'))));
  const unit = query.get('unit') ?? localStorage.getItem(REMEMBER(cid)) ?? '';
  const input = h('input', { type: 'text', name: 'unit', value: unit, required: true, autocomplete: 'off' });
  view.append(
    h(
      'form',
      {
        onsubmit: (event) => {
          event.preventDefault();
          navigate(`${location.pathname}?unit=${encodeURIComponent(input.value.trim())}`);
        },
      },
      field(t('myFundUnit'), input, t('unitSearchExample')),
      h('button', { type: 'submit' }, t('myFundShow')),
    ),
  );
  if (!unit) return;
  const result = h('section', { 'aria-labelledby': 'my-fund-h' });
  view.append(result);
  try {
    const [mine, fund] = await Promise.all([
      get(`/communities/${enc}/maintenance-fund/units/${encodeURIComponent(unit)}`),
      get(`/communities/${enc}/maintenance-fund?limit=500`, { auth: false }),
    ]);
    localStorage.setItem(REMEMBER(cid), unit);
    const whole = new Map(fund.entries.map((e) => [e.entryId ?? e.id, e]));
    result.append(
      h('h2', { id: 'my-fund-h' }, t('myFundOf', { unit: mine.unitId })),
      facts([[t('ledgerBalance'), h('strong', {}, money(mine.balance))]]),
      h(
        'ul',
        { class: 'cards entries' },
        [...mine.history].reverse().map((m) => {
          const share = toFen(m.amount);
          const entry = whole.get(m.entryId);
          const of = entry ? toFen(entry.amount) : null;
          return h(
            'li',
            { class: m.emergency ? 'card emergency-entry' : 'card' },
            h(
              'p',
              { class: 'entry-head' },
              h('span', {}, `${date(m.occurredAt)} · ${word('kind', m.kind)}`),
              h(
                'strong',
                { class: share < 0n ? 'bad' : 'ok' },
                `${share < 0n ? '−' : '+'}${yuan(fromFen(share < 0n ? -share : share))}`,
              ),
            ),
            m.purpose ? h('p', {}, `${t('purpose')}：${m.purpose}`) : null,
            share < 0n && of
              ? h(
                  'p',
                  { class: 'share' },
                  t('myFundShare', {
                    share: yuan(fromFen(-share)),
                    whole: yuan(fromFen(of)),
                    pct: percent(Number((-share * 10000n) / of) / 10000),
                  }),
                )
              : null,
            m.emergency ? h('p', { class: 'emergency' }, `⚠ ${t('emergency')}：${m.emergency.reason}`) : null,
            m.resolution
              ? h('p', {}, h('a', { href: `/c/${enc}/votes/${encodeURIComponent(m.resolution.id)}` }, t('seeVote')))
              : null,
            h('p', { class: 'muted' }, `${t('myFundAfter')}：${yuan(m.balanceAfter)}`),
          );
        }),
      ),
    );
  } catch (e) {
    clear(
      result,
      errorNotice(e, undefined, () => navigate(location.pathname + location.search, { replace: true })),
    );
  }
}
