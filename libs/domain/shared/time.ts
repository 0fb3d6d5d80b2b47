import { invalid } from './domain-error.js';

/**
 * Time as the deciders handle it: milliseconds for comparing, ISO strings in events. The clock itself
 * never enters the domain; `now` comes with the command.
 */

export const DAY_MS = 86_400_000;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** An ISO time from an event, as milliseconds. */
export const at = (text: string): number => Date.parse(text);

/** A command's time as milliseconds, refused with INVALID_TIME when it is no real date. */
export function timeOf(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw invalid('INVALID_TIME', `${name} is not a valid date and time`);
  return ms;
}
