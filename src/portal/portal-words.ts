import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeWords } from '../platform/http/xlsx.js';
import { portalDirectory } from './portal-static.js';

/**
 * The portal's Chinese words for codes (matter_SPEND_PUBLIC_REVENUE → 公共收益支出), for the
 * spreadsheets the API hands to people: one table of words for the pages and the files.
 */
export async function portalWords(): Promise<CodeWords> {
  const directory = portalDirectory();
  if (!directory) return () => undefined;
  const module = (await import(pathToFileURL(join(directory, 'lib', 'strings-zh.js')).href)) as {
    default: Record<string, string>;
  };
  const words = module.default;
  return (prefix, code) => words[`${prefix}_${code}`];
}
