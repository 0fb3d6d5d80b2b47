/** A place in a JSON value: keys and indexes from the top. */
export type JsonPath = (string | number)[];

/** Every string leaf of a JSON value. */
export function stringPaths(value: unknown, path: JsonPath = []): JsonPath[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

/** A copy of `value` with the node at `path` replaced by `to`. */
export function setAt(value: unknown, path: JsonPath, to: unknown): unknown {
  if (path.length === 0) return to;
  // An array indexed by a number's string is the same array: one record type serves both.
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), to);
  return copy;
}

/** Whether any string inside `value` contains `text`. */
export function holds(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.includes(text);
  if (Array.isArray(value)) return value.some((v) => holds(v, text));
  if (value && typeof value === 'object') return Object.values(value).some((v) => holds(v, text));
  return false;
}

export const showPath = (path: JsonPath) =>
  `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
