import { canonicalSha256 } from './canonical-sha256.js';

describe('canonicalSha256: the seal of a published document', () => {
  // Known answer from `printf '{"a":[1,"二"],"b":null}' | sha256sum`, outside this code.
  const KNOWN = 'b1cb453712eff4129d0e8108a2b9e8a64d923f60f2121f08333d95326ba97d35';

  it('is the bare SHA-256 of the canonical JSON, whatever the order of the keys', () => {
    expect(canonicalSha256({ a: [1, '二'], b: null })).toBe(KNOWN);
    expect(canonicalSha256({ b: null, a: [1, '二'] })).toBe(KNOWN);
  });

  it('changes with any change of content', () => {
    expect(canonicalSha256({ a: [1, '三'], b: null })).not.toBe(KNOWN);
  });

  it('refuses what JSON cannot say exactly, as canonicalJson does', () => {
    expect(() => canonicalSha256({ a: Number.NaN })).toThrow(/not a JSON number/);
  });
});
