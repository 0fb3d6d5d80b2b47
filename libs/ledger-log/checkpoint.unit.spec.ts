import { createHash, generateKeyPairSync } from 'node:crypto';
import { checkpointBytes, type Checkpoint, type SignedCheckpoint } from './checkpoint.js';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCheckpoint,
  verifyCheckpointSignature,
} from './checkpoint-signing.js';

const checkpoint: Checkpoint = {
  communityId: 'community-翠湖花园',
  treeSize: 1024,
  rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  timestamp: '2025-03-01T08:30:00.000Z',
};

const keys = generateSigningKeyPair();
const otherKeys = generateSigningKeyPair();

/** Every variant of `s` with one character replaced by another from the same alphabet. */
function oneCharacterChanges(s: string, alphabet: string): string[] {
  return [...s].map((ch, i) => {
    const replacement = alphabet[(alphabet.indexOf(ch) + 1) % alphabet.length] ?? alphabet[0];
    return s.slice(0, i) + replacement + s.slice(i + 1);
  });
}

describe('checkpoint bytes', () => {
  it('are the canonical JSON of exactly the four fields', () => {
    const withExtras = { ...checkpoint, signature: 'xyz', keyId: 'k1' } as Checkpoint;
    expect(new TextDecoder().decode(checkpointBytes(withExtras))).toBe(
      '{"communityId":"community-翠湖花园","rootHash":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",' +
        '"timestamp":"2025-03-01T08:30:00.000Z","treeSize":1024}',
    );
  });

  it.each<[string, Partial<Checkpoint>]>([
    ['an empty community id', { communityId: '' }],
    ['a negative tree size', { treeSize: -1 }],
    ['a fractional tree size', { treeSize: 1.5 }],
    ['an uppercase root hash', { rootHash: checkpoint.rootHash.toUpperCase() }],
    ['a short root hash', { rootHash: checkpoint.rootHash.slice(2) }],
    ['a timestamp with an offset', { timestamp: '2025-03-01T16:30:00.000+08:00' }],
    ['a timestamp that is not a date', { timestamp: '2025-13-45T99:99:99Z' }],
  ])('refuse %s', (_what, change) => {
    expect(() => checkpointBytes({ ...checkpoint, ...change })).toThrow(TypeError);
  });
});

describe('checkpoint signatures (Ed25519)', () => {
  const signed = signCheckpoint(checkpoint, keys.privateKey);

  it('verify with the public key of the key that signed', () => {
    expect(verifyCheckpointSignature(signed, keys.publicKey)).toBe(true);
  });

  it('still verify after the signed checkpoint goes through JSON, as in an export bundle', () => {
    expect(verifyCheckpointSignature(JSON.parse(JSON.stringify(signed)), keys.publicKey)).toBe(true);
  });

  it('carry the four fields and a 64-byte signature in canonical base64, and nothing else', () => {
    const fromExtras = signCheckpoint({ ...checkpoint, note: 'dropped' } as Checkpoint, keys.privateKey);
    expect(Object.keys(fromExtras).sort()).toEqual(['communityId', 'rootHash', 'signature', 'timestamp', 'treeSize']);
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(Buffer.from(signed.signature, 'base64').toString('base64')).toBe(signed.signature);
  });

  it('take keys as KeyObjects as well as PEM', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const s = signCheckpoint(checkpoint, privateKey);
    expect(verifyCheckpointSignature(s, publicKey)).toBe(true);
    expect(verifyCheckpointSignature(s, publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe(true);
  });

  it('fail with another key', () => {
    expect(verifyCheckpointSignature(signed, otherKeys.publicKey)).toBe(false);
  });

  it('fail when any character of the community id, root hash or timestamp changes', () => {
    const variants: SignedCheckpoint[] = [
      ...oneCharacterChanges(signed.communityId, 'abcdefghijklmnopqrstuvwxyz-翠湖花园').map((communityId) => ({
        ...signed,
        communityId,
      })),
      ...oneCharacterChanges(signed.rootHash, '0123456789abcdef').map((rootHash) => ({ ...signed, rootHash })),
      ...oneCharacterChanges(signed.timestamp, '0123456789').map((timestamp) => ({ ...signed, timestamp })),
    ];
    expect(variants.length).toBeGreaterThan(80);
    for (const v of variants) expect([v, verifyCheckpointSignature(v, keys.publicKey)]).toEqual([v, false]);
  });

  it.each([0, 1023, 1025, 2048])('fail when the tree size is changed to %i', (treeSize) => {
    expect(verifyCheckpointSignature({ ...signed, treeSize }, keys.publicKey)).toBe(false);
  });

  it('fail when any bit of the signature changes', () => {
    const bytes = Buffer.from(signed.signature, 'base64');
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3] ^= 0x80 >> (bit & 7);
      expect([
        bit,
        verifyCheckpointSignature({ ...signed, signature: flipped.toString('base64') }, keys.publicKey),
      ]).toEqual([bit, false]);
    }
  });

  it('fail for a second spelling of the same signature bytes', () => {
    // The character before "==" carries 2 unused bits; a lenient decoder ignores them.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const i = signed.signature.length - 3;
    const respelled = signed.signature.slice(0, i) + alphabet[alphabet.indexOf(signed.signature[i]) ^ 1] + '==';
    expect(Buffer.from(respelled, 'base64')).toEqual(Buffer.from(signed.signature, 'base64'));
    expect(verifyCheckpointSignature({ ...signed, signature: respelled }, keys.publicKey)).toBe(false);
  });

  it.each<[string, unknown]>([
    ['a missing signature', { ...checkpoint }],
    ['a signature that is not base64', { ...checkpoint, signature: '!!!' }],
    ['a string tree size', { ...checkpoint, treeSize: '1024' }],
    ['null', null],
  ])('fail, without throwing, for %s', (_what, value) => {
    expect(verifyCheckpointSignature(value as SignedCheckpoint, keys.publicKey)).toBe(false);
  });

  it('fail, without throwing, for a key that is not Ed25519 or not a key at all', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verifyCheckpointSignature(signed, ec.publicKey)).toBe(false);
    expect(verifyCheckpointSignature(signed, 'not a pem')).toBe(false);
  });

  it('refuse to sign with a key that is not an Ed25519 private key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signCheckpoint(checkpoint, ec.privateKey)).toThrow(/Ed25519/);
    expect(() => signCheckpoint(checkpoint, generateKeyPairSync('ed25519').publicKey)).toThrow(/Ed25519/);
  });
});

describe('signing keys', () => {
  it('come as PKCS#8 and SPKI PEM', () => {
    expect(keys.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(keys.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
  });

  it('are fingerprinted as SHA-256 of the DER inside the public PEM', () => {
    const der = Buffer.from(keys.publicKey.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(publicKeyFingerprint(keys.publicKey)).toBe(createHash('sha256').update(der).digest('hex'));
  });

  it('get the same fingerprint from the private key, the PEM and the KeyObject', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const fp = publicKeyFingerprint(publicKey);
    expect(publicKeyFingerprint(privateKey)).toBe(fp);
    expect(publicKeyFingerprint(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe(fp);
  });

  it('get different fingerprints for different keys', () => {
    expect(publicKeyFingerprint(keys.publicKey)).not.toBe(publicKeyFingerprint(otherKeys.publicKey));
  });
});
