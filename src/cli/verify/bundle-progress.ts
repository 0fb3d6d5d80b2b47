/** The lines and bytes of every bundle added up, for one progress bar over all of them. */
export class Progress {
  private readonly each = new Map<number, { lines: number; bytes: number }>();

  update(
    index: number,
    progress: { lines: number; bytes: number },
    report?: (total: { lines: number; bytes: number }) => void,
  ): void {
    this.each.set(index, progress);
    if (!report) return;
    let lines = 0;
    let bytes = 0;
    for (const p of this.each.values()) {
      lines += p.lines;
      bytes += p.bytes;
    }
    report({ lines, bytes });
  }
}
