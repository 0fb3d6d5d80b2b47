import { get, post } from './api.js';
import { clear, field, h, notice } from './dom.js';
import { dateTime } from './format.js';
import { busy, errorNotice, Refusal } from './ui.js';
import { confirmIn } from './confirm.js';
import { beijing, resultArea } from './committee-desk.js';
import { readCandidates } from './committee-election-form.js';
import { dt } from './desk-strings.js';

/** The roster between imports: a unit changing hands, and an owner's new activation letter (rule 33). */

const form = (legend, fields, button, after) =>
  h('form', {}, h('fieldset', {}, h('legend', {}, legend), fields, h('button', { type: 'submit' }, button)), after);

const who = (owner) => `${owner.name}（${owner.ownerId}）`;

/** Owners as the member writes them, one a line, found on the roster; a line that fits nobody or several is said. */
function ownersTyped(desk, text) {
  const { found, problems } = readCandidates(desk.roster, text);
  if (problems.length) throw new Refusal(problems.join(' '));
  return found;
}

/** Asks first in words, sends, says what happened; the roster is read again so later forms find the new owners. */
function confirmedForm(desk, f, place, result, ask) {
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(f, async () => {
      try {
        const step = ask();
        if (!(await confirmIn(place, step.consequence, step.confirm))) return;
        clear(result, notice('ok', await step.send()));
        desk.roster = await get(`${desk.base}/roster`).catch(() => desk.roster);
        await desk.refresh();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    });
  });
}

function transferForm(desk) {
  const unit = h('input', { type: 'text', name: 'transferUnit', required: true, maxlength: '64' });
  const owners = h('textarea', { name: 'transferOwners', required: true, rows: '3' });
  const representative = h('input', { type: 'text', name: 'transferRepresentative', maxlength: '200' });
  const at = h('input', { type: 'datetime-local', name: 'transferAt', required: true });
  const result = resultArea();
  const place = h('div');
  const f = form(
    dt('transferTitle'),
    [
      h('p', { class: 'hint' }, dt('transferHint')),
      field(dt('transferUnit'), unit),
      field(dt('transferOwners'), owners),
      field(dt('transferRepresentative'), representative),
      field(dt('transferAt'), at),
    ],
    dt('transferButton'),
    [place, result],
  );
  confirmedForm(desk, f, place, result, () => {
    const unitId = unit.value.trim();
    const current = desk.roster?.units.find((u) => u.unitId === unitId);
    if (!current) throw new Refusal(dt('unitNotFound', { unit: unitId }));
    const found = ownersTyped(desk, owners.value);
    if (!found.length) throw new Refusal(dt('noNewOwners'));
    const [rep] = representative.value.trim() ? ownersTyped(desk, representative.value) : [];
    const nameOf = (id) => desk.roster.owners.find((o) => o.ownerId === id)?.name ?? id;
    const names = found.map(who).join('、');
    const effectiveAt = beijing(at.value);
    return {
      consequence: dt('transferConsequence', {
        unit: unitId,
        names,
        when: dateTime(effectiveAt),
        old: current.ownerIds.map(nameOf).join('、'),
      }),
      confirm: dt('confirmTransfer'),
      send: async () => {
        await post(`${desk.base}/units/${encodeURIComponent(unitId)}/transfer`, {
          ownerIds: found.map((o) => o.ownerId),
          ...(rep ? { representativeId: rep.ownerId } : {}),
          effectiveAt,
        });
        return dt('transferred', { unit: unitId, names });
      },
    };
  });
  return f;
}

function letterForm(desk) {
  const owner = h('input', { type: 'text', name: 'letterOwner', required: true, maxlength: '200' });
  const result = resultArea();
  const place = h('div');
  const f = form(
    dt('letterTitle'),
    [h('p', { class: 'hint' }, dt('letterHint')), field(dt('letterOwner'), owner)],
    dt('letterButton'),
    [place, result],
  );
  confirmedForm(desk, f, place, result, () => {
    const [found] = ownersTyped(desk, owner.value);
    if (!found) throw new Refusal(dt('noNewOwners'));
    return {
      consequence: dt('letterConsequence', { who: who(found) }),
      confirm: dt('confirmLetter'),
      send: async () => {
        const letter = await post(`${desk.base}/owners/${encodeURIComponent(found.ownerId)}/letters`);
        return dt('letterIssued', { who: who(found), code: letter.activationCode });
      },
    };
  });
  return f;
}

export function ownerChangesSection(desk) {
  return h(
    'section',
    { 'aria-labelledby': 'desk-owner-changes' },
    h('h2', { id: 'desk-owner-changes', class: 'part' }, dt('rosterChangesTitle')),
    transferForm(desk),
    letterForm(desk),
  );
}
