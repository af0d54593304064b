/**
 * Parley's API contract, shared by the server and the client: zod schemas are the one source of every request
 * and answer, and the TypeScript types are inferred from them. This folder imports nothing but zod (ESLint
 * checks it), so both sides can import it, values included.
 */
export * from './accounts';
export * from './anydb';
export * from './cypher';
export * from './dates';
export * from './duplicates';
export * from './graph';
export * from './json';
export * from './params';
export * from './snapshots';
export * from './imports';
export * from './extract';
export * from './import-mapping';
