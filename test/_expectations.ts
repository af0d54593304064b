/**
 * The checker of `// expect:` headers: what a library query (cypher/queries/*.cypher) promises for its example
 * parameters. Test code only: test/integration/cypher-library.test.ts checks every promise against the seed graph;
 * the server just lists the lines (repositories/cypher.ts, toLibraryQuery).
 */
import type { CypherResponse, JsonValue } from '../contract';

export type ExpectOp = '=' | '!=' | '>=' | '<=' | '>' | '<' | 'contains';
export type Expectation =
  | { kind: 'count'; subject: 'rows' | 'nodes' | 'edges'; op: ExpectOp; value: number }
  | { kind: 'columns'; columns: string[] }
  | { kind: 'cell'; quantifier: 'some' | 'every'; column: string; op: ExpectOp; value: JsonValue };

const OP = '(=|!=|>=|<=|>|<|contains)';

/**
 * Parses one expectation: `rows >= 1`, `nodes = 3`, `edges > 0`, `columns = a, b`,
 * `some <column> <op> <json>` (at least one row), `every <column> <op> <json>` (all rows, and at least one).
 */
export function parseExpectation(line: string): Expectation {
  const s = line.trim();
  let m = new RegExp(`^(rows|nodes|edges)\\s*${OP}\\s*(\\d+)$`).exec(s);
  if (m) return { kind: 'count', subject: m[1] as 'rows', op: m[2] as ExpectOp, value: Number(m[3]) };
  m = /^columns\s*=\s*(.+)$/.exec(s);
  if (m) return { kind: 'columns', columns: (m[1] ?? '').split(',').map((c) => c.trim()) };
  m = new RegExp(`^(some|every)\\s+(\\S+)\\s+${OP}\\s+(.+)$`).exec(s);
  if (m) {
    let value: JsonValue;
    try {
      value = JSON.parse(m[4] ?? '') as JsonValue;
    } catch {
      throw new Error(`expect: "${s}": the value must be JSON (quote strings: "text")`);
    }
    return { kind: 'cell', quantifier: m[1] as 'some', column: m[2] ?? '', op: m[3] as ExpectOp, value };
  }
  throw new Error(
    `expect: "${s}" is not understood; write e.g. "rows >= 1", "columns = a, b" or 'some name = "Istanbul"'.`,
  );
}

function compare(actual: unknown, op: ExpectOp, expected: JsonValue): boolean {
  const eq = JSON.stringify(actual) === JSON.stringify(expected);
  if (op === '=') return eq;
  if (op === '!=') return !eq;
  if (op === 'contains') {
    if (typeof actual === 'string' && typeof expected === 'string') return actual.includes(expected);
    if (Array.isArray(actual)) return actual.some((x) => JSON.stringify(x) === JSON.stringify(expected));
    return false;
  }
  const comparable =
    (typeof actual === 'number' && typeof expected === 'number') ||
    (typeof actual === 'string' && typeof expected === 'string');
  if (!comparable) return false;
  const a = actual as number | string;
  const b = expected as number | string;
  return op === '>=' ? a >= b : op === '<=' ? a <= b : op === '>' ? a > b : a < b;
}

/** Checks every expectation against a response; returns the failures (empty when all hold). */
export function checkExpectations(lines: string[], res: CypherResponse): string[] {
  const failures: string[] = [];
  for (const line of lines) {
    const e = parseExpectation(line);
    let ok: boolean;
    if (e.kind === 'count') {
      const n =
        e.subject === 'rows'
          ? res.rows.length
          : e.subject === 'nodes'
            ? res.graph.nodes.length
            : res.graph.edges.length;
      ok = compare(n, e.op, e.value);
    } else if (e.kind === 'columns') {
      ok = JSON.stringify(res.columns) === JSON.stringify(e.columns);
    } else {
      const cells = res.rows.map((r) => r[e.column]);
      ok =
        e.quantifier === 'some'
          ? cells.some((c) => compare(c, e.op, e.value))
          : cells.length > 0 && cells.every((c) => compare(c, e.op, e.value));
    }
    if (!ok) failures.push(line);
  }
  return failures;
}
