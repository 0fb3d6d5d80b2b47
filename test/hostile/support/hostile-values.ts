import fc from 'fast-check';
import { utf8Bytes } from './raw-http.js';

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
  '%\' OR 1=1 --',
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

/** Times that are not RFC 3339 with an offset, or not real, or out of JavaScript's range. */
export const NOT_TIMES: unknown[] = [
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
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999999+14:00',
  '1969-12-31T23:59:59Z',
  '2026-01-01T09:00:00.1234567890123456789Z',
  'now',
  1767225600000,
];

const controlString = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  { arbitrary: controlString, weight: 1 },
  { arbitrary: fc.constantFrom(1_000, 70_000, 300_000).map((n) => 'x'.repeat(n)), weight: 1 },
);

const deepNesting: fc.Arbitrary<Raw> = fc
  .tuple(fc.constantFrom(64, 1_000, 20_000, 100_000), fc.boolean())
  .map(([depth, arrays]) => new Raw(arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '0' + '}'.repeat(depth)));

/** Any value in any place: wrong types, edge numbers, hostile strings, deep nesting, containers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1e5, 1.005, 2 ** 53 + 2, [], {}, [[]], { '': '' }, [null]), weight: 3 },
  { arbitrary: fc.constantFrom(...NOT_AMOUNTS, ...NOT_TIMES), weight: 3 },
  { arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }), weight: 1 },
);

/** Keys that reach for Object.prototype, or shadow what a DTO inherits. */
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
/** Set on Object.prototype if a body ever pollutes it: the server runs in this process, so the test sees it. */
export const POLLUTION_MARK = 'hostilePolluted';

type Path = (string | number)[];

function nodes(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => nodes(v, [...path, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, k]))];
  return here;
}

