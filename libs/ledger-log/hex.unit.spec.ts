import fc from 'fast-check';
import { fromHex, toHex, tryFromHex } from './hex.js';

describe('hex encoding', () => {
  it('writes lowercase two-digit bytes', () => {
    expect(toHex(Uint8Array.of(0x00, 0x0f, 0xab, 0xff))).toBe('000fabff');
  });

  it('reads back whatever it wrote', () => {
    fc.assert(fc.property(fc.uint8Array(), (bytes) => expect(tryFromHex(toHex(bytes))).toEqual(bytes)));
  });

  it('reads uppercase hex as the same bytes', () => {
    expect(fromHex('ABCDEF')).toEqual(fromHex('abcdef'));
  });

  it.each(['0', 'abc', 'zz', '0x12', ' 12', '12 ', 'é1'])('refuses %j', (bad) => {
    expect(tryFromHex(bad)).toBeUndefined();
    expect(() => fromHex(bad)).toThrow(TypeError);
  });

  it('refuses a value that is not a string', () => {
    expect(tryFromHex(12)).toBeUndefined();
  });
});
