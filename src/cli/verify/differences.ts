import { canonicalJson } from '@gongzhi/ledger-log/canonical-json.js';

/** Equal as JSON, keys in any order; a value JSON cannot hold is never equal. */
export function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/**
 * Where a recorded value and its re-derivation part, as "path: recorded …, re-derived …", the
 * deepest differing fields first found, at most `limit` of them: what a person needs to see which
 * figure is wrong, not a dump of both.
 */
export function differences(recorded: unknown, derived: unknown, limit = 5): string {
  const found: string[] = [];
  let more = 0;
  const walk = (r: unknown, d: unknown, path: string) => {
    if (sameJson(r, d)) return;
    const bothArrays = Array.isArray(r) && Array.isArray(d);
    const bothObjects = isObject(r) && isObject(d);
    if ((bothArrays && (r as unknown[]).length === (d as unknown[]).length) || bothObjects) {
      const keys = bothArrays
        ? (r as unknown[]).map((_, i) => i)
        : // In the re-derivation's order (the domain's: for before against), not the line's (canonical JSON's).
          [...new Set([...Object.keys(d), ...Object.keys(r)])];
      for (const key of keys) {
        walk(
          (r as Record<string, unknown>)[key],
          (d as Record<string, unknown>)[key],
          bothArrays ? `${path}[${key}]` : path ? `${path}.${key}` : String(key),
        );
      }
      return;
    }
    if (found.length < limit) found.push(`${path || 'the value'}: recorded ${show(r)}, re-derived ${show(d)}`);
    else more++;
  };
  walk(recorded, derived, '');
  return found.join('; ') + (more ? `; and ${more} more` : '');
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
