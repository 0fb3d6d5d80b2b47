import { toHex } from './hex.js';
import { hashLeaf } from './tree-hash.js';

const encoder = new TextEncoder();

/** n distinct, reproducible RFC 6962 leaf hashes; the seed lets fast-check vary the tree's contents. */
export function leafHashesFor(n: number, seed = 0): string[] {
  return Array.from({ length: n }, (_, i) => toHex(hashLeaf(encoder.encode(`leaf ${seed}/${i}`))));
}

/** The same hex hash with bit `bit` (0 = most significant bit of the first byte) inverted. */
export function flipBit(hex: string, bit: number): string {
  const nibbleIndex = Math.floor(bit / 4);
  const nibble = parseInt(hex[nibbleIndex], 16) ^ (8 >> (bit % 4));
  return hex.slice(0, nibbleIndex) + nibble.toString(16) + hex.slice(nibbleIndex + 1);
}