const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
const show = (path: Path) => `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of `base` with the node at `path` replaced (or, with `remove`, taken out). */
function edit(base: unknown, path: Path, change: { to: unknown } | 'remove'): unknown {
  if (path.length === 0) return change === 'remove' ? undefined : (change as { to: unknown }).to;
  const copy = clone(base) as Record<string | number, unknown>;
  let parent: any = copy;
  for (const step of path.slice(0, -1)) parent = parent[step];
  const last = path[path.length - 1];
  if (change === 'remove') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (Array.isArray(parent)) parent[last as number] = change.to;
  else defineKey(parent, String(last), change.to);
  return copy;
}

export interface BodyCase {
  label: string;
  contentType: string | null;
  text: string;
}

const json = (label: string, value: unknown): BodyCase => ({ label, contentType: 'application/json', text: jsonText(value) });
const short = (value: unknown) => {
  const text = value instanceof Raw ? value.text : jsonText(value);
  return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
};

/** Bodies built from a valid one: each field replaced, removed, doubled, wrapped; keys added; the JSON itself broken. */
export function hostileBodies(base: unknown): fc.Arbitrary<BodyCase> {
  const all = nodes(base);
  const containers = all.filter((n) => n.value !== null && typeof n.value === 'object');
  const withParent = all.filter((n) => n.path.length > 0);
  const amounts = all.filter((n) => typeof n.value === 'string' && /^\d+\.\d\d$/.test(n.value));
  const times = all.filter((n) => typeof n.value === 'string' && /^\d{4}-\d\d-\d\dT/.test(n.value));
  const valid = jsonText(base ?? {});

  const replaced = fc
    .tuple(fc.constantFrom(...all), hostileValue)
    .map(([node, value]) => json(`${show(node.path)} := ${short(value)}`, edit(base, node.path, { to: value })));
  const removed = withParent.length
    ? fc.constantFrom(...withParent).map((node) => json(`without ${show(node.path)}`, edit(base, node.path, 'remove')))
    : replaced;
  const added = fc
    .tuple(fc.constantFrom(...(containers.length ? containers : [{ path: [] as Path, value: {} }])), fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 12 })))
    .map(([node, key]) => {
      const polluting = POLLUTING_KEYS.includes(key);
      const value = key === 'constructor' ? { prototype: { [POLLUTION_MARK]: true } } : polluting ? { [POLLUTION_MARK]: true } : 'extra';
      const target = Array.isArray(node.value) || node.value === null || typeof node.value !== 'object' ? {} : clone(node.value);
      defineKey(target as Record<string, unknown>, key, value);
      return json(`${show(node.path)} + key ${JSON.stringify(key)}`, node.path.length ? edit(base, node.path, { to: target }) : target);
    });
  const wrapped = fc.constantFrom(...all).map((node) =>
    Array.isArray(node.value) && node.value.length
      ? json(`${show(node.path)} unwrapped to its first item`, edit(base, node.path, { to: node.value[0] }))
      : json(`${show(node.path)} wrapped in an array`, edit(base, node.path, { to: [node.value] })),
  );
  const repeated = fc.constantFrom(2, 500, 25_000).map((count) =>
    Array.isArray(base) ? json(`the item ${count} times`, Array.from({ length: count }, () => base[0])) : json(`${count} copies in an array`, Array.from({ length: count }, () => base)),
  );
  const amountLike = amounts.length
    ? fc.tuple(fc.constantFrom(...amounts), fc.constantFrom(...NOT_AMOUNTS)).map(([node, v]) => json(`${show(node.path)} := ${short(v)}`, edit(base, node.path, { to: v })))
    : replaced;
  const timeLike = times.length
    ? fc.tuple(fc.constantFrom(...times), fc.constantFrom(...NOT_TIMES)).map(([node, v]) => json(`${show(node.path)} := ${short(v)}`, edit(base, node.path, { to: v })))
    : replaced;
  const broken = fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, valid.length - 1) }).map((at) => ({ label: `JSON cut at ${at}`, contentType: 'application/json', text: valid.slice(0, at) })),
    fc.constantFrom(
      { label: 'trailing garbage', contentType: 'application/json', text: `${valid}}}` },
      { label: 'single quotes', contentType: 'application/json', text: valid.replace(/"/g, "'") },
      { label: 'a comment', contentType: 'application/json', text: `/* hi */${valid}` },
      { label: 'NaN literal', contentType: 'application/json', text: valid.replace(/^\{/, '{"n":NaN,') },
      { label: 'a byte-order mark', contentType: 'application/json', text: `\ufeff${valid}` },
      { label: 'empty body', contentType: 'application/json', text: '' },
      { label: 'two documents', contentType: 'application/json', text: `${valid}${valid}` },
      { label: 'duplicate keys', contentType: 'application/json', text: valid.replace(/^\{"(\w+)":/, '{"$1":null,"$1":') },
    ),
  );
  const wrongType = fc.constantFrom(
    { label: 'as text/plain', contentType: 'text/plain', text: valid },
    { label: 'as text/csv', contentType: 'text/csv', text: valid },
    { label: 'as a form', contentType: 'application/x-www-form-urlencoded', text: 'name=x&__proto__[polluted]=1' },
    { label: 'as multipart', contentType: 'multipart/form-data; boundary=b', text: `--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n${valid}\r\n--b--` },
    { label: 'as XML', contentType: 'application/xml', text: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
    { label: 'UTF-16 declared', contentType: 'application/json; charset=utf-16', text: valid },
    { label: 'an unknown charset', contentType: 'application/json; charset=ebcdic', text: valid },
    { label: 'a +json type', contentType: 'application/merge-patch+json', text: valid },
    { label: 'no content type', contentType: null, text: valid },
  );
  return fc.oneof(
    { arbitrary: replaced, weight: 6 },
    { arbitrary: removed, weight: 2 },
    { arbitrary: added, weight: 2 },
    { arbitrary: wrapped, weight: 1 },
    { arbitrary: repeated, weight: 1 },
    { arbitrary: amountLike, weight: 2 },
    { arbitrary: timeLike, weight: 2 },
    { arbitrary: broken, weight: 2 },
    { arbitrary: wrongType, weight: 2 },
  );
}

/** CSV files built from a valid one: cells replaced, quoting broken, columns and rows added, other encodings. */
export function hostileCsv(base: string): fc.Arbitrary<BodyCase> {
  const [header, ...rows] = base.split('\r\n').filter(Boolean);
  const cells = rows[0].split(',');
  const csv = (label: string, text: string): BodyCase => ({ label, contentType: 'text/csv', text });
  const cell = fc
    .tuple(fc.integer({ min: 0, max: cells.length - 1 }), fc.oneof(hostileString, fc.constantFrom(...NOT_AMOUNTS.filter((v): v is string => typeof v === 'string'), ...NOT_TIMES.filter((v): v is string => typeof v === 'string'))))
    .map(([i, value]) => {
      const quoted = /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
      return csv(`cell ${i} := ${short(value)}`, `${header}\r\n${cells.map((c, j) => (j === i ? quoted : c)).join(',')}\r\n`);
    });
  const shapes = fc.constantFrom(
    csv('no rows', `${header}\r\n`),
    csv('nothing', ''),
    csv('no header', `${rows[0]}\r\n`),
    csv('an unclosed quote', `${header}\r\n"${rows[0]}\r\n`),
    csv('a quote inside a cell', `${header}\r\n${rows[0].replace(',', ',"x"y",')}\r\n`),
    csv('an extra column', `${header}\r\n${rows[0]},extra\r\n`),
    csv('a missing column', `${header}\r\n${cells.slice(0, -1).join(',')}\r\n`),
    csv('10,000 columns', `${header}\r\n${rows[0]}${',x'.repeat(10_000)}\r\n`),
    csv('bare LF and CR line ends', `${header}\n${rows[0]}\r${rows[0]}\n`),
    csv('a byte-order mark', `\ufeff${base}`),
    csv('a NUL in a row', `${header}\r\n${rows[0].replace(',', '\u0000,')}\r\n`),
    csv('a formula cell', `${header}\r\n=HYPERLINK("http://x"),${cells.slice(1).join(',')}\r\n`),
    csv('the row 30,000 times', `${header}\r\n${`${rows[0]}\r\n`.repeat(30_000)}`),
    csv('a header only of commas', `${','.repeat(header.split(',').length - 1)}\r\n${rows[0]}\r\n`),
    { label: 'JSON sent to a CSV route', contentType: 'application/json', text: JSON.stringify(Object.fromEntries(header.split(',').map((h, i) => [h, cells[i]]))) },
    { label: 'CSV as text/plain', contentType: 'text/plain', text: base },
    { label: 'CSV without a content type', contentType: null, text: base },
  );
  return fc.oneof({ arbitrary: cell, weight: 3 }, { arbitrary: shapes, weight: 2 });
}

