/**
 * How API.md writes values on the wire, one pattern each, for every DTO: a change to a format is a change
 * to the API, made here once.
 */
export { SHA256 } from '../../../libs/domain/shared/evidence.js';

/** RFC 3339 with an offset: "2026-02-01T09:00:00+08:00". */
export const WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** Yuan as a decimal string with at most two decimals: "700000.00". The shape only: parseYuan applies the limits, and a JSON number fails @IsString first. */
export const YUAN = /^\d{1,13}(\.\d{1,2})?$/;

/** An id a client chooses ("3-2-501", "O00017"). */
export const ID = /^[A-Za-z0-9][\w.:\-/]{0,63}$/;
export const ID_MESSAGE = '$property must be 1–64 letters, digits or . _ - : / (starting with a letter or digit)';
