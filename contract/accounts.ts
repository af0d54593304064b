/** Accounts (optional, PARLEY_ACCOUNTS): roles, signing in, and who may use the console (README "Accounts"). */
import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export const roleSchema = z
  .enum(ROLES)
  .describe('viewer reads; editor also writes (import, merge, snapshot); admin also manages');
export type Role = z.infer<typeof roleSchema>;

/** A user name: letters, digits and `._-`, 1–64 characters (it is shown in records, so kept plain). */
export const userNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores');

export const signInRequestSchema = z.object({
  name: userNameSchema,
  password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1,024 characters'),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionUserSchema = z.object({ name: z.string(), role: roleSchema });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const signInResponseSchema = z.object({
  token: z.string().describe('send it as "Authorization: Bearer <token>"'),
  user: sessionUserSchema,
  expires: z.string().describe('ISO date-time after which the token is refused'),
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

export const sessionStatusSchema = z.object({
  accounts: z.boolean().describe('true when this server has accounts on (PARLEY_ACCOUNTS)'),
  user: sessionUserSchema.nullable().describe('who the request is signed in as, if anyone'),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const accessSettingsSchema = z.object({
  consoleRoles: z.array(roleSchema).max(3).describe('the roles that may use the Cypher console'),
});
export type AccessSettings = z.infer<typeof accessSettingsSchema>;
