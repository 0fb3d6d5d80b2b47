import canonicalize from 'canonicalize';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the bytes are written by `canonicalize`, by the RFC's author,
 * proven to write what the hand-written serialiser before it wrote for every leaf (canonical-json-swap specs).
 *
 * Anything hashed or signed goes through here, so the rule is to refuse what JSON cannot say exactly
 * rather than guess: a value that would silently change on a JSON round trip (NaN turning into null,
 * a Map turning into {}, a lone surrogate turning into U+FFFD) would give a hash nobody can reproduce
 * from the exported JSON. The library writes such values as JSON.stringify would (undefined in an array as
 * null, a Map as {}), so the refusals are checked here first, each naming where the value sits.
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
  const plain = plainCanonical(value, 0);
  if (plain !== undefined) return plain;
  refuseWhatJsonCannotSay(value, '', null, new Set());
  // Defined for every value that passed: only undefined, functions and symbols have no JSON text.
  return canonicalize(value)!;
}

/** The canonical JSON of `value` as the member `key` of an object being canonicalised: errors name it `$.key…`. */
export function canonicalMember(value: unknown, key: string): string {
  const plain = plainCanonical(value, 0);
  if (plain !== undefined) return plain;
  refuseWhatJsonCannotSay(value, key, { parent: null, key }, new Set());
  return canonicalize(value)!;
}

/**
 * Nesting deeper than this goes the long way, which tells a cycle from a deep value (and refuses the cycle)
 * without the call stack running out first.
 */
const PLAIN_DEPTH = 64;

/**
 * The fast path, for what nearly everything hashed is: plain JSON data (what JSON.parse gives a verifier,
 * and the server's events: plain objects, arrays, well-formed strings, finite numbers, booleans, null,
 * absent members). It writes the same bytes as `canonicalize` — members sorted by UTF-16 code units
 * (the default sort), strings and numbers as JSON.stringify writes them, which RFC 8785 §3.2.2 adopts —
 * without its cycle set, per-container frames and the refusal walk before it. It answers undefined at the
 * first thing that is not plain (a toJSON, a class instance, a lone surrogate, NaN, undefined in an array,
 * a bigint, deep nesting), and the caller then takes the long way, which writes or refuses it as before.
 */
function plainCanonical(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return wellFormed(value) ? JSON.stringify(value) : undefined;
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (depth === PLAIN_DEPTH) return undefined;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const element = plainCanonical(value[i], depth + 1);
      if (element === undefined) return undefined;
      out += i === 0 ? element : `,${element}`;
    }
    return `${out}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.toJSON === 'function') return undefined;
  const keys = Object.keys(record);
  if (!inOrder(keys)) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    // Before the member is left out: the long way refuses a lone surrogate in the key of an absent member too.
    if (!wellFormed(key)) return undefined;
    const member = record[key];
    if (member === undefined) continue; // an absent optional member, left out as JSON.stringify does
    const text = plainCanonical(member, depth + 1);
    if (text === undefined) return undefined;
    out += `${first ? '' : ','}${quoted(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** No lone surrogate (ES2024's String.prototype.isWellFormed, in every Node this runs on; not in the ES2023 typings). */
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Member names as JSON strings, kept: the same few dozen names recur in every event. Bounded, so that data
 * whose names are ids cannot grow it without end.
 */
const QUOTED = new Map<string, string>();

function quoted(key: string): string {
  let text = QUOTED.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (QUOTED.size < 4096) QUOTED.set(key, text);
  }
  return text;
}

/** Already sorted by UTF-16 code units (what sort() without a comparator gives), so there is nothing to sort. */
function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

function refuseWhatJsonCannotSay(value: unknown, key: string, at: Path, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      return refuseLoneSurrogate(value, at);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(spell(at), `${value} is not a JSON number`);
      return;
    case 'boolean':
      return;
    case 'bigint':
      throw new CanonicalJsonError(spell(at), 'a bigint has no exact JSON number form; pass it as a string');
    case 'undefined':
      throw new CanonicalJsonError(spell(at), 'undefined has no JSON form');
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(spell(at), `a ${typeof value} is not JSON data`);
  }
  if (value === null) return;
  const obj = value as object;
  if (ancestors.has(obj)) throw new CanonicalJsonError(spell(at), 'the value contains a cycle');

  ancestors.add(obj);
  try {
    // Honouring toJSON (as JSON.stringify and the library do) makes a Date hash the same as its ISO string
    // read back from an export, which is what the offline verifier will see.
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return refuseWhatJsonCannotSay(toJSON.call(obj, key), key, at, ancestors);
    if (Array.isArray(obj)) {
      for (let i = 0; i < obj.length; i++) {
        // JSON.stringify writes null for these, which would silently change the data being hashed.
        if (obj[i] === undefined)
          throw new CanonicalJsonError(spell({ parent: at, key: i }), 'undefined (or a hole) in an array');
        refuseWhatJsonCannotSay(obj[i], String(i), { parent: at, key: i }, ancestors);
      }
      return;
    }
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(spell(at), `a ${name} is not plain JSON data`);
    }
    for (const [k, v] of Object.entries(obj)) {
      refuseLoneSurrogate(k, at);
      // An absent optional field is left out, as JSON.stringify does.
      if (v !== undefined) refuseWhatJsonCannotSay(v, k, { parent: at, key: k }, ancestors);
    }
  } finally {
    ancestors.delete(obj);
  }
}

// With the u flag a surrogate pair is one code point: \p{Cs} matches only a surrogate standing alone.
const LONE_SURROGATE = /\p{Cs}/u;

// RFC 8785 §3.2.2.2 requires an error: UTF-8 has no encoding for a lone surrogate.
function refuseLoneSurrogate(s: string, at: Path): void {
  const lone = LONE_SURROGATE.exec(s);
  if (lone)
    throw new CanonicalJsonError(
      spell(at),
      `lone surrogate U+${lone[0].charCodeAt(0).toString(16).toUpperCase()} is not valid Unicode`,
    );
}
