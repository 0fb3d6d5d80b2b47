import { get } from '../lib/api.js';
import { clear, field, h } from '../lib/dom.js';
import { area, dateTime } from '../lib/format.js';
import { t, word } from '../lib/i18n.js';
import { dt } from '../lib/desk-strings.js';
import { isCommitteeOf } from '../lib/session.js';
import { heading, table } from '../lib/ui.js';
import { naturalCompare } from '../lib/unit-list.js';
import { ballotCode } from '../lib/voter-lookup.js';

// naturalCompare, not localeCompare with a locale: that builds a collator each call, seconds over a roster.
const byUnit = (a, b) => naturalCompare(a.unitId, b.unitId);

/**
 * The paper ballots of a vote or an election, one a unit, for a building or all, and a building's roll
 * to sign them out against. Each ballot's QR code names the vote and the unit, which the paper-ballot
 * station reads back (lib/voter-lookup.js). Printed from the browser (print CSS in styles.css).
 */
export default async function render(view, { cid, kind, id }) {
  const enc = encodeURIComponent(cid);
  const base = `/communities/${enc}`;
  view.append(h('p', { class: 'no-print' }, h('a', { href: `/c/${enc}/committee` }, `← ${t('committeeTitle')}`)));
  if (!isCommitteeOf(cid)) return view.append(heading(dt('printBallots')), h('p', {}, t('notCommittee')));
  const [vote, roster] = await Promise.all([get(`${base}/${kind}/${encodeURIComponent(id)}`), get(`${base}/roster`)]);
  const names = new Map(roster.owners.map((o) => [o.ownerId, o.name]));
  const buildings = [...new Set(roster.units.map((u) => u.building))].sort(naturalCompare);
  const params = new URLSearchParams(location.search);
  const building = h(
    'select',
    { name: 'building' },
    h('option', { value: '' }, dt('allBuildings')),
    buildings.map((b) => h('option', { value: b, selected: params.get('building') === b }, b)),
  );
  const what = h(
    'select',
    { name: 'view' },
    h('option', { value: 'ballots' }, dt('viewBallots')),
    h('option', { value: 'roll', selected: params.get('view') === 'roll' }, dt('viewRoll')),
  );
  const sheets = h('div', { class: 'print-sheets' });
  const owners = (u) =>
    u.ownerIds
      .map(
        (o) =>
          `${names.get(o) ?? o}${u.ownerIds.length > 1 && o === u.representativeId ? dt('ballotRepresentative') : ''}`,
      )
      .join('、');
  const draw = () => {
    const units = roster.units.filter((u) => !building.value || u.building === building.value).sort(byUnit);
    if (!units.length) return clear(sheets, h('p', { class: 'muted' }, dt('noUnits')));
    if (what.value === 'roll') return clear(sheets, rolls(units, owners));
    clear(
      sheets,
      units.map((u) => ballot(kind, vote, u, owners(u))),
    );
  };
  building.addEventListener('change', draw);
  what.addEventListener('change', draw);
  view.append(
    heading(dt('printTitle', { title: vote.title })),
    h(
      'div',
      { class: 'no-print print-controls' },
      h('p', { class: 'hint' }, dt('printHint')),
      field(dt('printBuilding'), building),
      field(dt('printView'), what),
      h('button', { type: 'button', onclick: () => window.print() }, dt('printNow')),
    ),
    sheets,
  );
  draw();
}

const box = (label) => h('li', {}, h('span', { class: 'box', 'aria-hidden': 'true' }, '□'), ' ', label);

function ballot(kind, vote, unit, owners) {
  const code = ballotCode(kind, vote.id, unit.unitId);
  const marks =
    kind === 'elections'
      ? [
          h('p', {}, dt('ballotCandidates', { seats: vote.seats })),
          h(
            'ol',
            { class: 'ballot-marks' },
            vote.candidates.map((c) => box(c.name)),
          ),
        ]
      : vote.options?.length
        ? [
            h('p', {}, dt('ballotRank')),
            h(
              'ol',
              { class: 'ballot-marks' },
              vote.options.map((o) => h('li', {}, h('span', { class: 'rank-blank' }, '____'), ' ', o.label)),
            ),
          ]
        : [
            h('p', {}, dt('ballotMark')),
            h(
              'ol',
              { class: 'ballot-marks' },
              ['FOR', 'AGAINST', 'ABSTAIN'].map((c) => box(word('choice', c))),
            ),
          ];
  return h(
    'article',
    { class: 'ballot' },
    h('h2', {}, vote.title),
    vote.description ? h('p', { class: 'ballot-text' }, vote.description) : null,
    h('p', {}, dt('ballotPeriod', { from: dateTime(vote.opensAt), to: dateTime(vote.closesAt) })),
    h(
      'div',
      { class: 'ballot-who' },
      h(
        'div',
        {},
        h('p', {}, h('strong', {}, dt('ballotUnit', { unit: unit.unitId }))),
        h('p', {}, dt('ballotOwner', { owners })),
      ),
      h('img', {
        class: 'ballot-qr',
        src: `/qr.svg?text=${encodeURIComponent(code)}`,
        alt: dt('ballotQr', { unit: unit.unitId }),
        width: '112',
        height: '112',
        'data-code': code,
      }),
    ),
    marks,
    h('p', { class: 'ballot-sign' }, `${dt('ballotSign')} ____________________\u3000${dt('ballotDate')} ____________`),
  );
}

function rolls(units, owners) {
  const byBuilding = new Map();
  for (const u of units) byBuilding.set(u.building, [...(byBuilding.get(u.building) ?? []), u]);
  return [...byBuilding].map(([b, list]) =>
    h(
      'section',
      { class: 'roll' },
      table(
        dt('rollCaption', { building: b, count: list.length }),
        [
          { label: dt('rollUnit'), cell: (u) => u.unitId },
          { label: dt('rollOwners'), cell: owners },
          { label: dt('rollArea'), num: true, cell: (u) => area(u.areaM2) },
          { label: dt('rollSignature'), cell: () => '' },
          { label: dt('rollReturned'), cell: () => '□' },
        ],
        list,
      ),
    ),
  );
}
