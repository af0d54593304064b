/**
 * The guard's lexer: Cypher split into tokens, with whitespace and comments dropped. Pure. Used by layer 1 on the
 * user's text and by layer 2 on the expressions in the plan's details.
 */

/**
 * Exactly the characters Neo4j 5.26's Cypher parser skips as whitespace: JavaScript's `\s` without U+FEFF, plus the
 * information separators U+001C–U+001F. Measured, not assumed: every BMP character was tried in
 * `RETURN<c>1 AS x` and `WITH 1 AS a RETURN a<c>AS x` with EXPLAIN; test/integration/cypher-property.test.ts
 * keeps checking the lexer against Neo4j's parser. A character the lexer read as punctuation but Neo4j as
 * whitespace let `RETURN apoc\u001c.version()` past layer 1 (issue 12).
 */
const CYPHER_WHITESPACE: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** True when the one character `c` is whitespace to Neo4j's Cypher parser. */
export const isCypherWhitespace = (c: string): boolean => c.length === 1 && CYPHER_WHITESPACE.has(c.charCodeAt(0));

/**
 * A character that may continue a name: letters, digits, `_`, and (as in Neo4j, whose parser takes Java's rules for
 * names) combining marks, connector punctuation and the characters Java ignores inside names: format characters
 * such as U+00AD or U+200B, and the controls U+0000–U+0008, U+000E–U+001B, U+007F–U+009F. So `a\u00ad` is one
 * name to the lexer as it is to Neo4j, not the name `a` followed by a stray character.
 */
function isNamePart(c: string): boolean {
  if (/[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]/u.test(c)) return true;
  const code = c.charCodeAt(0);
  return code <= 0x08 || (code >= 0x0e && code <= 0x1b) || (code >= 0x7f && code <= 0x9f);
}

export type TokenKind = 'word' | 'escaped' | 'string' | 'number' | 'param' | 'punct';
export interface Token {
  kind: TokenKind;
  /** the token's text; for `word` tokens also see `upper` */
  text: string;
  upper: string;
  offset: number;
}

/**
 * Splits Cypher into tokens, dropping whitespace and comments. Unterminated strings, comments or escaped names
 * run to the end (Neo4j reports the syntax error when the query is planned).
 */
export function lexCypher(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  const push = (kind: TokenKind, start: number, end: number) => {
    const text = src.slice(start, end);
    out.push({ kind, text, upper: kind === 'word' ? text.toUpperCase() : text, offset: start });
  };
  while (i < n) {
    const c = src[i] ?? '';
    if (isCypherWhitespace(c)) {
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      const start = i++;
      while (i < n && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, n);
      push('string', start, i);
    } else if (c === '`') {
      const start = i++;
      for (;;) {
        if (i >= n) break;
        if (src[i] === '`') {
          if (src[i + 1] === '`') i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      push('escaped', start, i);
    } else if (/[\p{L}_]/u.test(c)) {
      const start = i;
      while (i < n && isNamePart(src[i] ?? '')) i++;
      push('word', start, i);
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < n && /[0-9a-zA-Z_.]/.test(src[i] ?? '')) {
        if (src[i] === '.' && src[i + 1] === '.') break; // range operator in [1..3]
        i++;
      }
      push('number', start, i);
    } else if (c === '$') {
      const start = i++;
      if (src[i] === '`') {
        i++;
        while (i < n && src[i] !== '`') i++;
        i = Math.min(i + 1, n);
      } else while (i < n && /[\p{L}\p{N}_]/u.test(src[i] ?? '')) i++;
      push('param', start, i);
    } else {
      push('punct', i, i + 1);
      i++;
    }
  }
  return out;
}

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'escaped');
const unescape = (t: Token) => (t.kind === 'escaped' ? t.text.slice(1, -1).replace(/``/g, '`') : t.text);

/**
 * The namespaced function calls in the tokens (`a.b(…)`, `` `a`.`b` (…) ``), with the index of their first token.
 * Property access (`n.name`) is not a call; neither is a procedure after `CALL`.
 */
export function namespacedCalls(tokens: Token[], from = 0): { name: string; at: number }[] {
  const calls: { name: string; at: number }[] = [];
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || !isName(t) || tokens[i + 1]?.text !== '.' || tokens[i - 1]?.text === '.') continue;
    const parts = [unescape(t)];
    let j = i + 1;
    while (tokens[j]?.text === '.' && isName(tokens[j + 1])) {
      parts.push(unescape(tokens[j + 1]!));
      j += 2;
    }
    if (tokens[j]?.text !== '(' || tokens[i - 1]?.upper === 'CALL') continue; // property access, or a procedure
    calls.push({ name: parts.join('.'), at: i });
  }
  return calls;
}
