import { get, post } from './api.js';
import { clear, field, h, notice, saveFile } from './dom.js';
import { area } from './format.js';
import { loadRefusals, t } from './i18n.js';
import { confirmIn } from './confirm.js';
import { dt } from './desk-strings.js';
import { resultArea } from './committee-desk.js';
import { busy, errorNotice, refusalSentence, Refusal, table } from './ui.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A file as the import routes take it: an .xlsx by its bytes, anything else as CSV (some systems type neither). */
const upload = (file) =>
  new Blob([file], { type: /\.xlsx$/i.test(file.name) || file.type === XLSX ? XLSX : 'text/csv' });

/** Every bad row of a preview, in words; the server's own messages behind the technical fold. */
function problemsTable(problems) {
  return [
    notice('error', h('p', {}, dt('problemsFound', { count: problems.length }))),
    table(
      null,
      [
        { label: dt('problemRow'), num: true, cell: (p) => p.row ?? '' },
        { label: dt('problemUnit'), cell: (p) => p.unitId ?? '' },
        {
          label: dt('problemWhat'),
          cell: (p) => refusalSentence(p.code, { ...p.details, row: p.row, unitId: p.unitId }) ?? p.message,
        },
      ],
      problems,
    ),
    h(
      'details',
      { class: 'tech' },
      h('summary', {}, t('techDetails')),
      h(
        'ul',
        { lang: 'en', class: 'server-says' },
        problems.map((p) => h('li', {}, `${p.code}: ${p.message}`)),
      ),
    ),
  ];
}

/**
 * One import file: pick it, preview it (the server's dry run judges every row, nothing is written),
 * then send the same file once the preview is clean and the member has read what will happen.
 */
function importForm({
  legend,
  label,
  hint,
  name,
  path,
  previewLabel,
  sendLabel,
  summary,
  consequence,
  confirmLabel,
  done,
  desk,
}) {
  const input = h('input', { type: 'file', name, accept: `.csv,.xlsx,text/csv,${XLSX}`, required: true });
  const outcome = resultArea();
  const place = h('div');
  let previewed = null;
  input.addEventListener('change', () => {
    previewed = null;
    clear(outcome);
    clear(place);
  });
  const send = async (file, preview) => {
    try {
      const answer = await post(path, upload(file));
      clear(outcome, notice('ok', ...[await done(answer, preview)].flat()));
      input.value = '';
      previewed = null;
      await desk.refresh();
    } catch (e) {
      clear(outcome, errorNotice(e, desk));
    }
  };
  const form = h(
    'form',
    {},
    h(
      'fieldset',
      {},
      h('legend', {}, legend),
      field(label, input, hint),
      h('button', { type: 'submit' }, previewLabel),
    ),
    outcome,
    place,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      clear(place);
      try {
        const file = input.files?.[0];
        if (!file) throw new Refusal(dt('pickFileFirst'));
        const preview = await post(`${path}?dryRun=true`, upload(file));
        // The rows' problems are said by the refusal sentences, which load with the first refusal.
        if (preview.problems.length) await loadRefusals();
        previewed = { file, preview };
        const ok = preview.problems.length === 0;
        const go = ok
          ? h(
              'button',
              {
                type: 'button',
                onclick: async (e) => {
                  if (previewed?.file !== file) return clear(outcome, notice('error', h('p', {}, dt('previewFirst'))));
                  e.target.disabled = true;
                  const sure = await confirmIn(place, consequence(preview), confirmLabel);
                  if (sure) await send(file, preview);
                  else e.target.disabled = false;
                },
              },
              sendLabel,
            )
          : null;
        clear(
          outcome,
          notice(ok ? 'ok' : 'info', h('p', {}, dt('previewRows', { rows: preview.rows }), ' ', summary(preview))),
          ok ? h('p', {}, dt('noProblems')) : problemsTable(preview.problems),
          go,
        );
      } catch (e) {
        clear(outcome, errorNotice(e, desk));
      }
    });
  });
  return form;
}

/** Rules 1–4: the owners, then their units; a committee's Excel file goes in as it is. */
export function rosterSection(desk) {
  const codesLink = (codes) => {
    const rows = Object.entries(codes).map(([ownerId, code]) => `${ownerId},${code}`);
    const blob = new Blob(['\ufeff', ['ownerId,activationCode', ...rows].join('\r\n')], {
      type: 'text/csv;charset=utf-8',
    });
    return h(
      'p',
      {},
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => saveFile(`${dt('codesFile')}.csv`, blob) },
        dt('downloadCodes'),
      ),
    );
  };
  const owners = importForm({
    legend: dt('previewOwners'),
    label: dt('ownersFile'),
    hint: dt('ownersFileHint'),
    name: 'ownersFile',
    path: `${desk.base}/owners:import`,
    previewLabel: dt('previewOwners'),
    sendLabel: dt('registerOwners'),
    summary: (p) => dt('ownersKinds', p.kinds),
    consequence: (p) => dt('ownersConsequence', { count: p.kinds.PERSON + p.kinds.ORGANISATION + p.kinds.DEVELOPER }),
    confirmLabel: dt('confirmRegister'),
    done: (answer) => [
      h('p', {}, dt('ownersRegistered', { count: Object.keys(answer.activationCodes).length })),
      codesLink(answer.activationCodes),
    ],
    desk,
  });
  const units = importForm({
    legend: dt('previewUnits'),
    label: dt('unitsFile'),
    hint: dt('unitsFileHint'),
    name: 'unitsFile',
    path: `${desk.base}/units:import`,
    previewLabel: dt('previewUnits'),
    sendLabel: dt('importUnits'),
    summary: (p) => dt('rosterTotals', { units: p.totals.units, heads: p.totals.heads, area: area(p.totals.areaM2) }),
    consequence: (p) =>
      dt('unitsConsequence', { units: p.totals.units, heads: p.totals.heads, area: area(p.totals.areaM2) }),
    confirmLabel: dt('confirmImport'),
    done: async (answer) => {
      // The paper-ballot station and the candidate lookup find people in the new roster at once.
      desk.roster = await get(`${desk.base}/roster`).catch(() => desk.roster);
      return h('p', {}, dt('unitsImported', { count: answer.count }));
    },
    desk,
  });
  return h(
    'section',
    { 'aria-labelledby': 'desk-roster' },
    h('h2', { id: 'desk-roster', class: 'part' }, dt('rosterTitle')),
    h('p', { class: 'hint' }, dt('rosterHint')),
    owners,
    units,
  );
}
