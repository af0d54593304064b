/**
 * `npm run cypher -- "MATCH (p:Person) RETURN p.name"`: runs one query through the console's guard (read-only,
 * planned and checked first, timeout, row cap) against the configured Neo4j (the local one unless NEO4J_URI is
 * set, like `npm run load`) and prints a table, or JSON with `--json`. Exit code 1 for a refused or failed query,
 * 2 for a usage error.
 */
import type { CypherResponse, CypherValue, JsonValue } from '../../../contract';
import { ConfigError, loadConfig } from '../config';
import { ConsoleRefusal } from '../console';
import { DbError } from '../neo4j/errors';
import { startDatabase } from '../start';

const USAGE = `usage: npm run cypher -- [--json] [--params '{"n": 5}'] [--max-rows N] "MATCH (n) RETURN n LIMIT $n"

  Runs one read-only Cypher query through the same guard as POST /api/cypher and prints the rows.
  --json        print the whole response (columns, rows, graph, summary) as JSON
  --params      parameters as a JSON object
  --max-rows    row cap (default 1000)`;

interface Args {
  query: string;
  json: boolean;
  params: Record<string, JsonValue>;
  maxRows: number;
}

export function parseArgs(argv: string[]): Args | string {
  const out: Args = { query: '', json: false, params: {}, maxRows: 1000 };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') continue;
    if (a === '--json') out.json = true;
    else if (a === '--params') {
      try {
        const p: unknown = JSON.parse(argv[++i] ?? '');
        if (!p || typeof p !== 'object' || Array.isArray(p)) return '--params must be a JSON object such as {"n": 5}';
        out.params = p as Record<string, JsonValue>;
      } catch {
        return '--params must be a JSON object such as {"n": 5}';
      }
    } else if (a === '--max-rows') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 100_000) return '--max-rows must be a whole number from 1 to 100000';
      out.maxRows = n;
    } else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else rest.push(a);
  }
  out.query = rest.join(' ').trim();
  return out.query ? out : 'give the query as one argument, in quotes';
}

/** A cell as short text: names for nodes, `(a)-[TYPE]->(b)` for relationships, JSON for the rest. */
export function cellText(v: CypherValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v !== 'object') return String(v);
  if (!Array.isArray(v) && '$kind' in v) {
    if (v.$kind === 'node' && typeof v.id === 'string') return `(${v.id})`;
    if (v.$kind === 'relationship') return `(${String(v.source)})-[:${String(v.type)}]->(${String(v.target)})`;
    if (v.$kind === 'path' && Array.isArray(v.nodes)) {
      return (v.nodes as { id: string }[]).map((n) => `(${n.id})`).join('--');
    }
  }
  return JSON.stringify(v);
}

export function formatTable(res: CypherResponse, maxWidth = 60): string {
  const cut = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s).replace(/\s+/g, ' ');
  const cells = res.rows.map((r) => res.columns.map((c) => cut(cellText(r[c]))));
  const widths = res.columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const s = res.summary;
  const foot = `${s.rowCount} row${s.rowCount === 1 ? '' : 's'}${s.truncated ? ` (cut at ${s.maxRows}; more exist)` : ''}, available after ${s.resultAvailableAfterMs} ms`;
  if (res.columns.length === 0) return `${foot}\n`;
  return [rule, line(res.columns), rule, ...cells.map(line), rule, foot].join('\n') + '\n';
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    if (args) process.stderr.write(`${args}\n`);
    process.stderr.write(`${USAGE}\n`);
    return args ? 2 : 0;
  }
  const config = loadConfig();
  const log = (msg: string) => process.stderr.write(`parley: ${msg}\n`);
  const started = await startDatabase(config, log);
  try {
    const res = await started.repos.cypher.run(args.query, args.params, {
      maxRows: args.maxRows,
      timeoutMs: config.PARLEY_QUERY_TIMEOUT_MS,
    });
    process.stdout.write(args.json ? `${JSON.stringify(res, null, 2)}\n` : formatTable(res));
    return 0;
  } catch (err) {
    if (err instanceof ConsoleRefusal || err instanceof DbError) {
      const code = err instanceof ConsoleRefusal ? err.code : err.kind;
      process.stderr.write(`refused or failed (${code}): ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await started.stop();
  }
}

const isMain = process.argv[1] !== undefined && /cli[\\/]cypher\.[tj]s$/.test(process.argv[1]);
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
