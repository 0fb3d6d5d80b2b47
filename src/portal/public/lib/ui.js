import { ApiError } from './api.js';
import { h, notice } from './dom.js';
import { dateTime, wan, yuan } from './format.js';
import { colon, fill, refusalEntry, t, word } from './i18n.js';

/** What the page itself refuses before asking the server (a malformed line, say), in the reader's words. */
export class Refusal extends Error {}

// Details a refusal names, in the reader's terms: amounts in yuan, instants in Beijing time.
const MONEY = new Set([
  'limit',
  'excess',
  'balance',
  'shortfall',
  'budget',
  'alreadySpent',
  'topUpDue',
  'fundBalance',
  'amount',
]);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function detailWords(details, context) {
  const words = {};
  for (const [name, value] of Object.entries(details ?? {})) {
    if (value === null || typeof value === 'object') continue;
    words[name] = MONEY.has(name) ? yuan(value) : INSTANT.test(String(value)) ? dateTime(value) : String(value);
  }
  // The vote or election by its title, where the page knows it: people do not know ids.
  const title = context?.titleOf?.(details?.resolutionId ?? details?.electionId);
  if (title) words.title = title;
  return words;
}

/**
 * The sentence for a refusal: its code's entry in lib/refusals-*.js, a sentence or a list of them
 * from the most particular; the first whose {names} the details fill is the one shown.
 */
export function refusalSentence(code, details, context) {
  const entry = refusalEntry(code);
  if (entry === null) return null;
  const words = detailWords(details, context);
  const sentences = Array.isArray(entry) ? entry : [entry];
  for (const sentence of sentences) {
    const filled = fill(typeof sentence === 'function' ? sentence(words) : sentence, words);
    if (filled !== null) return filled;
  }
  return sentences.at(-1);
}

/** A person-readable sentence for what went wrong: the server's refusal by its code, whatever the status. */
function errorSentence(e, context) {
  if (e instanceof Refusal) return e.message;
  if (!(e instanceof ApiError)) return t('errorGeneric', { message: String(e?.message ?? e) });
  if (e.code === 'NETWORK') return t('errorNetwork');
  if (e.status >= 500 && !e.code) return t('errorServer');
  return refusalSentence(e.code, e.details, context) ?? t('refusedUnknown');
}

const SIGN_IN_AGAIN = new Set(['UNAUTHENTICATED', 'INVALID_TOKEN', 'TOKEN_EXPIRED']);

/** What trying again may cure: the network, or the server's own trouble (5xx); not a refusal. */
const passing = (e) => e instanceof ApiError && (e.code === 'NETWORK' || e.status >= 500);

/**
 * A refusal in words a person can act on; the server's own message (in English, with ids and UTC
 * times) and its code behind a fold, for whoever helps them. `retry`, when given, is offered as a
 * button for what may pass (a dropped connection, a server error).
 */
export function errorNotice(e, context, retry) {
  const fromServer = e instanceof ApiError && e.code !== 'NETWORK';
  return notice(
    'error',
    h(
      'p',
      { class: 'refusal' },
      errorSentence(e, context),
      fromServer && SIGN_IN_AGAIN.has(e.code) ? [' ', h('a', { href: signInHref() }, t('navSignIn'))] : null,
    ),
    retry && passing(e)
      ? h('p', {}, h('button', { type: 'button', class: 'retry', onclick: retry }, t('retry')))
      : null,
    fromServer
      ? h(
          'details',
          { class: 'tech' },
          h('summary', {}, t('techDetails')),
          h('p', { lang: 'en', class: 'server-says' }, e.message),
          h('p', { class: 'mono' }, e.code ?? `HTTP ${e.status}`),
        )
      : null,
  );
}

/** The sign-in page, told to come back here afterwards. */
export const signInHref = () => `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;

/**
 * A secondary panel (a ledger, a chart) drawn after the page's answer is on screen: a placeholder now,
 * its content when `build` resolves, or the error with a retry button in its place.
 */
export function later(build) {
  const slot = h('div', { class: 'later', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('loading')));
  const run = () =>
    Promise.resolve()
      .then(build)
      .then(
        (content) => slot.replaceChildren(...[content].flat().filter(Boolean)),
        (e) => slot.replaceChildren(errorNotice(e, undefined, run)),
      )
      .finally(() => slot.removeAttribute('aria-busy'));
  run();
  return slot;
}

export function heading(text) {
  return h('h1', { tabindex: '-1' }, text);
}

export function badge(kind, code) {
  return h('span', { class: `badge badge-${code}` }, word(kind, code));
}

/** Simple accessible table: caption, header cells with scope, numeric columns right-aligned. */
export function table(caption, columns, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((c, i) =>
              i === 0
                ? h('th', { scope: 'row', class: c.num ? 'num' : null }, c.cell(row))
                : h('td', { class: c.num ? 'num' : null }, c.cell(row)),
            ),
          ),
        ),
      ),
    ),
  );
}

export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(Boolean).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
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

/** A sum as a person reads it (¥103.69 万), the exact yuan one tap away; a small sum is exact already. */
export function money(decimal) {
  const short = wan(decimal);
  const exact = yuan(decimal);
  if (short === exact) return exact;
  return h(
    'details',
    { class: 'amount' },
    h('summary', { title: exact }, short),
    h('span', {}, `${t('exactAmount')}${colon()}${exact}`),
  );
}

/** A rulebook by its name (民法典（2021）); its id, for whoever checks, goes in the technical details. */
export const rulebookName = (id) => word('rulebook', id);

/** Hashes, ids, positions: what a resident never needs to read, folded under "技术详情". */
export function techDetails(pairs) {
  const shown = pairs.filter(Boolean);
  if (!shown.length) return null;
  return h('details', { class: 'tech' }, h('summary', {}, t('techDetails')), facts(shown));
}

/** After an action, the keyboard's focus goes to what it produced (the receipt, the refusal), as a reader's eyes do. */
export function focusOn(el) {
  el.setAttribute('tabindex', '-1');
  el.focus();
}
