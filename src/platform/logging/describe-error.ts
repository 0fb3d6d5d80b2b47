/**
 * A failure in words a person can act on, whatever was thrown: an Error's message (with its code and
 * cause), every part of an AggregateError (pg throws one with an empty message when every address of a
 * host refuses), and never a bare "undefined" for a rejection that carried nothing.
 */
export function describeError(error: unknown): string {
  if (error === undefined || error === null)
    return 'the start failed without saying why (a rejection with no error); the lines above may tell more';
  if (error instanceof AggregateError) {
    const parts = error.errors.map(describeError);
    return [error.message, ...new Set(parts)].filter(Boolean).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    let text = error.message || error.name;
    if (code && !text.includes(code)) text = `${text} (${code})`;
    if (error.cause !== undefined) text = `${text}; caused by: ${describeError(error.cause)}`;
    return text;
  }
  if (typeof error === 'object') {
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
