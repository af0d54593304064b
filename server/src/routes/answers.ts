/**
 * The response schemas of a route: its own answers, and the `{error, message}` shape of every 4xx and 5xx (the one
 * error handler in app.ts writes those). OpenAPI documents them; the serializer (app.ts) checks each answer.
 */
import type { z } from 'zod';
import { apiErrorSchema } from '../../../contract';

export function answers<T extends Record<number, z.ZodType>>(ok: T, errors: z.ZodType = apiErrorSchema) {
  return { ...ok, '4xx': errors, '5xx': errors };
}
