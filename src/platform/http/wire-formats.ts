/**
 * How API.md writes values on the wire, one pattern each, for every DTO: a change to a format is a change
 * to the API, made here once.
 */
import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

export { SHA256 } from '@gongzhi/domain/shared/evidence.js';

/** RFC 3339 with an offset: "2026-02-01T09:00:00+08:00". */
export const WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * A time field: WITH_OFFSET and a real date and time; a refusal shows `like` as the example. Checked
 * in the order of the two decorators stacked by hand (the date first), so the problems read as before.
 */
export function OffsetTime(like: string): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: '$property is not a real date and time' }),
    Matches(WITH_OFFSET, { message: `$property must be an RFC 3339 time with an offset, like ${like}` }),
  );
}

/** Yuan as a decimal string with at most two decimals: "700000.00". The shape only: parseYuan applies the limits, and a JSON number fails @IsString first. */
export const YUAN = /^\d{1,13}(\.\d{1,2})?$/;

/** An id a client chooses ("3-2-501", "O00017"). */
export const ID = /^[A-Za-z0-9][\w.:\-/]{0,63}$/;
export const ID_MESSAGE = '$property must be 1–64 letters, digits or . _ - : / (starting with a letter or digit)';
