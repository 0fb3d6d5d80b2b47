/**
 * Hex helpers with no platform dependency (no Buffer), so a browser verifier can copy this file as is.
 * Output is always lowercase; input of either case decodes, because a hash read back from a printed
 * receipt should still verify.
 */

const BYTE_TO_HEX: string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) NIBBLE[48 + c] = c;
for (let c = 0; c < 6; c++) {
  NIBBLE[65 + c] = 10 + c;
  NIBBLE[97 + c] = 10 + c;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]];
  return out;
}

/** The bytes of `hex`, or undefined when it is not an even-length hex string. */
export function tryFromHex(hex: unknown): Uint8Array | undefined {
  if (typeof hex !== 'string' || hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

export function fromHex(hex: string): Uint8Array {
  const bytes = tryFromHex(hex);
  if (!bytes) throw new TypeError(`not a hex string: ${JSON.stringify(String(hex).slice(0, 80))}`);
  return bytes;
}

function nibble(code: number): number {
  return code < 128 ? NIBBLE[code] : -1;
}
