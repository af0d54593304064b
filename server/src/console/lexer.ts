/** Layer 1's lexer: Cypher split into tokens, with whitespace and comments dropped. Pure. */

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
    if (/\s/u.test(c)) {
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
      while (i < n && /[\p{L}\p{N}_]/u.test(src[i] ?? '')) i++;
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
