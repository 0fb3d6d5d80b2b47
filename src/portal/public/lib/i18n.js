import zh from './strings-zh.js';

// Chinese first: most residents read only Chinese, and their phones never download the English.
const STRINGS = { zh, en: null };
// The refusal sentences are a page of their own, fetched with the first refusal (lib/api.js): most visits see none.
const REFUSALS = { zh: null, en: null };

const LANG_KEY = 'gongzhi.lang';
let lang = (() => {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
})();

export const currentLang = () => lang;
export const htmlLang = () => (lang === 'en' ? 'en' : 'zh-CN');

/** Loads the chosen language's strings; the router awaits it before the first page. */
export async function loadLang() {
  if (lang === 'en' && !STRINGS.en) STRINGS.en = (await import('./strings-en.js')).default;
}

/** Loads the refusal sentences of the chosen language (and the Chinese, which every other falls back to). */
export async function loadRefusals() {
  if (!REFUSALS.zh) REFUSALS.zh = (await import('./refusals-zh.js')).default;
  if (lang === 'en' && !REFUSALS.en) REFUSALS.en = (await import('./refusals-en.js')).default;
}

export async function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  await loadLang();
  document.documentElement.lang = htmlLang();
}

const table = () => STRINGS[lang] ?? STRINGS.zh;

/** t('barText', {what: …}); an unknown key shows itself, which a test or a reader notices. */
export function t(key, params = {}) {
  const s = table()[key] ?? STRINGS.zh[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, name) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}

/** A code such as matter or status in words; the code itself when no word is known. */
export function word(prefix, code) {
  if (code === null || code === undefined) return '';
  const key = `${prefix}_${code}`;
  return table()[key] ?? STRINGS.zh[key] ?? code;
}

/** The sentence for a refusal code as written in lib/refusals-*.js (a string, or [with details, without]); null when none is. */
export const refusalEntry = (code) => (REFUSALS[lang] ?? REFUSALS.zh ?? {})[code] ?? REFUSALS.zh?.[code] ?? null;

/** Fills {name} from params; null when one is missing, so the caller can take the sentence without details. */
export function fill(text, params) {
  let missing = false;
  const filled = text.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined || params[name] === null) missing = true;
    return String(params[name]);
  });
  return missing ? null : filled;
}

// Punctuation differs too: full-width in Chinese, ASCII with spaces in English.
export const colon = () => (lang === 'en' ? ': ' : '：');
export const lp = () => (lang === 'en' ? ' (' : '（');
export const rp = () => (lang === 'en' ? ')' : '）');
export const comma = () => (lang === 'en' ? ', ' : '，');
