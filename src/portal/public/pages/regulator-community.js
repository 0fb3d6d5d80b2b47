import { fetchFile, get, post } from '../lib/api.js';
import { clear, field, h, notice, saveFile } from '../lib/dom.js';
import { confirmIn } from '../lib/confirm.js';
import { date, dateTime } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { governingBody } from '../lib/governing-body.js';
import { reload } from '../lib/nav.js';
import { deskLink, isAdmin, isRegulator, notRegulator } from '../lib/regulator.js';
import { badge, busy, errorNotice, heading } from '../lib/ui.js';

/** One community as the street office handles it: its body, elections to file, the PMC, the export, auditors. */
export default async function render(view, { cid }) {
  const enc = encodeURIComponent(cid);
  view.append(deskLink());
  if (!isRegulator()) return view.append(heading(t('regulatorDesk')), ...notRegulator(location.pathname));
  const [community, committee, elections] = await Promise.all([
    get(`/communities/${enc}`),
    get(`/communities/${enc}/committee`),
    get(`/communities/${enc}/elections`),
  ]);
  view.append(heading(`${t('regulatorDesk')} · ${community.name}`), governingBody(cid, committee, elections));
  view.append(electionsPart(enc, elections));
  if (committee.kind === 'PMC' && !committee.pmc?.dissolved) view.append(dissolutionPart(enc, committee));
  view.append(await exportPart(cid), invitationPart(cid));
}

function electionsPart(enc, elections) {
  const closed = elections.filter((e) => e.status === 'CLOSED');
  return h(
    'section',
    { 'aria-labelledby': 'reg-elections' },
    h('h2', { id: 'reg-elections' }, t('electionsToReview')),
    closed.length
      ? h(
          'ul',
          { class: 'cards' },
          closed.map((e) =>
            h(
              'li',
              { class: 'card' },
              h('a', { class: 'title', href: `/regulator/c/${enc}/elections/${encodeURIComponent(e.id)}` }, e.title),
              h(
                'p',
                {},
                e.outcome ? badge('electionOutcome', e.outcome) : null,
                ' ',
                h('span', { class: 'muted' }, `${t('closedAt')} ${dateTime(e.closedAt ?? e.closesAt)}`),
              ),
              h(
                'p',
                {},
                h('a', { href: `/regulator/c/${enc}/elections/${encodeURIComponent(e.id)}` }, t('reviewQuorumRecord')),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('noClosedElections')),
  );
}

/** Rule 17: the PMC is dissolved once a committee is filed, within 30 days; a step that cannot be undone. */
function dissolutionPart(enc, committee) {
  const place = h('div');
  const result = h('div', { 'aria-live': 'polite' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        const due = committee.pmc?.dissolveBy ? t('dissolveDue', { date: date(committee.pmc.dissolveBy) }) : '';
        if (!(await confirmIn(place, `${t('dissolveConsequence')}${due}`, t('dissolveConfirm')))) return button.focus();
        try {
          button.disabled = true;
          await post(`/communities/${enc}/pmc/dissolution`);
          clear(result, notice('ok', t('dissolved')));
          setTimeout(reload, 1500);
        } catch (e) {
          button.disabled = false;
          clear(result, errorNotice(e));
        }
      },
    },
    t('dissolvePmc'),
  );
  return h(
    'section',
    { 'aria-labelledby': 'reg-pmc' },
    h('h2', { id: 'reg-pmc' }, t('dissolvePmc')),
    h('p', { class: 'hint' }, t('dissolveHint')),
    button,
    place,
    result,
  );
}

/** The bundle `gongzhi verify` checks offline, with the key it must be signed by, to compare. */
async function exportPart(cid) {
  const key = await get('/log/public-key').catch(() => null);
  const file = `gongzhi-export-${cid.replace(/[^\w.-]/g, '_')}.ndjson`;
  const result = h('div', { 'aria-live': 'polite' });
  return h(
    'section',
    { 'aria-labelledby': 'reg-export' },
    h('h2', { id: 'reg-export' }, t('exportTitle')),
    h('p', {}, t('exportIntro')),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: async (event) => {
          event.target.disabled = true;
          try {
            saveFile(file, await fetchFile(`/communities/${encodeURIComponent(cid)}/export`));
            clear(result, notice('ok', t('exportSaved', { file })));
          } catch (e) {
            clear(result, errorNotice(e));
          } finally {
            event.target.disabled = false;
          }
        },
      },
      t('downloadExport'),
    ),
    result,
    h('p', {}, t('verifyCommandIntro')),
    h(
      'code',
      { class: 'command mono', lang: 'en' },
      `npx gongzhi verify ${file}${key ? ` --key ${key.fingerprint}` : ''}`,
    ),
    key ? h('p', { class: 'hint' }, t('verifyKeyIntro'), ' ', h('code', { class: 'mono' }, key.fingerprint)) : null,
  );
}

/** Auditors are invited by an administrator (POST /accounts/invitations is admin-only); the office is told whom to ask. */
function invitationPart(cid) {
  const box = h('section', { 'aria-labelledby': 'reg-auditor' }, h('h2', { id: 'reg-auditor' }, t('inviteAuditor')));
  if (!isAdmin()) return (box.append(h('p', {}, t('inviteAuditorByAdmin'))), box);
  const label = h('input', { type: 'text', name: 'label', maxlength: '200' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        busy(form, async () => {
          try {
            const { activationCode } = await post('/accounts/invitations', {
              role: 'auditor',
              communityId: cid,
              ...(label.value.trim() ? { label: label.value.trim() } : {}),
            });
            clear(result, notice('ok', t('auditorInvited'), ' ', h('code', { class: 'mono' }, activationCode)));
            form.reset();
          } catch (e) {
            clear(result, errorNotice(e));
          }
        });
      },
    },
    field(`${t('auditorLabel')}${t('optional')}`, label, t('auditorLabelHint')),
    h('button', { type: 'submit' }, t('inviteAuditor')),
  );
  return (box.append(h('p', { class: 'hint' }, t('inviteAuditorHint')), form, result), box);
}
