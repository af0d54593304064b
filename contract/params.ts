/** zod pieces of the requests' schemas: ids, whole-number query parameters, lists of names. */
import { z } from 'zod';

export const apiIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .describe('an entity id such as person:sonata-coulter, or a Neo4j element id');

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
export const nameListSchema = z.preprocess(
  (v) =>
    v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean),
  z
    .array(z.string().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'must be label names (letters, digits, _)'))
    .max(50)
    .optional(),
);
