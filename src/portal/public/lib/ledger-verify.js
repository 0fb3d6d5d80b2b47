/**
 * The browser half of libs/ledger-log: canonical JSON (RFC 8785), RFC 9162 inclusion proofs and the
 * Ed25519 checkpoint signature, on Web Crypto only. A port, not an import: the owner's device must check
 * the server with code that does not come from node. Formats: libs/ledger-log/README.md.
 * Verifiers answer false on malformed input and never throw, as the library's do.
 */

const subtle = () => globalThis.crypto?.subtle;

// ---- hex ----------------------------------------------------------------------------------------

export function toHex(bytes) {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** 32 bytes from 64 hex characters (either case: a hash copied from paper should still check), else undefined. */
export function hashFromHex(hex) {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// ---- canonical JSON (RFC 8785), as libs/ledger-log/canonical-json.ts --------------------------------

export function canonicalJson(value) {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new TypeError(`a ${typeof value} has no canonical JSON form`);
  }
  if (value === null) return 'null';
  if (typeof value.toJSON === 'function') return canonicalJson(value.toJSON());
  if (Array.isArray(value)) {
    return `[${value
      .map((v) => {
        if (v === undefined) throw new TypeError('undefined in an array');
        return canonicalJson(v);
      })
      .join(',')}]`;
  }
  // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
  const parts = [];
  for (const k of Object.keys(value).sort())
    if (value[k] !== undefined) parts.push(`${quote(k)}:${canonicalJson(value[k])}`);
  return `{${parts.join(',')}}`;
}

const SHORT = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

function quote(s) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) out += SHORT[c] ?? `\\u00${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new TypeError('lone surrogate');
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) throw new TypeError('lone surrogate');
    else out += s[i];
  }
  return `${out}"`;
}

// ---- SHA-256 and the RFC 6962 tree hashes ---------------------------------------------------------

export async function sha256(...parts) {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    buf.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await subtle().digest('SHA-256', buf));
}

/** The 0x01 prefix keeps a leaf from passing for an interior node: never drop it. */
const hashChildren = (left, right) => sha256(Uint8Array.of(0x01), left, right);

/** SHA-256(0x00 || bytes): the RFC 6962 leaf hash, as a receipt's leafHash is. */
export async function leafHashOf(bytes) {
  return toHex(await sha256(Uint8Array.of(0x00), bytes));
}

export async function fileSha256(file) {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', await file.arrayBuffer())));
}

const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const isSize = (n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
// Halvings, not shifts: JS shifts wrap at 2^32 and tree sizes need not.
const half = (n) => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2, step for step as libs/ledger-log/proofs.ts. */
export async function verifyInclusion(leafHash, index, treeSize, proof, rootHash) {
  try {
    const leaf = hashFromHex(leafHash);
    const root = hashFromHex(rootHash);
    if (!leaf || !root || !Array.isArray(proof) || !isSize(index) || !isSize(treeSize)) return false;
    const path = proof.map(hashFromHex);
    if (path.some((p) => !p)) return false;
    if (index >= treeSize) return false;
    let fn = index;
    let sn = treeSize - 1;
    let r = leaf;
    for (const p of path) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = await hashChildren(p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      } else {
        r = await hashChildren(r, p);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return sn === 0 && equal(r, root);
  } catch {
    return false;
  }
}

/** RFC 9162 §2.1.4.2, step for step as libs/ledger-log/proofs.ts: the log of `secondSize` leaves extends the one of `firstSize`. */
export async function verifyConsistency(firstSize, secondSize, firstRoot, secondRoot, proof) {
  try {
    const first = hashFromHex(firstRoot);
    const second = hashFromHex(secondRoot);
    if (!first || !second || !Array.isArray(proof) || !isSize(firstSize) || !isSize(secondSize)) return false;
    const path = proof.map(hashFromHex);
    if (path.some((p) => !p)) return false;
    if (firstSize > secondSize) return false;
    if (firstSize === 0) return path.length === 0;
    if (firstSize === secondSize) return path.length === 0 && equal(first, second);
    if (path.length === 0) return false;
    const powerOfTwo = (n) => {
      while (n % 2 === 0) n /= 2;
      return n === 1;
    };
    const nodes = powerOfTwo(firstSize) ? [first, ...path] : path;
    let fn = firstSize - 1;
    let sn = secondSize - 1;
    while (fn % 2 === 1) {
      fn = half(fn);
      sn = half(sn);
    }
    let fr = nodes[0];
    let sr = nodes[0];
    for (const c of nodes.slice(1)) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        fr = await hashChildren(c, fr);
        sr = await hashChildren(c, sr);
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      } else {
        sr = await hashChildren(sr, c);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return equal(fr, first) && equal(sr, second) && sn === 0;
  } catch {
    return false;
  }
}

/** The leaf hash of a logged event: SHA-256(0x00 || canonical JSON of its six fields), as libs/ledger-log/event-leaf.ts. */
export async function eventLeafHash(e) {
  try {
    const leaf = {
      eventId: e.eventId,
      streamId: e.streamId,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    };
    return await leafHashOf(new TextEncoder().encode(canonicalJson(leaf)));
  } catch {
    return null;
  }
}

// ---- checkpoints ------------------------------------------------------------------------------------

/** The signed message: UTF-8 canonical JSON of exactly the four fields (libs/ledger-log/checkpoint.ts). */
export function checkpointBytes({ communityId, treeSize, rootHash, timestamp }) {
  if (typeof communityId !== 'string' || !communityId) throw new TypeError('communityId');
  if (!isSize(treeSize)) throw new TypeError('treeSize');
  if (typeof rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(rootHash)) throw new TypeError('rootHash');
  if (typeof timestamp !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(timestamp))
    throw new TypeError('timestamp');
  return new TextEncoder().encode(canonicalJson({ communityId, treeSize, rootHash, timestamp }));
}

/** The DER SubjectPublicKeyInfo inside a PEM. */
export function pemToDer(pem) {
  const body = String(pem)
    .replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '')
    .replace(/\s+/g, '');
  return base64ToBytes(body);
}

function base64ToBytes(b64) {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function bytesToBase64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

/** Lowercase hex SHA-256 of the DER key, so a resident can compare it with the one posted on the notice board. */
export async function keyFingerprint(pem) {
  return toHex(await sha256(pemToDer(pem)));
}

export async function ed25519Supported() {
  try {
    // The RFC 8032 test-1 public key: importing it tells whether this browser knows Ed25519 at all.
    const der = base64ToBytes('MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
    await subtle().importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

export async function verifyCheckpointSignature(checkpoint, publicKeyPem) {
  try {
    const signature = base64ToBytes(checkpoint.signature);
    // Canonical base64 only, as the server's verifier: one text per signature.
    if (signature.length !== 64 || bytesToBase64(signature) !== checkpoint.signature) return false;
    const key = await subtle().importKey('spki', pemToDer(publicKeyPem), { name: 'Ed25519' }, false, ['verify']);
    return await subtle().verify({ name: 'Ed25519' }, key, signature, checkpointBytes(checkpoint));
  } catch {
    return false;
  }
}
