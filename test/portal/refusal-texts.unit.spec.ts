import { fileURLToPath } from 'node:url';
import { KNOWN_RELAYS, serverErrorCodes } from './support/server-error-codes.js';
// @ts-expect-error plain JS browser module without type declarations
import zh from '../../src/portal/public/lib/refusals-zh.js';
// @ts-expect-error plain JS browser module without type declarations
import en from '../../src/portal/public/lib/refusals-en.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { codes, relays } = serverErrorCodes(root);

/** A refusal the portal cannot put in words shows a person an English sentence and a code. */
describe('every refusal the server can answer has a sentence in the portal', () => {
  it('finds the codes in the server source (the extraction itself works)', () => {
    expect(codes).toEqual(expect.arrayContaining(['NOT_A_VOTER', 'POSTING_PERIOD_TOO_SHORT', 'BUDGET_EXCEEDED', 'VALIDATION_FAILED', 'EMPTY_ROSTER', 'RESOLUTION_CLOSED', 'INTERNAL_ERROR', 'NOT_FOUND']));
  });

  it('passes a code through a variable only at the known relays, whose codes the extraction reads elsewhere', () => {
    expect(relays.filter((r) => !KNOWN_RELAYS.includes(r.argument))).toEqual([]);
  });

  it('has Chinese text for every code', () => {
    expect(codes.filter((code) => !(code in zh))).toEqual([]);
  });

  it('has English text for every code', () => {
    expect(codes.filter((code) => !(code in en))).toEqual([]);
  });

  it('names no code the server cannot answer, so the tables stay the server\'s list', () => {
    const known = new Set([...codes, 'NETWORK']);
    expect(Object.keys(zh).filter((code) => !known.has(code))).toEqual([]);
    expect(Object.keys(en).filter((code) => !known.has(code))).toEqual([]);
  });
});
