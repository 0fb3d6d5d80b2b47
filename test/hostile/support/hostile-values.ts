import fc from 'fast-check';

/** JSON text spliced in as is: numbers JSON.stringify would rewrite (`1e400`, `-0`), nesting it would overflow on. */
export class Raw {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold Raw pieces and own `__proto__` keys (JSON.stringify keeps both apart). */
export function jsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return `{${Object.keys(value)
    .map((key) => `${JSON.stringify(key)}:${jsonText((value as Record<string, unknown>)[key])}`)
    .join(',')}}`;
}

/** SQL an injection would need, in the shapes that break naive quoting. */
export const SQL_PAYLOADS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '$$; DROP TABLE streams; $$',
  "\\'; DELETE FROM registry_owners; --\\",
  "Robert'); DROP TABLE accounts;--",
  "1'; UPDATE account_grants SET role = 'admin'; --",
  "%' OR 1=1 --",
  "E'\\\\x27'::text",
  "'); SELECT pg_sleep(10); --",
  '\\\\\\',
];

/** Strings that have broken servers: unicode edge cases, control characters, template and path syntax. */
const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e\u202dRTL',
  '\ufeffBOM',
  '\u0085\u2028\u2029',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'Ω≈ç√∫˜µ≤≥÷',
  '共治'.repeat(50),
  'ｔｅｓｔ１２３',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '${7*7}{{7*7}}#{7*7}',
  '\r\nSet-Cookie: x=1',
  '\t\n\r\b\f\v',
  'null',
  'undefined',
  '__proto__',
  'NaN',
  'true',
  ...SQL_PAYLOADS,
];

/** What an amount string must not be (API.md: a JSON number, three decimals, a sign, an exponent are 400s). */
export const NOT_AMOUNTS: unknown[] = [
  1000,
  1e5,
  0.1,
  -1,
  '1e5',
  '1E5',
  '-1.00',
  '+1.00',
  '1.005',
  '0',
  '0.00',
  '.50',
  '5.',
  '1,000.00',
  '1_000.00',
  '0x10',
  ' 1.00',
  '1.00 ',
  '１.００',
  '¥100.00',
  '99999999999999.99',
  '9999999999999.99',
  'NaN',
  'Infinity',
  new Raw('1e400'),
  new Raw('-0'),
  new Raw('123456789012345678901234567890'),
];

/** Of NOT_AMOUNTS, those API.md calls a 400 in any amount field (the rest have a valid shape and may be refused only by the domain). */
export const REFUSED_AMOUNTS: unknown[] = NOT_AMOUNTS.filter((v) => v !== '9999999999999.99');

/** Times API.md calls a 400: not RFC 3339 with an offset, or no real date and time. */
export const REFUSED_TIMES: unknown[] = [
  '2026-02-30T09:00:00+08:00',
  '2026-13-01T09:00:00+08:00',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-01-01T09:00:00',
  '2026-01-01',
  '2026-01-01T09:00:00+99:99',
  '2026-01-01T09:00:00+08',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  'now',
  '',
  1767225600000,
];

/** Times the fuzz tries: those refused, and valid ones at the edges of what JavaScript and PostgreSQL hold. */
export const NOT_TIMES: unknown[] = [
  ...REFUSED_TIMES,
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999999+14:00',
  '1969-12-31T23:59:59Z',
  '2026-01-01T09:00:00.1234567890123456789Z',
];

const controlString = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 8,
});

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  { arbitrary: controlString, weight: 1 },
  { arbitrary: fc.constantFrom(1_000, 70_000, 300_000).map((n) => 'x'.repeat(n)), weight: 1 },
);

const deepNesting: fc.Arbitrary<Raw> = fc
  .tuple(fc.constantFrom(64, 1_000, 20_000, 100_000), fc.boolean())
  .map(
    ([depth, arrays]) =>
      new Raw(arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '0' + '}'.repeat(depth)),
  );

/** Any value in any place: wrong types, edge numbers, hostile strings, deep nesting, containers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  {
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1e5, 1.005, 2 ** 53 + 2, [], {}, [[]], { '': '' }, [
      null,
    ]),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(...NOT_AMOUNTS, ...NOT_TIMES), weight: 3 },
  { arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }), weight: 1 },
);

/** Set on Object.prototype if a body ever pollutes it: the server runs in this process, so the test sees it. */
export const POLLUTION_MARK = 'hostilePolluted';

/** Path parameter values: traversal, NUL, broken escapes, huge, unicode, another community's id. */
export const HOSTILE_IDS = [
  '..',
  '..%2F..%2Fhealth%2Flive',
  '%2e%2e%2f%2e%2e',
  '%00',
  'abc%00',
  '%',
  '%E0%A4%A',
  '%ZZ',
  '%C0%AE%C0%AE',
  '%F0%9F%98%80',
  encodeURIComponent('共治'),
  encodeURIComponent("' OR '1'='1"),
  encodeURIComponent('<script>'),
  '%0D%0ASet-Cookie%3A%20x%3D1',
  '%20',
  '.',
  '__proto__',
  'constructor',
  'null',
  '-1',
  'a'.repeat(5_000),
  'a'.repeat(20_000),
];
