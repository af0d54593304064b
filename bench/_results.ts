/**
 * Results of `npm run bench`: the JSON file (bench/results/run.json, the latest; every run is also kept as
 * bench/results/history/<date>-<mode>.json), the comparison with the previous run of the same mode (anything more
 * than 10% slower is flagged), and the table printed to the terminal and written into the README.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/src/config';
import type { Figure } from './_read';
import type { LoadingResults } from './_loading-suite';

export const resultsDir = path.join(repoRoot, 'bench', 'results');
export const historyDir = path.join(resultsDir, 'history');
export const latestFile = path.join(resultsDir, 'run.json');

export interface Target {
  what: string;
  target: string;
  value: string;
  met: boolean | null;
  why?: string;
}

export interface Results {
  date: string;
  mode: 'quick' | 'full';
  seconds: number;
  /** seconds per phase: setup (Neo4j, seed, Parley's process), reading, drawing, loading, extraction */
  phases?: Record<string, number>;
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  neo4j: { heap: string; pageCache: string; version: string };
  datasets: Record<string, { nodes: number; relationships: number; setupMs: number }>;
  reading: Figure[];
  payload: Record<string, unknown>[];
  drawing: Record<string, unknown>[];
  /** when the drawing figures come from an earlier run (`--no-draw` keeps them): that run's date and machine */
  drawingRun?: { date: string; machine: Record<string, unknown> };
  targets: Target[];
  /** the loading arms (bench/_loading-suite.ts), with the sizes they ran and, when they come from another run
   * (`--loading-only`, or kept by `--no-loading`), when and where */
  loading?: LoadingResults;
  loadingSizes?: string[];
  /** older results: the one run all the loading figures came from (now `loadingFrom`, per size) */
  loadingRun?: { date: string; machine: Record<string, unknown> };
  /** per size: the run its loading figures come from (date, machine with the load, how long the arms took) */
  loadingFrom?: Record<string, LoadingRun>;
  /** the extraction arm (bench/extract.ts): precision / recall per kind and text, the 1,000-word timing, and when
   * it comes from another run (`--extract-only`, or kept by `--no-extract`), when and where */
  extraction?: { rows: Record<string, string>[]; timing: Record<string, unknown>; summary: string };
  extractionRun?: { date: string; machine: Record<string, unknown> };
  regressions: string[];
  notes: string[];
}

export interface LoadingRun {
  date: string;
  machine: Record<string, unknown>;
  /** seconds the loading arms took in that run (all its sizes) */
  seconds?: number;
}

/** Where each size's loading figures come from, for results written before `loadingFrom`. */
export function loadingFromOf(r: Pick<Results, 'loadingFrom' | 'loadingRun' | 'loadingSizes' | 'date' | 'machine'>) {
  if (r.loadingFrom) return r.loadingFrom;
  const run = r.loadingRun ?? { date: r.date, machine: r.machine };
  return Object.fromEntries((r.loadingSizes ?? []).map((size) => [size, run]));
}

/**
 * The loading figures of this run (`now`, its sizes, `run`) with those of the last results for every other size:
 * a run of S keeps the M and L figures measured before (and says when they were measured). A size measured again
 * replaces all of its figures; notes are kept only for the sizes kept (`M: …`), so nothing piles up run after run.
 */
export function mergeLoading(
  last: Pick<Results, 'loading' | 'loadingFrom' | 'loadingRun' | 'loadingSizes' | 'date' | 'machine'> | null,
  now: LoadingResults | undefined,
  sizes: string[],
  run: LoadingRun,
): Pick<Results, 'loading' | 'loadingSizes' | 'loadingFrom'> {
  const measured = now ? sizes : [];
  const kept = last?.loading;
  const keptSizes = last ? (last.loadingSizes ?? []).filter((x) => !measured.includes(x)) : [];
  if (!now && (!kept || keptSizes.length === 0)) return {};
  const keep = (data: string) => keptSizes.includes(data);
  const keptFrom = last ? loadingFromOf(last) : {};
  return {
    loading: {
      figures: [...(kept?.figures.filter((f) => keep(f.data)) ?? []), ...(now?.figures ?? [])],
      probes: [...(kept?.probes.filter((p) => keep(p.data)) ?? []), ...(now?.probes ?? [])],
      runs: {
        ...Object.fromEntries(Object.entries(kept?.runs ?? {}).filter(([k]) => keep(k.split(' ')[0]!))),
        ...(now?.runs ?? {}),
      },
      notes: [
        ...(kept?.notes.filter((n) => keptSizes.some((k) => n.startsWith(`${k}:`))) ?? []),
        ...(now?.notes ?? []),
      ],
    },
    loadingSizes: [...keptSizes, ...measured],
    loadingFrom: {
      ...Object.fromEntries(keptSizes.flatMap((k) => (keptFrom[k] ? [[k, keptFrom[k]]] : []))),
      ...Object.fromEntries(measured.map((k) => [k, run])),
    },
  };
}

const key = (f: Figure) => `${f.dataset} · ${f.route} · ${f.arm}@${f.connections}`;

