/**
 * Layer 2 of the console's guard, the plan check (pure): the query is planned with `EXPLAIN` (by neo4j/console.ts;
 * nothing runs) and only `queryType` "r" passes; the plan is walked: `LOAD CSV`, procedures outside a small
 * allow-list, namespaced functions that are not Cypher's own (a plugin's), `CALL {…} IN TRANSACTIONS`,
 * `SHOW`/`TERMINATE` operators, any write operator, and any operator planned on another database are refused.
 * The function check repeats layer 1's from what Neo4j itself parsed, so that no character the lexer reads
 * differently from Neo4j can hide a plugin function.
 */
import { lexCypher, namespacedCalls } from './lexer';
import { ALLOWED_PROCEDURES, isBuiltInFunction, refuse } from './refusals';

export interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** Operators that change the graph or the schema (queryType already says so; this is the second lock). */
const WRITE_OPERATOR = /^(Create|Merge|LockingMerge|Delete|DetachDelete|Set[A-Z]|Remove[A-Z]|Foreach|Drop|Load)/;
const ADMIN_OPERATOR = /^(Show|Terminate|Alter|Grant|Deny|Revoke|Rename|Start|Stop|Enable|Dealloc|Realloc|System)/;
const IN_TRANSACTIONS_OPERATOR = /^Transaction(Apply|Foreach)$/;

function details(p: PlanNode): string {
  const d = p.arguments.Details ?? p.arguments.details;
  return typeof d === 'string' ? d : '';
}

/** `db.labels() :: (label :: STRING)` → `db.labels` */
export function procedureName(detailsText: string): string | null {
  const m = /^\s*([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\s*\(/u.exec(detailsText);
  return m ? (m[1] ?? null) : null;
}

/**
 * The first namespaced function in an operator's details (`date.truncate($autostring_0, d) AS x`) that is not
 * Cypher's own; a ProcedureCall's details start with the procedure itself, which is not a function. Plugins
 * cannot define functions outside a namespace, so the non-namespaced names (`toUpper`, `getDegree`) are all Neo4j's.
 */
export function pluginFunctionIn(detailsText: string, isProcedureCall = false): string | null {
  const calls = namespacedCalls(lexCypher(detailsText));
  for (const call of calls) {
    if (isProcedureCall && call.at === 0) continue;
    if (!isBuiltInFunction(call.name)) return call.name;
  }
  return null;
}

/**
 * Layer 2. `queryType` and the plan from `EXPLAIN`; `database` is the one the session runs against (every
 * operator is suffixed `@<database>`).
 */
export function inspectPlan(queryType: string, plan: PlanNode | null, database: string | null): void {
  const seen: PlanNode[] = [];
  const walk = (p: PlanNode) => {
    seen.push(p);
    p.children.forEach(walk);
  };
  if (plan) walk(plan);
  // Specific reasons first: they say more than "this writes".
  for (const p of seen) {
    const [op = '', db] = p.operatorType.split('@');
    if (db !== undefined && database && db !== database) throw refuse.use();
    if (op === 'LoadCSV') throw refuse.loadCsv();
    if (IN_TRANSACTIONS_OPERATOR.test(op)) throw refuse.inTransactions();
    if (ADMIN_OPERATOR.test(op)) throw refuse.admin(op);
    if (op === 'ProcedureCall') {
      const name = procedureName(details(p));
      if (!name || !ALLOWED_PROCEDURES.has(name)) throw refuse.procedure(name ?? 'called here');
    }
    const fn = pluginFunctionIn(details(p), op === 'ProcedureCall');
    if (fn) throw refuse.fn(fn);
  }
  if (queryType !== 'r') {
    const what =
      { w: 'it writes', rw: 'it reads and writes', s: 'it changes the schema' }[queryType] ?? 'it is not a read';
    throw refuse.write(what);
  }
  if (!plan) throw refuse.write('Neo4j returned no plan to check');
  for (const p of seen) {
    const op = p.operatorType.split('@')[0] ?? '';
    if (WRITE_OPERATOR.test(op)) throw refuse.write(`it plans ${op}`);
  }
}
