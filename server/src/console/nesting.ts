/**
 * How deeply a query nests (pure). Neo4j 5.26's parser does not survive deep nesting: measured with EXPLAIN on
 * this machine, 1,000 nested parentheses, lists, maps, `CASE`s, `NOT`s or `.key` accesses each left the request
 * unanswered (no error, no answer: a connection and a Bolt thread held until Neo4j gave up), 500 of most of them
 * too, while 100 of each planned in under 0.5 s. So the console refuses a query nesting deeper than
 * MAX_NESTING before it reaches Neo4j (issue 12).
 *
 * Depth, read from the lexer's tokens (so brackets inside strings and comments do not count): every open `(`, `[`,
 * `{` and `CASE` adds a level until its `)`, `]`, `}` or `END`; inside that, a run of `NOT`s or of `.key`
 * accesses adds one level per step (each is one more level of Neo4j's expression tree).
 */
import type { Token } from './lexer';

/** The deepest nesting the console plans (each shape measured to plan in under 0.5 s at this depth). */
export const MAX_NESTING = 100;

export interface Nesting {
  depth: number;
  /** offset in the query of the token where the depth was reached */
  offset: number;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'escaped');

/** The deepest nesting of the tokens and where it is reached (stops counting once past `stopAbove`). */
export function nestingOf(tokens: Token[], stopAbove = Infinity): Nesting {
  let level = 0;
  let run = 0;
  let best: Nesting = { depth: 0, offset: 0 };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const opens = (t.kind === 'punct' && OPEN.has(t.text)) || (t.kind === 'word' && t.upper === 'CASE');
    const closes = (t.kind === 'punct' && CLOSE.has(t.text)) || (t.kind === 'word' && t.upper === 'END');
    // a run: NOT after NOT, or `.key` after a name or a closing bracket (n.a.b.c, f(x).a.b)
    const chained =
      (t.kind === 'word' && t.upper === 'NOT' && prev?.upper === 'NOT') ||
      (t.text === '.' && t.kind === 'punct' && isName(tokens[i + 1]) && prev !== undefined && prev.kind !== 'number');
    if (chained) run++;
    else if (!(isName(t) && prev?.text === '.')) run = 0;
    if (opens) level++;
    else if (closes) level = Math.max(0, level - 1);
    const depth = level + run;
    if (depth > best.depth) {
      best = { depth, offset: t.offset };
      if (depth > stopAbove) return best;
    }
  }
  return best;
}
