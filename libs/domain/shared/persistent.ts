/**
 * Immutable collections that share structure between versions. A ledger's state is folded once per
 * event and every state may be kept (the command path caches them, the verifier compares the one
 * before an event with the one after), so "copy the map, then change it" makes a fold quadratic in the
 * length of the history. These copy a small part instead and leave every earlier version intact.
 */

const BUCKETS = 1024;

function bucketOf(key: string): number {
  // FNV-1a: cheap, and spreads account names like "fund:unit:5-1-101" evenly.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

/** A string-keyed map whose `set` answers a new map, copying one bucket (size / 1024 entries) and an index. */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly buckets: readonly (ReadonlyMap<string, V> | undefined)[],
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(new Array(BUCKETS).fill(undefined), 0);
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    return this.buckets[bucketOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false;
  }

  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = new Map(this.buckets[index]);
    const added = bucket.has(key) ? 0 : 1;
    bucket.set(key, value);
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new PersistentMap(buckets, this.size + added);
  }

  *entries(): MapIterator<[string, V]> {
    for (const bucket of this.buckets) if (bucket) yield* bucket.entries();
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/** An append-only list kept newest first: appending is O(1) and every earlier version stays as it was. */
export interface ListNode<T> {
  readonly item: T;
  readonly next: ListNode<T> | null;
}

export function prepend<T>(list: ListNode<T> | null, items: readonly T[]): ListNode<T> | null {
  let head = list;
  for (const item of items) head = { item, next: head };
  return head;
}

/** The items appended after `since` (a version of the same list), oldest first; all of them when since is null. */
export function itemsSince<T>(list: ListNode<T> | null, since: ListNode<T> | null = null): T[] {
  const out: T[] = [];
  for (let node = list; node && node !== since; node = node.next) out.push(node.item);
  return out.reverse();
}
