import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { sha256 } from './sha256.js';

/**
 * c2sp.org/signed-note: a text ending in a newline, a blank line, then one or more lines
 * "— <key name> <base64(uint32 key id || signature)>". Written from the spec (C2SP signed-note.md) and
 * checked in the unit test against the Go sumdb `note` package's published example key and note.
 */

/** Signature type bytes of the signed-note registry that Gongzhi uses. */
export const NOTE_ED25519 = 0x01;
export const COSIGNATURE_ED25519 = 0x04;

/** The spec asks verifiers to accept at least 16; more than this is refused as a note too large to mean well. */
export const MAX_NOTE_SIGNATURES = 100;

const EM_DASH_PREFIX = '\u2014 ';
const encoder = new TextEncoder();
const ED25519_PUBLIC_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
// PKCS#8 and SPKI wrappers of a raw Ed25519 key (RFC 8410): lets node:crypto take the 32 bytes the vkey carries.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface NoteSignature {
  name: string;
  /** The uint32 key id, big-endian from the first four bytes. */
  keyId: number;
  /** The bytes after the key id (for a cosignature: the 8-byte timestamp and the signature). */
  signature: Uint8Array;
  /** The whole line without its newline, as it appeared. */
  line: string;
}

export interface Note {
  /** Ends in a newline; excludes the blank separator line. */
  text: string;
  signatures: NoteSignature[];
}

/** A public key a note verifier trusts, identified by (name, key id). */
export interface NoteVerifier {
  name: string;
  keyId: number;
  /** True when `sig` (the bytes after the key id) is a valid signature of this key over the note text. */
  verify(text: string, sig: Uint8Array): boolean;
}

export interface NoteSigner {
  name: string;
  keyId: number;
  sign(text: string): Uint8Array;
}

/** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = sha256(encoder.encode(name), Uint8Array.of(0x0a, type), publicKey);
  return ((digest[0] << 24) | (digest[1] << 16) | (digest[2] << 8) | digest[3]) >>> 0;
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !hasControl(name);
}

/**
 * Splits a signed note into text and signature lines. Structure only: nothing here says who signed.
 * Takes a string, so UTF-8 validity is the decoder's to check (TextDecoder with fatal: true).
 */
export function parseNote(note: string): Note {
  if (hasControl(note.replace(/\n/g, '')))
    throw new NoteError('a signed note must not contain control characters other than newline');
  if (!note.endsWith('\n')) throw new NoteError('a signed note ends with a newline');
  // The text is separated from the signatures by the last empty line.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('a signed note needs a blank line between its text and its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length === 0 || lines[0] === '') throw new NoteError('a signed note needs at least one signature line');
  if (lines.length > MAX_NOTE_SIGNATURES)
    throw new NoteError(`a signed note may carry at most ${MAX_NOTE_SIGNATURES} signatures`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

/** One line "— <name> <base64>" (without its newline). */
export function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(EM_DASH_PREFIX))
    throw new NoteError(`a signature line starts with an em dash and a space: ${JSON.stringify(line.slice(0, 80))}`);
  const rest = line.slice(EM_DASH_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw new NoteError('a signature line is "— <key name> <base64 signature>"');
  const name = rest.slice(0, space);
  const bytes = strictBase64(rest.slice(space + 1));
  if (!isValidKeyName(name))
    throw new NoteError(`the key name ${JSON.stringify(name)} must be non-empty, without spaces or "+"`);
  if (!bytes || bytes.length < 5)
    throw new NoteError(`the signature of ${name} is not base64 of a key id and a signature`);
  return { name, keyId: bytes.readUInt32BE(0), signature: new Uint8Array(bytes.subarray(4)), line };
}

export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const bytes = Buffer.alloc(4 + signature.length);
  bytes.writeUInt32BE(keyId >>> 0, 0);
  bytes.set(signature, 4);
  return `${EM_DASH_PREFIX}${name} ${bytes.toString('base64')}`;
}

/** The signed note of `text` (which ends in a newline) with one signature line per signer. */
export function signNote(text: string, ...signers: NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new NoteError('a signed note needs at least one signer');
  return withSignatureLines(
    text,
    signers.map((k) => formatSignatureLine(k.name, k.keyId, k.sign(text))),
  );
}

/** `text` followed by the blank line and the given signature lines (without newlines), as a signed note. */
export function withSignatureLines(text: string, lines: readonly string[]): string {
  return `${text}\n${lines.map((l) => `${l}\n`).join('')}`;
}

export interface VerifiedNote extends Note {
  /** The signatures of known keys that verified, in note order. */
  verified: NoteSignature[];
}

/**
 * Verifies `note` with the known keys: signatures of unknown keys (name and id not both matching) are
 * ignored; a known key's signature that fails rejects the whole note; no verified known signature
 * rejects it too.
 */
