/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). Pure: a browser verifier can copy this file.
 *
 * Anything hashed or signed goes through here, so the rule is to refuse what JSON cannot say exactly
 * rather than guess: a value that would silently change on a JSON round trip (NaN turning into null,
 * a Map turning into {}, a lone surrogate turning into U+FFFD) would give a hash nobody can reproduce
 * from the exported JSON.
 */

export class CanonicalJsonError extends TypeError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot canonicalise ${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * Where a value sits, as a chain to the root; spelled out ("$.data.voters[3]") only for an error, since
 * building the string for every member would cost more than the canonicalisation itself.
 */
type Path = { readonly parent: Path; readonly key: string | number } | null;

function spell(path: Path): string {
  if (path === null) return '$';
  const { parent, key } = path;
  if (typeof key === 'number') return `${spell(parent)}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${spell(parent)}.${key}` : `${spell(parent)}[${JSON.stringify(key)}]`;
}

export function canonicalJson(value: unknown): string {
  return serialize(value, null, null, new Set());
}

/** The canonical JSON of `value` as the member `key` of an object being canonicalised: errors name it `$.key…`. */
export function canonicalMember(value: unknown, key: string): string {
  return serialize(value, null, key, new Set());
}

/**
 * `value` sits at `key` of `parent` (key null: at `parent` itself, the root). The path node is made only
 * for a container or an error: one per member would make the garbage collector the largest cost of
 * verifying a bundle.
 */
function serialize(value: unknown, parent: Path, key: string | number | null, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value, parent, key);
    case 'number':
      if (!Number.isFinite(value))
        throw new CanonicalJsonError(spell(here(parent, key)), `${value} is not a JSON number`);
      // ECMAScript Number::toString is exactly what RFC 8785 §3.2.2.3 prescribes (and -0 becomes "0").
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new CanonicalJsonError(
        spell(here(parent, key)),
        'a bigint has no exact JSON number form; pass it as a string',
      );
    case 'undefined':
      throw new CanonicalJsonError(spell(here(parent, key)), 'undefined has no JSON form');
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(spell(here(parent, key)), `a ${typeof value} is not JSON data`);
  }
  if (value === null) return 'null';
  const obj = value as object;
  const at = here(parent, key);
  if (ancestors.has(obj)) throw new CanonicalJsonError(spell(at), 'the value contains a cycle');

  ancestors.add(obj);
  try {
    if (Array.isArray(obj)) return serializeArray(obj, at, ancestors);
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto === Object.prototype || proto === null) {
      // Plain data (what JSON.parse gives) has no toJSON of its own, unless a member is named so.
      if (!('toJSON' in obj)) return serializeObject(obj as Record<string, unknown>, at, ancestors);
    }
    // Honouring toJSON (as JSON.stringify does) makes a Date hash the same as its ISO string read
    // back from an export, which is what the offline verifier will see.
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function')
      return serialize(toJSON.call(obj, key === null ? '' : String(key)), parent, key, ancestors);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(spell(at), `a ${name} is not plain JSON data`);
    }
    return serializeObject(obj as Record<string, unknown>, at, ancestors);
  } finally {
    ancestors.delete(obj);
  }
}

function here(parent: Path, key: string | number | null): Path {
  return key === null ? parent : { parent, key };
}

function serializeArray(items: readonly unknown[], at: Path, ancestors: Set<object>): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    // JSON.stringify writes null for these, which would silently change the data being hashed.
    if (items[i] === undefined)
      throw new CanonicalJsonError(spell({ parent: at, key: i }), 'undefined (or a hole) in an array');
    if (i > 0) out += ',';
    out += serialize(items[i], at, i, ancestors);
  }
  return out + ']';
}

function serializeObject(obj: Record<string, unknown>, at: Path, ancestors: Set<object>): string {
  // Array.prototype.sort without a comparator orders strings by UTF-16 code units: RFC 8785 §3.2.3.
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue; // as JSON.stringify does: an absent optional field
    out += `${first ? '' : ','}${quote(k, at, null)}:${serialize(v, at, k, ancestors)}`;
    first = false;
  }
  return out + '}';
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what RFC 8785 escapes
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;
const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

/** RFC 8785 §3.2.2.2: only the escapes JSON requires; everything else, CJK included, stays literal. */
function quote(s: string, parent: Path, key: string | number | null): string {
  if (!NEEDS_CARE.test(s)) return `"${s}"`;
  const at = here(parent, key);
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) out += SHORT_ESCAPES[c] ?? `\\u00${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw loneSurrogate(at, c);
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) throw loneSurrogate(at, c);
    else out += s[i];
  }
  return out + '"';
}

// RFC 8785 §3.2.2.2 requires an error: UTF-8 has no encoding for a lone surrogate.
function loneSurrogate(at: Path, c: number): CanonicalJsonError {
  return new CanonicalJsonError(spell(at), `lone surrogate U+${c.toString(16).toUpperCase()} is not valid Unicode`);
}
