/**
 * Labels, relationship types and property keys cannot be Cypher parameters, so the few places that must put
 * one into query text validate it first and then escape it with backticks. Values never go this way.
 */
const NAME = /^[\p{L}_][\p{L}\p{N}_]{0,127}$/u;

export function isValidName(name: string): boolean {
  return NAME.test(name);
}

/** `name` as a backtick-quoted Cypher identifier; throws when it is not a plain name. */
export function escapeName(name: string): string {
  if (!isValidName(name)) {
    throw new Error(
      `neo4j/names: "${name}" is not a valid label, type or key (letters, digits and _ only, not starting with a digit).`,
    );
  }
  return '`' + name.replace(/`/g, '``') + '`';
}

/**
 * A name read from the database itself (db.labels(), keys()), which may hold any character, quoted as a Cypher
 * identifier: backticks doubled. Never for names a user sends (those go through escapeName).
 */
export function quoteDbName(name: string): string {
  if (name === '' || name.includes('\u0000')) {
    throw new Error(`neo4j/names: a database name must not be empty or hold NUL, got ${JSON.stringify(name)}.`);
  }
  return '`' + name.replace(/`/g, '``') + '`';
}