export interface HeaderCase {
  label: string;
  headers: Record<string, string | string[]>;
}

/** Absurd header values, each added to (or replacing one of) the valid request's headers. */
export const hostileHeaders: fc.Arbitrary<HeaderCase> = fc.constantFrom<HeaderCase>(
  { label: 'Idempotency-Key of 10 KB', headers: { 'idempotency-key': 'k'.repeat(10_240) } },
  { label: 'non-ASCII Idempotency-Key', headers: { 'idempotency-key': utf8Bytes('幂等键-共治') } },
  { label: 'Latin-1 Idempotency-Key', headers: { 'idempotency-key': 'cl\u00e9\u00ff' } },
  { label: 'blank Idempotency-Key', headers: { 'idempotency-key': ' ' } },
  { label: 'two Idempotency-Keys', headers: { 'idempotency-key': ['one-key', 'another-key'] } },
  { label: 'Idempotency-Key with SQL', headers: { 'idempotency-key': "';DROP-TABLE-events;--" } },
  { label: 'Authorization of 10 KB', headers: { authorization: `Bearer ${'a'.repeat(10_240)}` } },
  { label: 'non-ASCII Authorization', headers: { authorization: utf8Bytes('Bearer 令牌.令牌.令牌') } },
  { label: 'Basic Authorization', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
  { label: 'bare Bearer', headers: { authorization: 'Bearer' } },
  { label: 'X-Correlation-Id of 10 KB', headers: { 'x-correlation-id': 'c'.repeat(10_240) } },
  { label: 'non-ASCII X-Correlation-Id', headers: { 'x-correlation-id': utf8Bytes('关联-🙂') } },
  { label: 'Content-Type of 5 KB', headers: { 'content-type': `application/json; boundary=${'x'.repeat(5_000)}` } },
  { label: 'non-ASCII Content-Type', headers: { 'content-type': utf8Bytes('application/json; 字符集=utf-8') } },
  { label: 'Content-Encoding gzip on a plain body', headers: { 'content-encoding': 'gzip' } },
  { label: 'an unknown Content-Encoding', headers: { 'content-encoding': 'x-hostile' } },
  { label: 'Accept: text/csv', headers: { accept: 'text/csv' } },
  { label: 'X-Forwarded-For of 5 KB', headers: { 'x-forwarded-for': '1.2.3.4, '.repeat(500) } },
  { label: 'X-HTTP-Method-Override: DELETE', headers: { 'x-http-method-override': 'DELETE' } },
  { label: '200 extra headers', headers: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-junk-${i}`, 'j'.repeat(20)])) },
  { label: 'headers over 16 KB in all', headers: { 'x-junk': 'j'.repeat(20_000) } },
);

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
