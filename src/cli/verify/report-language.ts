/**
 * The languages `gongzhi verify` reports in. The checks write each finding in English as they find it
 * (what the library's callers and the tests read); a language is a table that says the report's own
 * words, and, for every form of finding, how it reads in that language: the figures in it (ids, hashes,
 * counts, amounts, names) carried over as found. English is the identity.
 */
export type Language = 'en' | 'zh';

/** Chinese when the locale is (LC_ALL, else LC_MESSAGES, else LANG, as POSIX orders them): zh_CN.UTF-8, zh_TW… */
export function languageOf(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export interface ReportStrings {
  /** The summary table's name of each check row, by its English name. */
  check(name: string): string;
  community(id: string, events: number, checkpoints: number): string;
  signedBy(fingerprint: string, whose: string): string;
  signerPinned: string;
  signerNotPinned(pinned: string): string;
  signerOwn: string;
  table: { check: string; checked: string; result: string; ok: string; failed: (n: number) => string; none: string };
  figuresPinned: string;
  figuresOwn: string;
  figuresUncovered(from: number, to: number): string;
  note(text: string): string;
  verified(p: {
    pinnedKey: string;
    events: number;
    treeSize: number;
    rootHash: string;
    timestamp: string;
    signatures: number;
    proofs: number;
    leaves: number;
  }): string;
  noWitnessAsked: string;
  cosignedBy(by: string, required: number, named: string): string;
  othersAgree(n: number): string;
  notVerified(problems: number): string;
  more(n: number): string;
  established(text: string): string;
  nothingNotPinned: string;
  ownKeyCoverage(covered: number, events: number, fingerprint: string): string;
  nothingUnderPinned(pinnedKey: string, required: number): string;
  partly(p: {
    covered: number;
    events: number;
    treeSize: number;
    rootHash: string;
    timestamp: string;
    pinnedKey: string;
    cosignedBy: string | null;
  }): string;
  where: {
    event(streamId: string, revision: number, eventId: string, leafIndex: number): string;
    checkpoint(treeSize: number): string;
    line(line: number): string;
    bundle: string;
  };
  failure(check: string, where: string, message: string): string;
  allBundles: string;
  savedCheckpoints: string;
  allVerified(n: number, pinnedKey: string | null): string;
  bundlesNotVerified(failed: string[], unchecked: number): string;
  /** A finding, note, figure or reason as found (in English), in this language. */
  say(text: string): string;
  /** `gongzhi verify --help`. */
  usage: string;
}
