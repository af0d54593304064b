/**
 * The loading part of `npm run bench`: per data set, the neo4j-admin CSV files generated once, then each arm of
 * bench/_loading.ts, cold (a freshly started JVM) and warm (the same load again on that JVM after the data was
 * deleted); Parley's batch size swept (1k, 10k, 50k) on the first size of a full run; and what a cold JVM pays
 * for (planning a statement the first time, against planning a new statement and re-running a planned one).
 * Quick mode: S only, one JVM for every arm (Parley's first load is the cold one), no sweep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../server/src/neo4j/db';
import { escapeName } from '../server/src/neo4j/names';
import { createRepositories } from '../server/src/repositories';
import {
  adminArm,
  loadCsvArm,
  naiveArm,
  parleyArm,
  parleyFigure,
  startBenchNeo4j,
  type BenchNeo4j,
  wipe,
  type LoadFigure,
  type ParleyRun,
} from './_loading';
import type { Target } from './_results';
import { plan, writeCsv, type SizeName } from './generate';

export interface ColdProbe {
  data: string;
  'schema (constraints) ms': number;
  'first EXPLAIN of the node writer ms': number;
  'same statement again ms': number;
  'same shape, another label ms': number;
  'first run of a 1-row write ms': number;
  'second run ms': number;
  'warm-up at start ms'?: number;
}

export interface LoadingResults {
  figures: LoadFigure[];
  probes: ColdProbe[];
  runs: Record<string, ParleyRun>;
  notes: string[];
}

const BATCH = 10_000;

/** What a fresh JVM pays before the first row: constraints, planning, the first execution of a plan. */
async function coldProbe(db: Db, data: string): Promise<ColdProbe> {
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return Math.round(performance.now() - t);
  };
  const writer = (label: string) =>
    `UNWIND $rows AS row MATCH (n:${escapeName(label)}) WHERE n.id IN row.ids RETURN n.id AS id, labels(n) AS labels, properties(n) AS props`;
  const schema = await time(() => createRepositories(db).dataset.applySchema());
  const first = await time(() => db.explain(writer('Person'), { rows: [] }));
  const again = await time(() => db.explain(writer('Person'), { rows: [] }));
  const other = await time(() => db.explain(writer('Agency'), { rows: [] }));
  const write = (id: string) =>
    db.transaction(
      async (tx) => {
        await tx.run('UNWIND $rows AS row CREATE (n:ProbeItem) SET n = row', { rows: [{ id }] });
        await tx.run('MATCH (n:ProbeItem) DETACH DELETE n');
      },
      { mode: 'write' },
    );
  const run1 = await time(() => write('a'));
  const run2 = await time(() => write('b'));
  return {
    data,
    'schema (constraints) ms': schema,
    'first EXPLAIN of the node writer ms': first,
    'same statement again ms': again,
    'same shape, another label ms': other,
    'first run of a 1-row write ms': run1,
    'second run ms': run2,
  };
}

