import zh from './strings-zh.js';

// Chinese first: most residents read only Chinese, and their phones never download the English.
const STRINGS = { zh, en: null };

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

/** Whether a word is known for the code (a refusal code, say), so the caller can fall back. */
export const hasWord = (prefix, code) => `${prefix}_${code}` in STRINGS.zh;

// Punctuation differs too: full-width in Chinese, ASCII with spaces in English.
export const colon = () => (lang === 'en' ? ': ' : '：');
export const lp = () => (lang === 'en' ? ' (' : '（');
export const rp = () => (lang === 'en' ? ')' : '）');
export const comma = () => (lang === 'en' ? ', ' : '，');
