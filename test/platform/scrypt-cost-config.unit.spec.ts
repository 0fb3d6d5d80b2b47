import { ConfigError, readConfig } from '../../src/platform/config/app-config.js';
import { SecretHasher } from '../../src/identity/secret-hashing.js';

describe('GONGZHI_SCRYPT_COST', () => {
  it("defaults to OWASP's floor, 2^17", () => {
    expect(readConfig({}).scryptCost).toBe(17);
    expect(new SecretHasher().decoy).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('refuses a cost below 2^14 or above 2^22, and anything not a whole number', () => {
    for (const bad of ['13', '23', '16.5', 'high'])
      expect(() => readConfig({ GONGZHI_SCRYPT_COST: bad })).toThrow(ConfigError);
  });

  it('hashes at the configured cost and asks to rehash a weaker hash, never a stronger one', async () => {
    const weak = await new SecretHasher(14).hash('a long secret');
    expect(weak).toMatch(/^scrypt\$16384\$/);
    expect(new SecretHasher(15).needsRehash(weak)).toBe(true);
    expect(new SecretHasher(14).needsRehash(weak)).toBe(false);
    expect(await new SecretHasher(15).matches('a long secret', weak)).toBe(true);
    expect(await new SecretHasher(14).matches('another secret', weak)).toBe(false);
  });
});
