/**
 * `npm run bench:extract`: precision and recall of the extraction pipeline per kind on the evaluation set (the
 * seed article scored against data/seed.json, and the hand-written texts of test/fixtures/extract/ against their
 * keys), and the time to read a 1,000-word article (cold: the first article of the process; warm: the median of
 * five more). Prints a table and saves bench/results/extract.json. `npm run bench` runs the same arm
 * (`measureExtraction`) and puts its table in run.json and the README's Performance section.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../server/src/config';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { extractProposals } from '../server/src/extract/pipeline';
import { ExtractPool } from '../server/src/extract/pool';
import { save } from './_util';
import { add, KINDS, precision, recall, score, seedKey, zero, type AnswerKey, type Scores } from './extract-score';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'extract');

function texts(): { name: string; text: string; key: AnswerKey }[] {
  const seed = seedKey(path.join(repoRoot, 'data', 'seed.json'));
  const out = [{ name: 'seed article', text: readFileSync(seed.textFile, 'utf8'), key: seed as AnswerKey }];
  for (const dir of [fixtures, path.join(fixtures, 'held-out')]) {
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.key.json'))
      .sort()) {
      const key = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as AnswerKey;
      const name = `${dir.endsWith('held-out') ? 'held-out: ' : ''}${key.text.replace(/\.txt$/, '')}`;
      out.push({ name, text: readFileSync(path.join(dir, key.text), 'utf8'), key });
    }
  }
  return out;
}

const pct = (x: number) => x.toFixed(2);

/** the worker pool the server uses: its start and warm-up, then the same article five times, and how long the
 * main thread's event loop was held up meanwhile (worst delay), against reading it in the main thread */
async function throughWorker(article: string) {
  const pool = new ExtractPool();
  const t0 = performance.now();
  const warmUpMs = await pool.warm();
  const startMs = performance.now() - t0;
  const times: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await pool.run({ text: article });
    times.push(performance.now() - t);
  }
  loop.disable();
  await pool.close();
  times.sort((a, b) => a - b);
  const main = monitorEventLoopDelay({ resolution: 10 });
  main.enable();
  await new Promise((r) => setTimeout(r, 20));
  extractProposals({ text: article });
  await new Promise((r) => setTimeout(r, 20));
  main.disable();
  return {
    workerStartMs: Math.round(startMs),
    workerWarmUpMs: warmUpMs,
    workerWarmMedianMs: Math.round(times[2]!),
    eventLoopMaxDelayMsWithWorker: Math.round(loop.max / 1e6),
    eventLoopMaxDelayMsInMainThread: Math.round(main.max / 1e6),
  };
}

/** One row of the extraction table: a text (or a pooled set) and its precision / recall per kind. */
export type ExtractionRow = Record<string, string>;

export interface Extraction {
  /** the table's rows: `text`, then `<kind> P / R` for every kind */
  rows: ExtractionRow[];
  /** per text and kind: counts, precision and recall (bench/results/extract.json's `scores`) */
  scores: Record<string, unknown>;
  /** a 1,000-word article: cold, warm median (main thread) and through the worker pool */
  timing: Record<string, number | number[]>;
  /** the timing in words */
  summary: string;
}

/**
 * The extraction arm: scores on the evaluation set and the time to read a 1,000-word article. `quick`: three warm
 * readings instead of five, and the worker pool's figures left out.
 */
export async function measureExtraction(opts: { quick?: boolean } = {}): Promise<Extraction> {
  const set = texts();
  const runs = opts.quick ? 3 : 5;
  // timing: a 1,000-word article made of the evaluation texts, read first cold, then warm
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  let article = '';
  for (let i = 0; words(article) < 1000; i++) article += `${set[i % set.length]!.text}\n`;
  article = article.split(/\s+/).slice(0, 1000).join(' ');
  const t0 = performance.now();
  extractProposals({ text: article });
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    extractProposals({ text: article });
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(runs / 2)]!;
  const worker = opts.quick ? null : await throughWorker(article);

  const rows: [string, Scores][] = [];
  let development = zero();
  let heldOut = zero();
  for (const { name, text, key } of set) {
    const s = score(extractProposals({ text, ...(key.published ? { published: key.published } : {}) }), key);
    rows.push([name, s]);
    if (name.startsWith('held-out')) heldOut = add(heldOut, s);
    else development = add(development, s);
  }
  rows.push(
    ['development set: seed + own texts, tuned on (pooled)', development],
    ['held-out set, never tuned on (pooled)', heldOut],
    ['all (pooled)', add(development, heldOut)],
  );
  const summary =
    `1,000-word article: cold ${Math.round(cold)} ms, warm median ${Math.round(median)} ms (main thread)` +
    (worker
      ? `; through the worker: start and warm-up ${worker.workerStartMs} ms (of which reading the warm-up text ${worker.workerWarmUpMs} ms), ` +
        `then ${worker.workerWarmMedianMs} ms per article (median of 5); the server's event loop held up at most ` +
        `${worker.eventLoopMaxDelayMsWithWorker} ms with the worker, ${worker.eventLoopMaxDelayMsInMainThread} ms reading in the main thread`
      : '');
  return {
    rows: rows.map(([name, s]) => ({
      text: name,
      ...Object.fromEntries(KINDS.map((k) => [`${k} P / R`, `${pct(precision(s[k]))} / ${pct(recall(s[k]))}`])),
    })),
    scores: Object.fromEntries(
      rows.map(([name, s]) => [
        name,
        Object.fromEntries(
          KINDS.map((k) => [
            k,
            { ...s[k], precision: Number(pct(precision(s[k]))), recall: Number(pct(recall(s[k]))) },
          ]),
        ),
      ]),
    ),
    timing: {
      coldMs: Math.round(cold),
      warmMedianMs: Math.round(median),
      warmMs: warm.map(Math.round),
      ...(worker ?? {}),
    },
    summary,
  };
}

/** The table in Markdown, as printed and written in the README. */
export function extractionTable(rows: ExtractionRow[]): string {
  const cols = Object.keys(rows[0] ?? { text: '' });
  return [
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => r[c] ?? '–').join(' | ')} |`),
  ].join('\n');
}

async function main() {
  const e = await measureExtraction();
  process.stdout.write(`${extractionTable(e.rows)}\n\n${e.summary}\n\n`);
  save('extract', { scores: e.scores, timing1000Words: e.timing });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
