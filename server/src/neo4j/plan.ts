/** A query's plan (EXPLAIN) as the plan checks of the tests and benchmarks read it (db.ts `explain`). */

/** One operator of a query plan. */
export interface PlanOperator {
  /** e.g. `NodeUniqueIndexSeek`, `AllNodesScan` (the `@neo4j` suffix removed) */
  operator: string;
  details: string;
  children: PlanOperator[];
}

/** The driver's plan object (`summary.plan`) as a PlanOperator tree. */
export function toPlanOperator(p: unknown): PlanOperator {
  const o = (p ?? {}) as { operatorType?: unknown; arguments?: { Details?: unknown }; children?: unknown };
  return {
    operator: String(o.operatorType ?? '').split('@')[0] ?? '',
    details: typeof o.arguments?.Details === 'string' ? o.arguments.Details : '',
    children: Array.isArray(o.children) ? o.children.map(toPlanOperator) : [],
  };
}
