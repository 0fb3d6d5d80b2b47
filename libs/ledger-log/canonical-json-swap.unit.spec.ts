import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { handWrittenCanonicalJson } from './canonical-json.reference.fixture.js';
import { canonicalJson } from './canonical-json.js';

/**
 * Leaf hashes depend on every byte of the canonical JSON, so the `canonicalize` package (by RFC 8785's author)
 * may stand in for the hand-written serialiser only if it writes the same bytes for every value the log hashes.
 */
describe('canonicalize writes the same bytes as the hand-written canonical JSON it replaced', () => {
  // Text as events carry it: Chinese, full-width punctuation, emoji (surrogate pairs), control characters, quotes.
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom('业', '主', '大', '会', '：', '“', '”', '！', '𠀀', '😀', '€', 'ö'),
      fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028'),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
  });
  const number = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, 9007199254740992, 333333333.3333333),
  );
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, text, number, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 6 }),
    object: fc.dictionary(text, fc.option(tie('value'), { nil: undefined }), { maxKeys: 6 }),
  })).value;

  it('for any JSON value: strings of any script, any finite double, nested objects with absent members', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalize(value)).toBe(handWrittenCanonicalJson(value));
        expect(canonicalJson(value)).toBe(handWrittenCanonicalJson(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('for the event shape the log hashes, with dates written by toJSON', () => {
    const event = fc.record({
      eventId: fc.uuid(),
      streamId: text,
      revision: fc.nat(),
      type: text,
      data: fc.dictionary(text, fc.oneof(json, fc.date({ noInvalidDate: true }))),
      metadata: fc.option(fc.dictionary(text, json), { nil: undefined }),
    });
    fc.assert(
      fc.property(event, (e) => {
        expect(canonicalJson(e)).toBe(handWrittenCanonicalJson(e));
      }),
      { numRuns: 2000 },
    );
  });
});
