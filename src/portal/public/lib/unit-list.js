import { h } from './dom.js';
import { t } from './i18n.js';
import { table } from './ui.js';

/** "2-1-101" before "10-1-101": numbers compared as numbers, the rest as text. */
export function naturalCompare(a, b) {
  const chunks = (s) => String(s).match(/\d+|\D+/g) ?? [];
  const [x, y] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const order = numeric ? Number(p) - Number(q) || p.length - q.length : p < q ? -1 : p > q ? 1 : 0;
    if (order) return order;
  }
  return x.length - y.length;
}

/** A unit's building: what comes before its first "-" (the roster's "楼-单元-房" numbering). */
export const buildingOf = (unitId) => String(unitId).split('-')[0];

/** What a reader types ("2号楼", "2-1", "101") as a test of a unit's number. */
export function unitMatcher(query) {
  const q = String(query ?? '')
    .replace(/\s+/g, '')
    .replace(/[－—–]/g, '-');
  if (!q) return () => true;
  const building = /^(\d+)(号楼|号|栋|幢)$/.exec(q);
  if (building) return (unitId) => buildingOf(unitId) === building[1];
  // "2-1-101" or "2-1": from the start (so 12-1-101 is not found for 2-1-101); "101": the room number.
  if (q.includes('-')) return (unitId) => String(unitId).startsWith(q);
  return (unitId) => buildingOf(unitId) === q || String(unitId).split('-').at(-1).startsWith(q);
}

// A list this short is shown open; a longer one folds by building, so a phone scrolls a screen, not 145.
const OPEN_UP_TO = 60;

/**
 * A long list of units (the participation list of a 3,100-unit community): searchable by building and
 * number, in natural order, grouped by building with a count for each; `columns` after the unit's own.
 */
export function unitList(units, columns, label) {
  const sorted = [...units].sort((a, b) => naturalCompare(a.unitId, b.unitId));
  const groups = new Map();
  for (const u of sorted) groups.set(buildingOf(u.unitId), [...(groups.get(buildingOf(u.unitId)) ?? []), u]);
  const open = sorted.length <= OPEN_UP_TO;
  const found = h('p', { class: 'muted', role: 'status' }, t('unitsCount', { count: sorted.length }));
  const sections = [...groups].map(([building, list]) => {
    const count = h('span', { class: 'count' }, t('unitsCount', { count: list.length }));
    const rows = table(null, [{ label: t('unit'), cell: (u) => u.unitId }, ...columns], list);
    return {
      list,
      count,
      rows: [...rows.querySelectorAll('tbody tr')],
      el: h(
        'details',
        { class: 'building', open, dataset: { building } },
        h('summary', {}, t('buildingN', { b: building }), ' · ', count),
        rows,
      ),
    };
  });
  const search = h('input', {
    type: 'search',
    inputmode: 'text',
    autocomplete: 'off',
    placeholder: t('unitSearchExample'),
    oninput: () => {
      const matches = unitMatcher(search.value);
      const searching = search.value.trim() !== '';
      const shown = sections.map((s) =>
        s.list.reduce((n, u, i) => {
          const hit = matches(u.unitId);
          s.rows[i].hidden = !hit;
          return n + (hit ? 1 : 0);
        }, 0),
      );
      const total = shown.reduce((a, b) => a + b, 0);
      const groupsFound = shown.filter((n) => n > 0).length;
      sections.forEach((s, i) => {
        s.el.hidden = shown[i] === 0;
        // What a search found is shown open: a few units, or one whole building.
        s.el.open = open || (searching && shown[i] > 0 && (shown[i] <= OPEN_UP_TO || groupsFound === 1));
        s.count.textContent = t('unitsCount', { count: shown[i] });
      });
      found.textContent = search.value.trim()
        ? t('unitsFound', { count: total })
        : t('unitsCount', { count: sorted.length });
    },
  });
  const id = `unit-search-${Math.random().toString(36).slice(2, 8)}`;
  search.id = id;
  return h(
    'div',
    { class: 'unit-list' },
    h('div', { class: 'field' }, h('label', { for: id }, label ?? t('unitSearch')), search),
    found,
    sections.map((s) => s.el),
  );
}
