/**
 * Layer 1 of the console's guard, the statement check (pure): one statement only; no `USE`, no `PROFILE`/`EXPLAIN`
 * prefix, no administration or `SHOW`/`TERMINATE` command, no plugin function. The lexer skips comments, strings
 * and `escaped` names, so a keyword hidden in a comment or a string neither triggers nor evades the check.
 */
import { lexCypher, namespacedCalls, type Token } from './lexer';
import { MAX_NESTING, nestingOf } from './nesting';
import { isBuiltInFunction, refuse } from './refusals';

const ADMIN_START = new Set([
  'SHOW',
  'TERMINATE',
  'GRANT',
  'DENY',
  'REVOKE',
  'ALTER',
  'RENAME',
  'START',
  'STOP',
  'ENABLE',
  'DEALLOCATE',
  'REALLOCATE',
  'DRYRUN',
]);

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'escaped');

/** Index of the first token after any `CYPHER [version] [option=value …]` prefixes. */
function skipCypherPrefix(tokens: Token[]): number {
  let i = 0;
  while (tokens[i]?.upper === 'CYPHER') {
    i++;
    for (;;) {
      const t = tokens[i];
      if (t?.kind === 'number') i++;
      else if (isName(t) && tokens[i + 1]?.text === '=') i += 3;
      else break;
    }
  }
  return i;
}

/**
 * Layer 1. Refuses a query nesting deeper than MAX_NESTING (Neo4j's parser would not answer it), and what a plan
 * cannot show: more than one statement, `USE` (the plan does not say which graph it
 * was planned for), `PROFILE`/`EXPLAIN` prefixes, and administration commands (refused here with a clear reason
 * rather than with Neo4j's "unsupported administration command"). Returns the text to plan and run: the query
 * without a trailing `;`.
 */
export function inspectStatement(query: string): string {
  const tokens = lexCypher(query);
  const semis = tokens.map((t, i) => (t.text === ';' && t.kind === 'punct' ? i : -1)).filter((i) => i >= 0);
  let text = query;
  if (semis.length > 0) {
    const first = semis[0] ?? 0;
    if (first < tokens.length - 1) throw refuse.multiple();
    text = query.slice(0, tokens[first]?.offset ?? query.length);
    tokens.pop();
  }
  if (tokens.length === 0) throw refuse.empty();
  // Before anything reaches Neo4j: its parser leaves deeply nested queries unanswered (console/nesting.ts).
  const nesting = nestingOf(tokens, MAX_NESTING);
  if (nesting.depth > MAX_NESTING) {
    const before = query.slice(0, nesting.offset).split(/\r\n|\r|\n/);
    throw refuse.tooDeep(nesting.depth, MAX_NESTING, before.length, (before.at(-1)?.length ?? 0) + 1);
  }

  const start = skipCypherPrefix(tokens);
  const head = tokens[start];
  if (head?.upper === 'PROFILE' || head?.upper === 'EXPLAIN') throw refuse.profile(head.upper);
  if (head && head.kind === 'word' && ADMIN_START.has(head.upper)) throw refuse.admin(`${head.upper} …`);
  if (head?.upper === 'CREATE' || head?.upper === 'DROP') {
    const next = tokens[start + 1]?.upper;
    if (next && ['DATABASE', 'ALIAS', 'USER', 'ROLE', 'SERVER', 'COMPOSITE', 'OR'].includes(next)) {
      throw refuse.admin(`${head.upper} ${next} …`);
    }
  }

  // Namespaced function calls: only Cypher's own (date.*, duration.*, point.*, …). A plugin's function (e.g.
  // apoc.cypher.runFirstColumn on a remote Neo4j with APOC) would run work that the plan walk cannot see; layer 2
  // checks the calls in the plan too.
  for (const call of namespacedCalls(tokens, start)) if (!isBuiltInFunction(call.name)) throw refuse.fn(call.name);

  // USE is a clause at the start of a query, of a subquery `{ … }` and of each part of a UNION.
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.upper !== 'USE' || t.kind !== 'word') continue;
    const prev = tokens[i - 1];
    const atClauseStart =
      i === start ||
      prev?.text === '{' ||
      prev?.upper === 'UNION' ||
      (prev?.upper === 'ALL' || prev?.upper === 'DISTINCT' ? tokens[i - 2]?.upper === 'UNION' : false);
    if (atClauseStart && isName(tokens[i + 1])) throw refuse.use();
  }
  return text;
}
