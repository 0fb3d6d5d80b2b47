import { ApiError } from './api.js';
import { h, notice } from './dom.js';
import { t, word } from './i18n.js';

/** A person-readable sentence for an error; the server's message only where it is meant for people. */
export function errorMessage(e) {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return t('errorNetwork');
    if (e.status === 401) return t('errorAuth');
    if (e.status === 403) return t('errorForbidden');
    if (e.missingEndpoint) return t('notYetAvailable');
    return t('errorGeneric', { message: e.message });
  }
  return t('errorGeneric', { message: String(e?.message ?? e) });
}

export const errorNotice = (e) => notice('error', errorMessage(e));
export const unavailable = () => notice('info', t('notYetAvailable'));

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
