/**
 * The one date rule of Parley: a real calendar date written YYYY-MM-DD (proleptic Gregorian calendar). Used by
 * the API's query parameters, the data-file validator, the snapshot format and the client's URL reader, so
 * `2025-02-31` is refused everywhere.
 */
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** true for a real calendar date written YYYY-MM-DD (leap years counted: 2024-02-29 yes, 2025-02-29 no) */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : (DAYS[mo - 1] ?? 0));
}

/** A date written YYYY-MM-DD that exists on the calendar; each failure says which. */
export const isoDateSchema = z
  .string()
  .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
  .refine(isIsoDate, 'must be a real calendar date')
  .describe('a calendar date written YYYY-MM-DD');
