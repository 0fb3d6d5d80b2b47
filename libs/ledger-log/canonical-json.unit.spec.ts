import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalJson, CanonicalJsonError, canonicalMember } from './canonical-json.js';

function fromIeee754(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the RFC 8785 §3.2.2 sample object exactly as the RFC shows', () => {
    const input = JSON.parse(
      String.raw`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],` +
        String.raw`"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`,
    );
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units as in the RFC 8785 §3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their required text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double with bits %s as %s (RFC 8785 Appendix B)', (bits, text) => {
    expect(canonicalJson(fromIeee754(bits))).toBe(text);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('refuses the double with bits %s (%s)', (bits) => {
    expect(() => canonicalJson(fromIeee754(bits))).toThrow(CanonicalJsonError);
  });

  it('escapes control characters with the short forms or lowercase \\u00xx, and nothing else', () => {
    const controls = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).join('');
    expect(canonicalJson(controls)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
    expect(canonicalJson('"\\/\u007f\u2028</script>')).toBe('"\\"\\\\/\u007f\u2028</script>"');
  });

  it('keeps Chinese text literal and orders Chinese keys by code unit', () => {
    const resolution = { 票数: 3, 名称: '业主大会第一次会议：更换物业公司', 备注: '“同意”' };
    expect(canonicalJson(resolution)).toBe('{"名称":"业主大会第一次会议：更换物业公司","备注":"“同意”","票数":3}');
  });

  it('orders a key outside the BMP by its surrogates, before fullwidth punctuation (not by code point)', () => {
    // U+20000 is U+D840 U+DC00 in UTF-16, so it sorts before U+FF01 although its code point is larger.
    expect(canonicalJson({ '！': 1, '𠀀': 2 })).toBe('{"𠀀":2,"！":1}');
  });

  it('leaves out object members whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ b: undefined, a: 1, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it('uses toJSON, so a Date hashes like the ISO string an export holds', () => {
    const at = new Date('2025-03-01T08:30:00.000Z');
    expect(canonicalJson({ at })).toBe(canonicalJson({ at: '2025-03-01T08:30:00.000Z' }));
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, { shared }])).toBe('[{"x":1},{"shared":{"x":1}}]');
  });

  it.each<[string, unknown, string]>([
    ['a bigint', { data: { amount: 10n } }, '$.data.amount'],
    ['undefined in an array', { votes: [1, undefined] }, '$.votes[1]'],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the input under test
    ['a hole in an array', { votes: [1, , 3] }, '$.votes[1]'],
    ['undefined at the top', undefined, '$'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', [Symbol('s')], '$[0]'],
    ['a Map', { m: new Map([[1, 2]]) }, '$.m'],
    ['a class instance', { x: new (class Money {})() }, '$.x'],
    ['a lone high surrogate', { s: 'a\ud800' }, '$.s'],
    ['a lone low surrogate', { s: '\udc00b' }, '$.s'],
    ['a reversed surrogate pair', { 's t': '\ude00\ud83d' }, '$["s t"]'],
    ['a lone surrogate in a key', { '\ud800': 1 }, '$'],
  ])('refuses %s, naming where it is', (_what, value, path) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(`cannot canonicalise ${path}:`);
  });

  it('refuses a toJSON that returns its own object', () => {
    const selfish = {
      toJSON() {
        return this;
      },
    };
    expect(() => canonicalJson({ selfish })).toThrow('cannot canonicalise $.selfish: the value contains a cycle');
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = { back: a };
    expect(() => canonicalJson(a)).toThrow('cannot canonicalise $.self.back: the value contains a cycle');
  });

  const json = fc.jsonValue({ stringUnit: 'grapheme' });

  it('means the same as JSON.stringify for any JSON value', () => {
    fc.assert(fc.property(json, (v) => expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)))));
  });

  it('gives the same text after a JSON round trip, whatever order or spelling the JSON had', () => {
    fc.assert(
      fc.property(json, (v) => {
        const reparsed = JSON.parse(JSON.stringify(v, null, 2));
        expect(canonicalJson(reparsed)).toBe(canonicalJson(v));
      }),
    );
  });

  it('does not depend on the insertion order of keys', () => {
    const objectAndKeyOrder = fc.dictionary(fc.string({ unit: 'grapheme' }), json, { maxKeys: 8 }).chain((obj) => {
      const keys = Object.keys(obj);
      return fc.tuple(fc.constant(obj), fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }));
    });
    fc.assert(
      fc.property(objectAndKeyOrder, ([obj, keys]) => {
        const reordered = Object.fromEntries(keys.map((k) => [k, obj[k]]));
        expect(canonicalJson(reordered)).toBe(canonicalJson(obj));
      }),
    );
  });

  // canonicalJson writes plain data itself and leaves the rest to the library (with the refusals before it):
  // for any plain data the two must give the same bytes, and anything not plain must still go the long way.
  describe('the fast path for plain data', () => {
    const keyed = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }).filter((k) => (k as string & { isWellFormed(): boolean }).isWellFormed()),
      fc.constantFrom('0', '1', '10', '2', '__proto__', 'toJSON', '-1', '1.5', ''),
    );
    const plain = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }).filter((k) => (k as string & { isWellFormed(): boolean }).isWellFormed()),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value')),
        fc.dictionary(keyed, tie('value'), { maxKeys: 6 }),
      ),
    })).value;

    it('writes what canonicalize writes for any plain value, integer-like and __proto__ keys included', () => {
      fc.assert(
        fc.property(plain, (v) => expect(canonicalJson(v)).toBe(canonicalize(v))),
        { numRuns: 500 },
      );
    });

    it('writes what canonicalize writes for JSON.parse output, e.g. a __proto__ member and integer keys', () => {
      const parsed = JSON.parse('{"b":1,"__proto__":{"x":[1,2]},"10":"ten","2":"two","a":{"toJSON":"not a function"}}');
      expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
      expect(canonicalJson(parsed)).toBe(
        '{"10":"ten","2":"two","__proto__":{"x":[1,2]},"a":{"toJSON":"not a function"},"b":1}',
      );
    });

    it('still refuses a lone surrogate in the key of an absent member, and in a key deep inside', () => {
      expect(() => canonicalJson({ a: 1, '\ud800': undefined })).toThrow('cannot canonicalise $:');
      expect(() => canonicalMember({ x: [{ '\udc00': 1 }] }, 'data')).toThrow('cannot canonicalise $.data.x[0]:');
    });

    it('still refuses what JSON cannot say below plain members, naming where it is', () => {
      expect(() => canonicalJson({ a: { b: [1, 2, NaN] } })).toThrow('cannot canonicalise $.a.b[2]:');
      expect(() => canonicalMember({ a: [1, undefined] }, 'data')).toThrow('cannot canonicalise $.data.a[1]:');
      expect(() => canonicalJson([Object.create({ inherited: 1 })])).toThrow('cannot canonicalise $[0]:');
    });

    it('writes a Date deep inside as its ISO string, and refuses a Number object there, as before', () => {
      expect(canonicalJson({ z: 1, a: [{ at: new Date('2025-03-01T08:30:00.000Z') }] })).toBe(
        '{"a":[{"at":"2025-03-01T08:30:00.000Z"}],"z":1}',
      );
      expect(() => canonicalJson({ z: 1, n: Object(5) as unknown })).toThrow('cannot canonicalise $.n:');
    });

    it('writes a value nested deeper than the fast path goes, and refuses a cycle that deep', () => {
      let deep: unknown = 'leaf';
      for (let i = 0; i < 200; i++) deep = i % 2 ? [deep] : { [`k${i}`]: deep };
      expect(canonicalJson(deep)).toBe(canonicalize(deep));
      const root: Record<string, unknown> = {};
      let at = root;
      for (let i = 0; i < 100; i++) at = at.next = {};
      at.back = root;
      expect(() => canonicalJson(root)).toThrow('the value contains a cycle');
    });
  });
});
