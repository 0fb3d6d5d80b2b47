import { HASH_SIZE } from './tree-hash.js';

/**
 * An append-only list of 32-byte hashes in one growing buffer. A million leaves as separate
 * Uint8Arrays (or hex strings) would cost several times their 32 bytes each in object headers.
 */
export class HashArray {
  private buf = new Uint8Array(HASH_SIZE * 64);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(hash: Uint8Array): void {
    if (hash.length !== HASH_SIZE) throw new RangeError(`a hash is ${HASH_SIZE} bytes, got ${hash.length}`);
    if ((this.count + 1) * HASH_SIZE > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf.set(hash, this.count * HASH_SIZE);
    this.count++;
  }

  /** A view, not a copy: entries are never overwritten, so it stays valid even after the buffer grows. */
  at(i: number): Uint8Array {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`hash ${i} of ${this.count}`);
    return this.buf.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }
}
