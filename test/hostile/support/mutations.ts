import fc from 'fast-check';
import {
  hostileString,
  hostileValue,
  jsonText,
  NOT_AMOUNTS,
  NOT_TIMES,
  POLLUTION_MARK,
  Raw,
} from './hostile-values.js';
import { type JsonPath, showPath } from './json-paths.js';
import { utf8Bytes } from './raw-http.js';

/** Keys that reach for Object.prototype, or shadow what a DTO inherits. */
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

function nodes(value: unknown, path: JsonPath = []): { path: JsonPath; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => nodes(v, [...path, i]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, k]))];
  return here;
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of `base` with the node at `path` replaced (or, with `remove`, taken out). */
function edit(base: unknown, path: JsonPath, change: { to: unknown } | 'remove'): unknown {
  if (path.length === 0) return change === 'remove' ? undefined : change.to;
  const copy = clone(base) as Record<string | number, unknown>;
  let parent: unknown = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  const last = path[path.length - 1];
  if (change === 'remove') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<string | number, unknown>)[last];
  } else if (Array.isArray(parent)) parent[last as number] = change.to;
  else defineKey(parent as Record<string, unknown>, String(last), change.to);
  return copy;
}

export interface BodyCase {
  label: string;
  contentType: string | null;
  text: string;
}

const json = (label: string, value: unknown): BodyCase => ({
  label,
  contentType: 'application/json',
  text: jsonText(value),
});
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
    .map(([node, value]) => json(`${showPath(node.path)} := ${short(value)}`, edit(base, node.path, { to: value })));
  const removed = withParent.length
    ? fc
        .constantFrom(...withParent)
        .map((node) => json(`without ${showPath(node.path)}`, edit(base, node.path, 'remove')))
    : replaced;
  const added = fc
    .tuple(
      fc.constantFrom(...(containers.length ? containers : [{ path: [] as JsonPath, value: {} }])),
      fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 12 })),
    )
    .map(([node, key]) => {
      const polluting = POLLUTING_KEYS.includes(key);
      const value =
        key === 'constructor'
          ? { prototype: { [POLLUTION_MARK]: true } }
          : polluting
            ? { [POLLUTION_MARK]: true }
            : 'extra';
      const target =
        Array.isArray(node.value) || node.value === null || typeof node.value !== 'object' ? {} : clone(node.value);
      defineKey(target as Record<string, unknown>, key, value);
      return json(
        `${showPath(node.path)} + key ${JSON.stringify(key)}`,
        node.path.length ? edit(base, node.path, { to: target }) : target,
      );
    });
  const wrapped = fc
    .constantFrom(...all)
    .map((node) =>
      Array.isArray(node.value) && node.value.length
        ? json(`${showPath(node.path)} unwrapped to its first item`, edit(base, node.path, { to: node.value[0] }))
        : json(`${showPath(node.path)} wrapped in an array`, edit(base, node.path, { to: [node.value] })),
    );
  const repeated = fc.constantFrom(2, 500, 25_000).map((count) =>
    Array.isArray(base)
      ? json(
          `the item ${count} times`,
          Array.from({ length: count }, (): unknown => base[0]),
        )
      : json(
          `${count} copies in an array`,
          Array.from({ length: count }, () => base),
        ),
  );
  const amountLike = amounts.length
    ? fc
        .tuple(fc.constantFrom(...amounts), fc.constantFrom(...NOT_AMOUNTS))
        .map(([node, v]) => json(`${showPath(node.path)} := ${short(v)}`, edit(base, node.path, { to: v })))
    : replaced;
  const timeLike = times.length
    ? fc
        .tuple(fc.constantFrom(...times), fc.constantFrom(...NOT_TIMES))
        .map(([node, v]) => json(`${showPath(node.path)} := ${short(v)}`, edit(base, node.path, { to: v })))
    : replaced;
  const broken = fc.oneof(
    fc
      .integer({ min: 0, max: Math.max(0, valid.length - 1) })
      .map((at) => ({ label: `JSON cut at ${at}`, contentType: 'application/json', text: valid.slice(0, at) })),
    fc.constantFrom(
      { label: 'trailing garbage', contentType: 'application/json', text: `${valid}}}` },
      { label: 'single quotes', contentType: 'application/json', text: valid.replace(/"/g, "'") },
      { label: 'a comment', contentType: 'application/json', text: `/* hi */${valid}` },
      { label: 'NaN literal', contentType: 'application/json', text: valid.replace(/^\{/, '{"n":NaN,') },
      { label: 'a byte-order mark', contentType: 'application/json', text: `\ufeff${valid}` },
      { label: 'empty body', contentType: 'application/json', text: '' },
      { label: 'two documents', contentType: 'application/json', text: `${valid}${valid}` },
      {
        label: 'duplicate keys',
        contentType: 'application/json',
        text: valid.replace(/^\{"(\w+)":/, '{"$1":null,"$1":'),
      },
    ),
  );
  const wrongType = fc.constantFrom(
    { label: 'as text/plain', contentType: 'text/plain', text: valid },
    { label: 'as text/csv', contentType: 'text/csv', text: valid },
    { label: 'as a form', contentType: 'application/x-www-form-urlencoded', text: 'name=x&__proto__[polluted]=1' },
    {
      label: 'as multipart',
      contentType: 'multipart/form-data; boundary=b',
      text: `--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n${valid}\r\n--b--`,
    },
    {
      label: 'as XML',
      contentType: 'application/xml',
      text: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    },
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
    .tuple(
      fc.integer({ min: 0, max: cells.length - 1 }),
      fc.oneof(
        hostileString,
        fc.constantFrom(
          ...NOT_AMOUNTS.filter((v): v is string => typeof v === 'string'),
          ...NOT_TIMES.filter((v): v is string => typeof v === 'string'),
        ),
      ),
    )
    .map(([i, value]) => {
      const quoted = /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
      return csv(
        `cell ${i} := ${short(value)}`,
        `${header}\r\n${cells.map((c, j) => (j === i ? quoted : c)).join(',')}\r\n`,
      );
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
    {
      label: 'JSON sent to a CSV route',
      contentType: 'application/json',
      text: JSON.stringify(Object.fromEntries(header.split(',').map((h, i) => [h, cells[i]]))),
    },
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
  {
    label: '200 extra headers',
    headers: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-junk-${i}`, 'j'.repeat(20)])),
  },
  { label: 'headers over 16 KB in all', headers: { 'x-junk': 'j'.repeat(20_000) } },
);
