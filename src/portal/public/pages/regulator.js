import { fetchFile, get } from '../lib/api.js';
import { field, h, saveFile } from '../lib/dom.js';
import { date } from '../lib/format.js';
import { colon, t, word } from '../lib/i18n.js';
import { navigate } from '../lib/nav.js';
import { isRegulator, notRegulator } from '../lib/regulator.js';
import { errorNotice, heading, table } from '../lib/ui.js';

/**
 * The street office's desk: every community of the district, its governing body, term, filing and
 * the duties overdue (DOMAIN.md rules 16, 17, 24), and the formation rate of owners' committees.
 */
export default async function render(view, _params, query) {
  view.append(heading(t('regulatorDesk')));
  if (!isRegulator()) return view.append(...notRegulator('/regulator'));
  const district = query.get('district') ?? '';
  const answer = await get(`/regulator/communities${district ? `?district=${encodeURIComponent(district)}` : ''}`);
  const input = h('input', { type: 'search', name: 'district', value: district, placeholder: '海淀区' });
  view.append(
    h(
      'form',
      {
        class: 'filter-line',
        onsubmit: (event) => {
          event.preventDefault();
          const chosen = input.value.trim();
          navigate(chosen ? `/regulator?district=${encodeURIComponent(chosen)}` : '/regulator');
        },
      },
      field(t('district'), input, t('districtHint')),
      h('button', { type: 'submit' }, t('apply')),
    ),
  );

  const rate = answer.formationRate;
  view.append(
    h(
      'p',
      { class: 'rate' },
      `${t('formationRate')}${colon()}`,
      h(
        'strong',
        {},
        rate.percent === null
          ? t('noCommunitiesHere')
          : t('formationRateValue', {
              formed: rate.formed,
              total: rate.total,
              fraction: rate.fraction,
              percent: rate.percent,
            }),
      ),
    ),
    h('p', { class: 'hint' }, t('formationRateHint', { date: date(answer.asOf) })),
  );

  view.append(
    table(
      t('districtCommunities'),
      [
        {
          label: t('community'),
          cell: (c) => h('a', { href: `/regulator/c/${encodeURIComponent(c.communityId)}` }, c.name),
        },
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
  view.append(
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            try {
              saveFile(
                'communities-governance.csv',
                await fetchFile(
                  `/regulator/communities.csv${district ? `?district=${encodeURIComponent(district)}` : ''}`,
                ),
              );
            } catch (e) {
              result.replaceChildren(errorNotice(e));
            }
          },
        },
        t('downloadDistrictCsv'),
      ),
    ),
    result,
  );
}
