import { fetchFile, get } from '../lib/api.js';
import { field, h, saveFile } from '../lib/dom.js';
import { date } from '../lib/format.js';
import { colon, t, word } from '../lib/i18n.js';
import { navigate } from '../lib/nav.js';
import { isRegulator, notRegulator } from '../lib/regulator.js';
import { errorNotice, heading, table } from '../lib/ui.js';
import { dt } from '../lib/desk-strings.js';

/**
 * The street office's desk: every community of the district, its governing body, term, filing and
 * the duties overdue (DOMAIN.md rules 16, 17, 24), and the formation rate of owners' committees.
 */
export default async function render(view, _params, query) {
  view.append(heading(t('regulatorDesk')));
  if (!isRegulator()) return view.append(...notRegulator('/regulator'));
  const district = query.get('district') ?? '';
  const street = query.get('street') ?? '';
  // Rule 31: a district, or one street of it; the same filter serves the list and its downloads.
  const filter = new URLSearchParams(Object.entries({ district, street }).filter(([, v]) => v)).toString();
  const answer = await get(`/regulator/communities${filter ? `?${filter}` : ''}`);
  const input = h('input', { type: 'search', name: 'district', value: district, placeholder: '海淀区' });
  const streetInput = h('input', { type: 'search', name: 'street', value: street, placeholder: '北太平庄街道' });
  view.append(
    h(
      'form',
      {
        class: 'filter-line',
        onsubmit: (event) => {
          event.preventDefault();
          const chosen = new URLSearchParams(
            Object.entries({ district: input.value.trim(), street: streetInput.value.trim() }).filter(([, v]) => v),
          ).toString();
          navigate(chosen ? `/regulator?${chosen}` : '/regulator');
        },
      },
      field(t('district'), input, t('districtHint')),
      field(dt('street'), streetInput, dt('streetHint')),
      h('button', { type: 'submit' }, t('apply')),
    ),
  );

  const rate = answer.formationRate;
  view.append(
    h('p', { class: 'rate' }, `${t('formationRate')}${colon()}`, h('strong', {}, rateText(rate))),
    h('p', { class: 'hint' }, t('formationRateHint', { date: date(answer.asOf) })),
    answer.byStreet?.length > 1 || (answer.byStreet?.length === 1 && !street) ? streetRates(answer.byStreet) : null,
  );

  view.append(
    table(
      t('districtCommunities'),
      [
        {
          label: t('community'),
          cell: (c) => h('a', { href: `/regulator/c/${encodeURIComponent(c.communityId)}` }, c.name),
        },
        { label: dt('streetCol'), cell: (c) => c.street ?? '—' },
        {
          label: t('managingBody'),
          cell: (c) => (c.governingBody === 'NONE' ? t('noBodyShort') : word('body', c.governingBody)),
        },
        { label: t('termEnds'), cell: (c) => (c.termEndsAt ? date(c.termEndsAt) : '—') },
        {
          label: t('filing'),
          cell: (c) => [
            word('filing', c.filingStatus),
            c.filingStatus === 'PENDING' && c.filingDueBy ? ` ${t('filingDueBy', { date: date(c.filingDueBy) })}` : '',
          ],
        },
        {
          label: t('overdueDuties'),
          cell: (c) =>
            c.overdue.length
              ? h(
                  'ul',
                  { class: 'plain' },
                  c.overdue.map((d) => h('li', { class: 'bad' }, word('duty', d))),
                )
              : t('none'),
        },
      ],
      answer.communities,
    ),
  );

  const result = h('div', { 'aria-live': 'polite' });
  const download = (name, ext, label) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: async () => {
          try {
            saveFile(name, await fetchFile(`/regulator/communities.${ext}${filter ? `?${filter}` : ''}`));
          } catch (e) {
            result.replaceChildren(errorNotice(e));
          }
        },
      },
      label,
    );
  view.append(
    h(
      'p',
      { class: 'links' },
      download('communities-governance.xlsx', 'xlsx', dt('downloadXlsx')),
      ' ',
      download('communities-governance.csv', 'csv', t('downloadDistrictCsv')),
    ),
    result,
    h('p', { class: 'links' }, h('a', { href: '/regulator/services' }, dt('threeRatesLink'))),
  );
}

const rateText = (rate) =>
  rate.percent === null
    ? t('noCommunitiesHere')
    : t('formationRateValue', {
        formed: rate.formed,
        total: rate.total,
        fraction: rate.fraction,
        percent: rate.percent,
      });

/** Rule 31: each street's own formation rate; a region of its own, reachable by keyboard when it scrolls on a phone. */
function streetRates(byStreet) {
  const wrap = table(
    dt('byStreet'),
    [
      { label: dt('streetCol'), cell: (s) => s.street ?? dt('noStreet') },
      { label: dt('communitiesCol'), num: true, cell: (s) => s.communityIds.length },
      { label: dt('formationCol'), num: true, cell: (s) => rateText(s.formationRate) },
    ],
    byStreet,
  );
  wrap.setAttribute('tabindex', '0');
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', dt('byStreet'));
  return wrap;
}