export async function runLoading(
  sizes: SizeName[],
  quick: boolean,
  log: (m: string) => void,
  naiveSeconds: number,
  /** called after each size with the results so far (saved by the caller: a long run keeps what it measured) */
  onSize: (r: LoadingResults, done: SizeName[]) => void = () => {},
  /** which arms to run (`--loading-arms`; default all): admin, parley, sweep, loadcsv, naive, warm */
  arms: ReadonlySet<string> = new Set(['admin', 'parley', 'sweep', 'loadcsv', 'naive', 'warm']),
): Promise<LoadingResults> {
  const out: LoadingResults = { figures: [], probes: [], runs: {}, notes: [] };
  for (const [k, size] of sizes.entries()) {
    const dir = mkdtempSync(path.join(tmpdir(), `parley-bench-csv-${size}-`));
    try {
      log(`loading arms ${size}: writing the CSV files`);
      await writeCsv(plan(size), dir);
      if (arms.has('admin')) {
        log(`loading arms ${size}: neo4j-admin`);
        out.figures.push(await adminArm(dir, size, 'cold'));
      }
      /** the figure with the CPU seconds the Neo4j JVM spent on it (a cost the machine's load does not inflate) */
      const withCpu = async (srv: BenchNeo4j, f: () => Promise<LoadFigure>) => {
        const c0 = srv.cpuSeconds();
        const fig = await f();
        const cpu = srv.cpuSeconds() - c0;
        if (Number.isFinite(cpu)) fig.note = `${fig.note ? `${fig.note}; ` : ''}Neo4j CPU ${cpu.toFixed(1)} s`;
        return fig;
      };
      const parley = async (srv: BenchNeo4j, runName: LoadFigure['run'], batch: number) => {
        log(`loading arms ${size}: parley ${runName}, batch ${batch}`);
        out.figures.push(
          await withCpu(srv, async () => {
            const r = await parleyArm(srv.uri, dir, batch);
            out.runs[`${size} ${runName} ${batch}`] = r;
            return parleyFigure(size, runName, batch, r);
          }),
        );
      };
      const srv = await startBenchNeo4j(dir);
      try {
        out.probes.push(await coldProbe(srv.db, size));
        // what Parley's start does on a database it did not seed (server/src/start.ts), then the first user load
        const probe = out.probes.at(-1)!;
        probe['warm-up at start ms'] = await createRepositories(srv.db).imports.warmUp();
        if (arms.has('parley')) await parley(srv, 'cold', BATCH);
        if (arms.has('parley') && arms.has('warm')) {
          await wipe(srv.db);
          await parley(srv, 'warm', BATCH);
        }
        if (!quick && k === 0 && arms.has('sweep')) {
          for (const b of [1_000, 50_000]) {
            await wipe(srv.db);
            await parley(srv, 'warm', b);
          }
        }
        if (quick) {
          // one JVM for every arm in quick mode: LOAD CSV and the naive writer meet a warm JVM
          await wipe(srv.db);
          log(`loading arms ${size}: LOAD CSV warm`);
          out.figures.push(await withCpu(srv, () => loadCsvArm(srv.db, dir, size, 'warm', BATCH)));
          log(`loading arms ${size}: naive`);
          out.figures.push(
            await naiveArm(
              srv.db,
              dir,
              size,
              naiveSeconds,
              async () => void (await loadCsvArm(srv.db, dir, size, 'warm', BATCH)),
            ),
          );
        }
      } finally {
        await srv.stop();
      }
      if (!quick && arms.has('loadcsv')) {
        const srv2 = await startBenchNeo4j(dir);
        try {
          log(`loading arms ${size}: LOAD CSV cold`);
          out.figures.push(await withCpu(srv2, () => loadCsvArm(srv2.db, dir, size, 'cold', BATCH)));
          if (arms.has('warm')) {
            await wipe(srv2.db);
            log(`loading arms ${size}: LOAD CSV warm`);
            out.figures.push(await withCpu(srv2, () => loadCsvArm(srv2.db, dir, size, 'warm', BATCH)));
          }
          if (arms.has('naive')) log(`loading arms ${size}: naive`);
          if (arms.has('naive'))
            out.figures.push(
              await naiveArm(
                srv2.db,
                dir,
                size,
                naiveSeconds,
                async () => void (await loadCsvArm(srv2.db, dir, size, 'warm', BATCH)),
              ),
            );
        } finally {
          await srv2.stop();
        }
      }
    } catch (err) {
      out.notes.push(`${size}: the loading arms failed (${String(err).slice(0, 300)})`);
      log(`loading arms ${size}: FAILED ${String(err).slice(0, 300)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    onSize(out, sizes.slice(0, k + 1));
  }
  return out;
}

const find = (figs: LoadFigure[], data: string, arm: LoadFigure['arm'], run: LoadFigure['run'], batch?: number) =>
  figs.find((f) => f.data === data && f.arm === arm && f.run === run && (batch === undefined || f.batch === batch));

export function loadingTargets(r: LoadingResults, ran: string[]): Target[] {
  const t: Target[] = [];
  for (const data of ran) {
    const p = find(r.figures, data, 'parley', 'warm', BATCH);
    const naive = find(r.figures, data, 'naive', 'warm');
    const csvWarm = find(r.figures, data, 'LOAD CSV', 'warm');
    const csvCold = find(r.figures, data, 'LOAD CSV', 'cold');
    const pc = find(r.figures, data, 'parley', 'cold', BATCH);
    for (const [what, key] of [
      ['nodes', 'nodes/s'],
      ['relationships', 'rels/s'],
    ] as const) {
      if (p && naive) {
        const x = p[key] / Math.max(1, naive[key]);
        t.push({
          what: `${data}: loader ÷ naive writer, ${what}/s (warm)`,
          target: '≥ 20×',
          value: `${x.toFixed(1)}× (${p[key]} vs ${naive[key]})`,
          met: x >= 20,
          ...(x < 20 ? { why: `${(20 / x).toFixed(1)}× short` } : {}),
        });
      }
      for (const [run, csv, pp] of [
        ['warm', csvWarm, p],
        ['cold', csvCold, pc],
      ] as const) {
        if (!csv || !pp) continue;
        const x = pp[key] / Math.max(1, csv[key]);
        t.push({
          what: `${data}: loader ÷ LOAD CSV, ${what}/s (${run})`,
          target: '≥ 1×',
          value: `${x.toFixed(2)}× (${pp[key]} vs ${csv[key]})`,
          met: x >= 1,
          ...(x < 1 ? { why: `LOAD CSV is ${(1 / x).toFixed(2)}× faster` } : {}),
        });
      }
    }
  }
  for (const [data, limit] of [
    ['M', 30],
    ['L', 300],
  ] as const) {
    const run = r.runs[`${data} cold ${BATCH}`];
    const s = run ? (run.scanMs + run.writeMs) / 1000 : null;
    t.push({
      what: `${data}: Parley's load into a cold JVM (check pass + writing)`,
      target: `< ${limit} s`,
      value: s === null ? 'not measured' : `${s.toFixed(1)} s`,
      met: s === null ? null : s < limit,
      ...(s !== null && s >= limit ? { why: `${(s / limit).toFixed(1)}× the target` } : {}),
      ...(s === null ? { why: `${data} was not in this run's loading sizes` } : {}),
    });
  }
  // XL's memory judged against a smaller load's, so that the row cannot say yes when the loader's memory grows
  // with the file: 10× L's rows may cost at most a quarter more (the id table, 25 MiB at XL, and the collector's
  // slack); against M (100× fewer rows) the same bound, M's loads peaking at 0.62–0.65× L's (sessions 5 and 6):
  // 1.25 / 0.65 ≈ 1.9
  const xl = r.runs[`XL cold ${BATCH}`];
  const ref = (['L', 'M'] as const)
    .map((data) => ({ data, run: r.runs[`${data} cold ${BATCH}`], factor: data === 'L' ? 1.25 : 1.9 }))
    .find((x) => x.run);
  const within = xl && ref ? xl.maxRssMiB <= ref.factor * ref.run!.maxRssMiB : null;
  const why = !xl
    ? undefined
    : xl.status !== 'committed'
      ? `the load ended ${xl.status}`
      : !ref
        ? "no M or L load in the results to compare the loader's memory with"
        : within === false
          ? `the loader's memory grows with the file: over ${ref.factor}× ${ref.data}'s`
          : undefined;
  t.push({
    what: 'XL (1M nodes / 5M relationships) loads, with bounded memory',
    target: "loads; loader peak RSS ≤ 1.25× L's (1.9× M's without L): memory independent of the file",
    value: xl
      ? `${((xl.scanMs + xl.writeMs) / 1000).toFixed(0)} s, ${xl.status}, loader peak RSS ${xl.maxRssMiB} MiB` +
        (ref ? ` (${ref.data}: ${ref.run!.maxRssMiB} MiB, ${(xl.maxRssMiB / ref.run!.maxRssMiB).toFixed(2)}×)` : '')
      : 'not measured',
    met: !xl ? null : xl.status !== 'committed' ? false : within,
    ...(why ? { why } : {}),
  });
  return t;
}
