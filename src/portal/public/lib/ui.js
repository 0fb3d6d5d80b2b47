import { ApiError } from './api.js';
import { h, notice } from './dom.js';
import { hasWord, lp, rp, t, word } from './i18n.js';

/** What the page itself refuses before asking the server (a malformed line, say), in the reader's words. */
export class Refusal extends Error {}

/** A person-readable sentence for what went wrong in getting there (network, sign-in, rights). */
export function errorMessage(e) {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return t('errorNetwork');
    if (e.status === 401 && e.code !== 'INVALID_CREDENTIALS') return t('errorAuth');
    if (e.status === 403) return t('errorForbidden');
  }
  if (e instanceof Refusal) return e.message;
  return t('errorGeneric', { message: String(e?.message ?? e) });
}

/**
 * A refusal in words: what the rule says, in the reader's language where the code is known, then
 * always the server's own message (it names the unit, the amount, the date) and its code, which a
 * committee member can quote to whoever helps them.
 */
export function errorNotice(e) {
  const refusal = e instanceof ApiError && e.code && e.code !== 'NETWORK' && e.status < 500 && e.status !== 403 && (e.status !== 401 || e.code === 'INVALID_CREDENTIALS');
  if (!refusal) return notice('error', errorMessage(e));
  return notice('error',
    h('strong', {}, t('refused')), ' ',
    hasWord('refusal', e.code) ? h('span', {}, word('refusal', e.code), ' ') : null,
    h('span', { lang: 'en', class: 'server-says' }, e.message), ' ',
    h('span', { class: 'mono' }, `${lp()}${e.code}${rp()}`));
}

export function heading(text) {
  return h('h1', { tabindex: '-1' }, text);
}

export function badge(kind, code) {
  return h('span', { class: `badge badge-${code}` }, word(kind, code));
}

/** Simple accessible table: caption, header cells with scope, numeric columns right-aligned. */
export function table(caption, columns, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c, i) => (i === 0 ? h('th', { scope: 'row', class: c.num ? 'num' : null }, c.cell(row)) : h('td', { class: c.num ? 'num' : null }, c.cell(row)))))))));
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** Disables the form's buttons while `work` runs, so an impatient double tap sends one request. */
export async function busy(form, work) {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  try {
    return await work();
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}
