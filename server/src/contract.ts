/**
 * The API contract now lives in the top-level contract/ folder (zod schemas, types inferred), shared by the
 * server and the client. This re-export stays only for the files being moved in parallel (neo4j/convert.ts and
 * the command-line tools); import from contract/ directly, and delete this file once nothing imports it.
 */
export * from '../../contract';