/** Figures more than 10% worse than the same figure of the previous run (req/s lower, or p95 higher). */
export function regressions(now: Figure[], before: Figure[]): string[] {
  const old = new Map(before.map((f) => [key(f), f]));
  const out: string[] = [];
  for (const f of now) {
    const o = old.get(key(f));
    if (!o) continue;
    if (o.rps > 0 && f.rps < o.rps * 0.9)
      out.push(`${key(f)}: ${f.rps} req/s, was ${o.rps} (−${pct(1 - f.rps / o.rps)})`);
    if (o.p95 > 0 && f.p95 > o.p95 * 1.1 && f.p95 - o.p95 > 1) {
      out.push(`${key(f)}: p95 ${f.p95} ms, was ${o.p95} (+${pct(f.p95 / o.p95 - 1)})`);
    }
  }
  return out;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The last kept run of this mode, if any. */
export function previous(mode: 'quick' | 'full'): Results | null {
  if (!existsSync(historyDir)) return null;
  const files = readdirSync(historyDir)
    .filter((f) => f.endsWith(`-${mode}.json`))
    .sort();
  const last = files[files.length - 1];
  return last ? (JSON.parse(readFileSync(path.join(historyDir, last), 'utf8')) as Results) : null;
}

export function save(results: Results): string {
  mkdirSync(historyDir, { recursive: true });
  const text = JSON.stringify(results, null, 2) + '\n';
  writeFileSync(latestFile, text);
  const file = path.join(historyDir, `${results.date.replace(/[:.]/g, '-')}-${results.mode}.json`);
  writeFileSync(file, text);
  return file;
}

const fmt = (x: number) => (Number.isFinite(x) ? (x >= 100 ? String(Math.round(x)) : x.toFixed(1)) : '–');
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/** The reading table: per data set and route, HTTP at 1/10/50 connections, the bare driver, the database. */
export function readingTable(figs: Figure[]): string {
  const get = (d: string, r: string, arm: Figure['arm'], c: number) =>
    figs.find((f) => f.dataset === d && f.route === r && f.arm === arm && f.connections === c);
  const rows: string[] = [
    '| data | route | HTTP p50 / p95 / p99 ms (1 conn) | HTTP req/s at 1 / 10 / 50 | driver p50 / p95 ms | driver req/s at 1 / 10 | DB p50 ms | HTTP ÷ driver req/s at 10 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const seen = new Set<string>();
  for (const f of figs) {
    const k = `${f.dataset}\u0000${f.route}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const h1 = get(f.dataset, f.route, 'http', 1);
    const h10 = get(f.dataset, f.route, 'http', 10);
    const h50 = get(f.dataset, f.route, 'http', 50);
    const d1 = get(f.dataset, f.route, 'driver', 1);
    const d10 = get(f.dataset, f.route, 'driver', 10);
    const db1 = get(f.dataset, f.route, 'db', 1);
    rows.push(
      `| ${f.dataset} | ${f.route} | ${h1 ? `${fmt(h1.p50)} / ${fmt(h1.p95)} / ${fmt(h1.p99)}` : '–'} | ` +
        `${[h1, h10, h50].map((x) => (x ? fmt(x.rps) : '–')).join(' / ')} | ` +
        `${d1 ? `${fmt(d1.p50)} / ${fmt(d1.p95)}` : '–'} | ${[d1, d10].map((x) => (x ? fmt(x.rps) : '–')).join(' / ')} | ` +
        `${db1 ? fmt(db1.p50) : '–'} | ${h10 && d10 ? ratio(h10.rps, d10.rps) : '–'} |`,
    );
  }
  return rows.join('\n');
}

export function targetsTable(targets: Target[]): string {
  return [
    '| target | wanted | measured | met? |',
    '| --- | --- | --- | --- |',
    ...targets.map(
      (t) =>
        `| ${t.what} | ${t.target} | ${t.value} | ${t.met === null ? 'not measured' : t.met ? 'yes' : `**no**${t.why ? ` — ${t.why}` : ''}`} |`,
    ),
  ].join('\n');
}

export function genericTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => String(r[c] ?? '–')).join(' | ')} |`),
  ].join('\n');
}

/** The README section (between the bench markers): machine, versions, tables, ratios, regressions. */
export function markdown(r: Results): string {
  const m = r.machine;
  const lines = [
    `Last run: ${r.date.slice(0, 16).replace('T', ' ')} UTC, \`npm run bench${r.mode === 'quick' ? ' -- --quick' : ''}\`, ${Math.round(r.seconds)} s` +
      `${
        r.phases
          ? ` (${Object.entries(r.phases)
              .map(([k, v]) => `${k} ${v} s`)
              .join(', ')})`
          : ''
      }. ` +
      `Machine: ${String(m.cpu)}, ${String(m.cores)} cores, ${String(m.memoryGiB)} GiB, load ${String(m.load1)} at the start ` +
      `and ${String(m.load1End)} at the end. Node ${r.versions.node}, Java ${r.versions.java}, Neo4j ${r.neo4j.version} ` +
      `(heap ${r.neo4j.heap}, page cache ${r.neo4j.pageCache}), Chromium ${r.versions.chromium}, WebGL renderer \`${r.versions.webglRenderer}\`.`,
    ...(Number(m.load1) > Number(m.cores)
      ? [
          '',
          `**The machine was loaded** (load average above its ${String(m.cores)} cores): times are inflated and ` +
            'noisy; compare the arms of this run with each other, not with another machine or run. A route whose ' +
            'responses outlast the window is measured on a fixed number of whole requests instead.',
        ]
      : []),
    '',
    `Data sets: ${Object.entries(r.datasets)
      .map(
        ([k, d]) =>
          `${k} = ${d.nodes.toLocaleString('en')} nodes / ${d.relationships.toLocaleString('en')} relationships`,
      )
      .join('; ')}.`,
    '',
    '**Reading** (HTTP = autocannon through Parley; driver = the same Cypher through the bare driver in a loop; DB = the time Neo4j reports in the query summaries):',
    '',
    readingTable(r.reading),
    '',
    '**Targets**',
    '',
    targetsTable(r.targets),
  ];
  if (r.loading) lines.push('', ...loadingMarkdown(r));
  if (r.payload.length > 0) lines.push('', '**Payload** (graph format, JSON)', '', genericTable(r.payload));
  if (r.drawing.length > 0)
    lines.push('', `**Drawing**${r.drawingRun ? ` (${earlier(r.drawingRun)})` : ''}`, '', genericTable(r.drawing));
  if (r.extraction) {
    const run = r.extractionRun;
    lines.push(
      '',
      `**Extraction** (article → proposals, no database; precision / recall per kind on the evaluation set, as \`npm run bench:extract\`${run ? `; ${earlier(run)}` : ''}):`,
      '',
      genericTable(r.extraction.rows),
      '',
      `${r.extraction.summary}.`,
    );
  }
  lines.push(
    '',
    r.regressions.length > 0
      ? `**More than 10% slower than the previous ${r.mode} run:**\n\n${r.regressions.map((x) => `- ${x}`).join('\n')}`
      : `No figure is more than 10% slower than the previous ${r.mode} run (or there was none).`,
  );
  if (r.notes.length > 0) lines.push('', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

/** Figures that come from another run than the last one: when, and the load then. */
function earlier(run: { date: string; machine: Record<string, unknown> }): string {
  const end = run.machine.load1End === undefined ? '' : ` and ${String(run.machine.load1End)} at the end`;
  return `measured ${run.date.slice(0, 16).replace('T', ' ')} UTC, not in the last run; load ${String(run.machine.load1)} at the start${end}`;
}

export const START = '<!-- bench:start (generated by `npm run bench`; edit bench/_results.ts instead) -->';
export const END = '<!-- bench:end -->';

/** Replaces the text between the markers of README.md with the section for these results. */
export function writeReadme(r: Results, file = path.join(repoRoot, 'README.md')) {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a)
    throw new Error(`bench: README.md has no ${START} … ${END} markers; add them under "Performance".`);
  writeFileSync(file, text.slice(0, a + START.length) + '\n\n' + markdown(r) + '\n\n' + text.slice(b));
}

/** The loading tables: every arm, cold and warm, the batch sweep, and what a cold JVM pays for. */
function loadingMarkdown(r: Results): string[] {
  const l = r.loading!;
  // which run each size comes from: this one, or an earlier one (with its date and load)
  const from = loadingFromOf(r);
  const groups = new Map<string, { sizes: string[]; run: LoadingRun }>();
  for (const size of r.loadingSizes ?? []) {
    const run = from[size];
    if (!run) continue;
    const g = groups.get(run.date) ?? { sizes: [] as string[], run };
    g.sizes.push(size);
    groups.set(run.date, g);
  }
  const when = [...groups.values()]
    .map(({ sizes, run }) => {
      const took = run.seconds === undefined ? '' : `, the loading arms took ${Math.round(run.seconds)} s`;
      return `${sizes.join(', ')}: ${run.date === r.date ? `measured in the last run${took}` : `${earlier(run)}${took}`}`;
    })
    .join('; ');
  const lines = [
    `**Loading** (${when ? `${when}; ` : ''}` +
      'the same generated rows in neo4j-admin CSV files for every arm; each JVM arm on a Neo4j server of its own with heap 1g, page cache 512m, ' +
      "256 MiB per transaction, Parley's uniqueness constraints created before the data; cold = first load into a fresh JVM, warm = the same load again on it after deleting the data; " +
      'nodes/s over the node phase and rels/s over the relationship phase):',
    '',
    genericTable(l.figures as unknown as Record<string, unknown>[]),
  ];
  if (l.probes.length > 0)
    lines.push(
      '',
      "**What a cold JVM pays for** (on the fresh JVM, before Parley's first load):",
      '',
      genericTable(l.probes as unknown as Record<string, unknown>[]),
    );
  if (l.notes.length > 0) lines.push('', ...l.notes.map((n) => `- ${n}`));
  return lines;
}
