export function assertMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && !(Number.isSafeInteger(maxCount) && maxCount >= 0)) {
    throw new RangeError(`maxCount ${maxCount} is not a count (an integer from 0)`);
  }
}

export function assertRevision(revision: number | undefined): void {
  if (revision !== undefined && !(Number.isSafeInteger(revision) && revision >= 0)) {
    throw new RangeError(`revision ${revision} is not a revision (an integer from 0)`);
  }
}