export function verifyNote(note: string, verifiers: readonly NoteVerifier[]): VerifiedNote {
  const parsed = parseNote(note);
  const verified: NoteSignature[] = [];
  for (const s of parsed.signatures) {
    const key = verifiers.find((v) => v.name === s.name && v.keyId === s.keyId);
    if (!key) continue;
    if (!key.verify(parsed.text, s.signature))
      throw new NoteError(`the signature of ${s.name} (key ${hex8(s.keyId)}) does not verify`);
    verified.push(s);
  }
  if (verified.length === 0) throw new NoteError('the note has no verified signature of a known key');
  return { ...parsed, verified };
}

/** A parsed vkey "<name>+<hex key id>+<base64(type || public key)>". */
export interface VerifierKey {
  name: string;
  keyId: number;
  type: number;
  publicKey: Uint8Array;
}

export function formatVkey(name: string, type: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name))
    throw new NoteError(`the key name ${JSON.stringify(name)} must be non-empty, without spaces or "+"`);
  return `${name}+${hex8(noteKeyId(name, type, publicKey))}+${Buffer.concat([Uint8Array.of(type), publicKey]).toString('base64')}`;
}

/** Refuses anything but the exact spelling, a key id that does not match, and a type or key length it does not know. */
export function parseVkey(vkey: string): VerifierKey {
  // Split at the first two plus signs only: base64 has "+" of its own.
  const match = typeof vkey === 'string' ? /^([^+]*)\+([^+]*)\+(.*)$/s.exec(vkey) : null;
  if (!match) throw new NoteError('a vkey is "<name>+<8 hex digits>+<base64 key>"');
  const [, name, id, key] = match;
  if (!isValidKeyName(name)) throw new NoteError('the vkey name must be non-empty, without spaces');
  if (!/^[0-9a-f]{8}$/.test(id)) throw new NoteError('the vkey key id must be 8 lowercase hex digits');
  const bytes = strictBase64(key);
  if (!bytes || bytes.length < 2) throw new NoteError('the vkey key must be base64 of a type byte and a public key');
  const type = bytes[0];
  const publicKey = new Uint8Array(bytes.subarray(1));
  if ((type === NOTE_ED25519 || type === COSIGNATURE_ED25519) && publicKey.length !== ED25519_PUBLIC_BYTES) {
    throw new NoteError('an Ed25519 vkey carries a 32-byte public key');
  }
  if (type !== NOTE_ED25519 && type !== COSIGNATURE_ED25519)
    throw new NoteError(`vkey signature type 0x${type.toString(16).padStart(2, '0')} is not supported`);
  const keyId = noteKeyId(name, type, publicKey);
  if (hex8(keyId) !== id) throw new NoteError('the vkey key id does not match its name and key');
  return { name, keyId, type, publicKey };
}

/** A verifier for an Ed25519 note-signature vkey (type 0x01). */
export function ed25519NoteVerifier(vkey: string | VerifierKey): NoteVerifier {
  const k = typeof vkey === 'string' ? parseVkey(vkey) : vkey;
  if (k.type !== NOTE_ED25519) throw new NoteError('not an Ed25519 note key (type 0x01)');
  const key = ed25519PublicKey(k.publicKey);
  return {
    name: k.name,
    keyId: k.keyId,
    verify: (text, sig) => sig.length === ED25519_SIGNATURE_BYTES && verify(null, encoder.encode(text), key, sig),
  };
}

/** An Ed25519 note signer (type 0x01) for a private KeyObject or PKCS#8 PEM. */
export function ed25519NoteSigner(name: string, privateKey: KeyObject | string): NoteSigner & { vkey: string } {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519')
    throw new NoteError('a note signer needs an Ed25519 private key');
  const publicKey = ed25519RawPublicKey(key);
  return {
    name,
    keyId: noteKeyId(name, NOTE_ED25519, publicKey),
    vkey: formatVkey(name, NOTE_ED25519, publicKey),
    sign: (text) => new Uint8Array(sign(null, encoder.encode(text), key)),
  };
}

/** The KeyObject of a 32-byte Ed25519 seed (RFC 8032 private key). */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_PUBLIC_BYTES) throw new NoteError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The 32 bytes of an Ed25519 key's public half (the last 32 of its SPKI DER). */
export function ed25519RawPublicKey(key: KeyObject | string): Uint8Array {
  const object = typeof key === 'string' ? createPublicKey(key) : key.type === 'public' ? key : createPublicKey(key);
  const der = object.export({ type: 'spki', format: 'der' });
  return new Uint8Array(der.subarray(der.length - ED25519_PUBLIC_BYTES));
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('a note text ends with a newline');
  if (hasControl(text.replace(/\n/g, '')))
    throw new NoteError('a note text must not contain control characters other than newline');
}

function hasControl(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- a signed note's text may hold no control character
  return /[\u0000-\u001f]/.test(s);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

// Buffer.from(…, 'base64') skips junk and ignores unused trailing bits; only the canonical spelling is taken.
export function strictBase64(s: string): Buffer | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? bytes : undefined;
}
