/** JSON values, as every node and relationship property reaches the client after conversion. */
import { z } from 'zod';

/**
 * Any JSON value. Registered under the id `JsonValue` (the instance itself, whose recursion points back at it),
 * so the OpenAPI document shows it as one recursive component.
 */
export const jsonValueSchema = z.json();
z.globalRegistry.add(jsonValueSchema, {
  id: 'JsonValue',
  description: 'any JSON value: string, number, boolean, null, array or object',
});
export type JsonValue = z.infer<typeof jsonValueSchema>;

/** A node's or relationship's properties: an open record, any key, any JSON value. */
export const propertiesSchema = z.record(z.string(), jsonValueSchema);
export type Properties = z.infer<typeof propertiesSchema>;
