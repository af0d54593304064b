/** zod pieces shared by the routes' request schemas. */
import { z } from 'zod';

export const apiId = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .describe('an entity id such as person:sonata-coulter, or a Neo4j element id');

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  // Date.parse rolls 2025-02-30 over to March 2nd; a real date survives the round trip unchanged.
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date');

/** An integer query parameter with a default and bounds; the message says the bounds. */
export function intParam(def: number, min: number, max: number) {
  return z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(def);
}

/** `labels=Person,Meeting` or `labels=Person&labels=Meeting` */
export const nameList = z.preprocess(
  (v) =>
    v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean),
  z
    .array(z.string().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'must be label names (letters, digits, _)'))
    .max(50)
    .optional(),
);
