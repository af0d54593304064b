/**
 * Why the console refuses a query: a stable reason code and a sentence saying what to change. The HTTP status of
 * each code is decided in one place, the app's error handler (server/src/app.ts); nothing here knows HTTP.
 */

export type RefusalCode =
  | 'empty_query'
  | 'multiple_statements'
  | 'write_not_allowed'
  | 'load_csv_disabled'
  | 'procedure_not_allowed'
  | 'use_not_allowed'
  | 'admin_not_allowed'
  | 'in_transactions_not_allowed'
  | 'profile_not_allowed'
  | 'function_not_allowed'
  | 'query_too_deep';

/** A query the console will not run, with a stable reason code and a sentence saying why. */
export class ConsoleRefusal extends Error {
  override name = 'ConsoleRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** Schema introspection and full-text search: read-only procedures the console may call. */
export const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

/**
 * Cypher's built-in namespaced functions (Neo4j 5); any other namespaced function belongs to a plugin (Neo4j
 * refuses plugin functions in the root namespace, so every plugin function has a dot in its name).
 */
const BUILT_IN_FUNCTION =
  /^(date|datetime|localdatetime|localtime|time|duration|point)\.[A-Za-z]+$|^vector\.similarity\.(cosine|euclidean)$|^db\.nameFromElementId$|^graph\.(names|byName|byElementId|propertiesByName)$/i;

/** True for a namespaced function name that is Cypher's own (`date.truncate`), false for a plugin's. */
export const isBuiltInFunction = (name: string): boolean => BUILT_IN_FUNCTION.test(name);

export const refuse = {
  empty: () =>
    new ConsoleRefusal('empty_query', 'The query is empty: type a Cypher query such as MATCH (n) RETURN n LIMIT 25.'),
  multiple: () =>
    new ConsoleRefusal(
      'multiple_statements',
      'The console runs one statement at a time: remove everything after the first `;`.',
    ),
  write: (why: string) =>
    new ConsoleRefusal('write_not_allowed', `Write queries are not allowed in the console (${why}); it only reads.`),
  loadCsv: () =>
    new ConsoleRefusal('load_csv_disabled', 'LOAD CSV is disabled in the console: it cannot read files or URLs.'),
  procedure: (name: string) =>
    new ConsoleRefusal(
      'procedure_not_allowed',
      `The procedure ${name} is not allowed in the console; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}.`,
    ),
  use: () =>
    new ConsoleRefusal(
      'use_not_allowed',
      'USE is not allowed in the console: queries run against Parley’s database only.',
    ),
  admin: (what: string) =>
    new ConsoleRefusal(
      'admin_not_allowed',
      `Administration commands are not allowed in the console (${what}); use Neo4j’s own tools for that.`,
    ),
  inTransactions: () =>
    new ConsoleRefusal(
      'in_transactions_not_allowed',
      'CALL { … } IN TRANSACTIONS is not allowed in the console: it commits batches outside the guarded transaction.',
    ),
  fn: (name: string) =>
    new ConsoleRefusal(
      'function_not_allowed',
      `The function ${name}() is not allowed in the console: only Cypher's built-in functions run here (a plugin's function, such as APOC's, could run Cypher or reach the network unseen by the guard).`,
    ),
  tooDeep: (depth: number, max: number, line: number, column: number) =>
    new ConsoleRefusal(
      'query_too_deep',
      `The query nests ${depth} levels deep at line ${line}, column ${column}; the console allows at most ${max} (nested parentheses, brackets, braces, CASE, NOT or .key accesses). Neo4j's parser cannot answer much deeper queries: flatten the expression (WITH steps, a list instead of nested ones).`,
    ),
  profile: (word: string) =>
    new ConsoleRefusal(
      'profile_not_allowed',
      `${word} is not allowed in the console: remove it (the console plans every query itself before running it).`,
    ),
};
