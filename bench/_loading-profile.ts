/**
 * A profile of one Parley load (issue 13, "Loading"): a fresh benchmark Neo4j (bench/_loading.ts's settings), the
 * generated rows of one size, and the loader child (bench/_loading.ts's parleyArm) run cold then warm, with
 * PARLEY_PROFILE set so that every statement of the writer prints its wall time and rows (bench/_loader-child.ts).
 * Prints the load average, Neo4j's start, and per load the wall time and the CPU seconds of Neo4j and of the loader.
 *
 * `tsx bench/_loading-profile.ts M [batch] [--warm-up] [--cold-only] [--no-statements] [--jvm=<flag>]… [--conf=<line>]…`
 * (CSV_DIR=<dir> reuses generated files). `--warm-up` does what `npm start` does before a user's first load (the
 * schema, then imports.warmUp); `--jvm`/`--conf` add JVM flags and neo4j.conf lines for an A/B run.
 */
import { mkdtempSync, existsSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createRepositories } from '../server/src/repositories';
import { parleyArm, startBenchNeo4j, wipe } from './_loading';
import { plan, writeCsv, type SizeName } from './generate';

const say = (m: string) => process.stderr.write(`${m}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main() {
  const args = process.argv.slice(2);
  const positional = args.filter((a) => !a.startsWith('--'));
  const size = (positional[0] ?? 'M') as SizeName;
  const batch = Number(positional[1] ?? 10_000);
  const values = (name: string) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
  const jvm = values('jvm');
  const conf = values('conf');
  const statements = !args.includes('--no-statements');
  const dir = process.env.CSV_DIR ?? mkdtempSync(path.join(tmpdir(), `parley-prof-${size}-`));
  if (!existsSync(path.join(dir, 'relationships.csv'))) {
    mkdirSync(dir, { recursive: true });
    await writeCsv(plan(size), dir);
  }
  say(`profile ${size}, batch ${batch}; jvm [${jvm.join(' ')}]; conf [${conf.join(' ')}]; load ${load()}`);
  const ts = performance.now();
  const srv = await startBenchNeo4j(dir, { jvm, conf });
  say(`neo4j ready: ${Math.round(performance.now() - ts)} ms, Neo4j CPU ${srv.cpuSeconds().toFixed(1)} s`);
  const loaderRun = async (tag: string) => {
    const c0 = srv.cpuSeconds();
    const t0 = performance.now();
    const r = await parleyArm(srv.uri, dir, batch, statements ? { PARLEY_PROFILE: tag } : {});
    say(
      `${tag}: ${Math.round(performance.now() - t0)} ms (check pass ${r.scanMs}, nodes ${r.nodesMs}, relationships ${r.relsMs}, first batch ${r.firstBatchMs}), Neo4j CPU ${(srv.cpuSeconds() - c0).toFixed(1)} s, loader CPU ${r.cpuS} s; load ${load()}`,
    );
  };
  try {
    if (args.includes('--warm-up')) {
      // what `npm start` does before a user's first import: the schema, then the import's warm-up
      const c0 = srv.cpuSeconds();
      const t0 = performance.now();
      const repos = createRepositories(srv.db);
      await repos.dataset.applySchema();
      const schemaMs = Math.round(performance.now() - t0);
      const warmMs = await repos.imports.warmUp();
      say(`start: schema ${schemaMs} ms, warm-up ${warmMs} ms, Neo4j CPU ${(srv.cpuSeconds() - c0).toFixed(1)} s`);
    }
    await loaderRun('cold');
    if (!args.includes('--cold-only')) {
      await wipe(srv.db);
      await loaderRun('warm');
    }
  } finally {
    await srv.stop();
  }
}

main().catch((e: unknown) => {
  say(String(e));
  process.exit(1);
});
