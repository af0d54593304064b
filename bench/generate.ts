/**
 * The benchmarks' seeded data generator (no downloads): people, agencies, meetings, issues, places and sources,
 * every relationship with evidence (a quote that is an exact substring of its source's text), in four sizes:
 *
 *   S = 1k nodes / 5k relationships, M = 10k / 50k, L = 100k / 500k, XL = 1M / 5M (XL: loading only).
 *
 * Degrees follow a skewed spread (a few popular people, agencies, places and issues; most nodes have a handful
 * of links) and there are hubs: a ministry a third of all people belong to and a summit a third of them
 * attended, so at M and above they have degree > 1,000 (at S they have ~230: S has only 700 people).
 *
 * Everything is streamed: nodes and relationships come from generator functions that re-derive them from the
 * seed, never holding the data set, so XL is written to JSON or CSV with bounded memory. The same seed gives the
 * same data set byte for byte. `npx tsx bench/generate.ts M [--json out.json] [--csv outdir] [--seed 42]`.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { mulberry32 } from '../client/src/utils/rng';

export const SIZES = {
  S: { nodes: 1_000, relationships: 5_000 },
  M: { nodes: 10_000, relationships: 50_000 },
  L: { nodes: 100_000, relationships: 500_000 },
  XL: { nodes: 1_000_000, relationships: 5_000_000 },
} as const;
export type SizeName = keyof typeof SIZES;

export interface GenNode {
  id: string;
  label: 'Person' | 'Agency' | 'Meeting' | 'Issue' | 'Place';
  name: string;
  aliases: string[];
  description: string;
  properties: Record<string, string>;
}
export interface GenSource {
  id: string;
  name: string;
  text: string;
  outlet: null;
  published: null;
  description: string;
}
export interface GenRel {
  type: string;
  source: string;
  target: string;
  properties: Record<string, string>;
  evidence: { source: string; quote: string }[];
  inferred: boolean;
  inferenceReason?: string;
}

/** One sentence per relationship type; every source's text holds all of them, so any source can be cited. */
const SENTENCES: Record<string, string> = {
  MEMBER_OF: 'The official is a member of the agency.',
  ATTENDED: 'The delegates attended the meeting.',
  HELD_IN: 'The meeting was held in the city.',
  DISCUSSED: 'The talks discussed the issue.',
  PARTICIPATED_IN: 'The agency took part in the meeting.',
  COUNTERPART_OF: 'The two officials are counterparts.',
};
const FIRST =
  'Anna Boris Chen Dmitri Elena Farid Grace Hiro Ines Jamal Karin Luis Maya Nikos Olga Pavel Rosa Sergei Tara Yusuf'.split(
    ' ',
  );
const LAST =
  'Abe Brandt Costa Diaz Eriksen Fischer Garcia Hassan Ivanova Jensen Kovacs Lopez Moreau Novak Okafor Petrov Quinn Rossi Sato Tanaka Usman Volkov Weber Yilmaz Zhang'.split(
    ' ',
  );
const CITIES =
  'Istanbul Geneva Vienna Helsinki Riyadh Doha Oslo Minsk Astana Baku Cairo Nairobi Lima Hanoi Seoul'.split(' ');
const TOPICS = 'banking visas staff property sanctions flights trade energy grain arms prisoners embassies'.split(' ');

/** How many nodes of each kind a size has (fractions of the node count; they add up to it exactly). */
export function plan(size: SizeName) {
  const { nodes, relationships } = SIZES[size];
  const sources = Math.max(2, Math.round(nodes * 0.02));
  const agencies = Math.round(nodes * 0.05);
  const places = Math.round(nodes * 0.02);
  const issues = Math.round(nodes * 0.03);
  const meetings = Math.round(nodes * 0.18);
  const people = nodes - sources - agencies - places - issues - meetings;
  return { size, nodes, relationships, sources, agencies, places, issues, meetings, people };
}
export type Plan = ReturnType<typeof plan>;

/** A skewed pick in [0, n): index 0 is the most popular (probability ~ 1/sqrt(n) for u^2). */
const skewed = (rand: () => number, n: number, power = 2) => Math.min(n - 1, Math.floor(n * rand() ** power));

const id = {
  person: (i: number) => `person:p${i}`,
  agency: (i: number) => `agency:a${i}`,
  meeting: (i: number) => `meeting:m${i}`,
  issue: (i: number) => `issue:i${i}`,
  place: (i: number) => `place:l${i}`,
  source: (i: number) => `source:s${i}`,
};
/** The hubs, by id: agency a0 (the ministry) and meeting m0 (the summit). */
export const HUBS = { ministry: id.agency(0), summit: id.meeting(0) };

export function* sources(p: Plan): Generator<GenSource> {
  const body = Object.values(SENTENCES).join(' ');
  for (let i = 0; i < p.sources; i++) {
    yield {
      id: id.source(i),
      name: `Generated report ${i}`,
      text: `Generated report number ${i}. ${body}`,
      outlet: null,
      published: null,
      description: 'Generated for the benchmarks.',
    };
  }
}

export function* nodes(p: Plan, seed = 42): Generator<GenNode> {
  const rand = mulberry32(seed);
  const node = (i: string, label: GenNode['label'], name: string, props: Record<string, string> = {}): GenNode => ({
    id: i,
    label,
    name,
    aliases: [],
    description: `Generated ${label.toLowerCase()}.`,
    properties: props,
  });
  for (let i = 0; i < p.agencies; i++) {
    const name = i === 0 ? 'Ministry of Foreign Affairs' : `Agency ${i} for ${TOPICS[i % TOPICS.length]}`;
    yield node(id.agency(i), 'Agency', name);
  }
  for (let i = 0; i < p.places; i++) yield node(id.place(i), 'Place', `${CITIES[i % CITIES.length]} ${i}`);
  for (let i = 0; i < p.issues; i++) yield node(id.issue(i), 'Issue', `Issue ${i}: ${TOPICS[i % TOPICS.length]}`);
  for (let i = 0; i < p.meetings; i++) {
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const year = 2015 + Math.floor(rand() * 11);
    const name = i === 0 ? 'The Summit' : `Meeting ${i}`;
    yield node(id.meeting(i), 'Meeting', name, { date: `${year}-${month}-${day}`, status: 'held' });
  }
  for (let i = 0; i < p.people; i++) {
    const first = FIRST[Math.floor(rand() * FIRST.length)]!;
    const last = LAST[Math.floor(rand() * LAST.length)]!;
    const n = node(id.person(i), 'Person', `${first} ${last} ${i}`);
    n.aliases = [`${first[0]}. ${last} ${i}`];
    yield n;
  }
}

/**
 * The relationships, generated node by node so that duplicates can be avoided with a small set per node:
 * each person's memberships (and a third of people in the ministry), each meeting's place, issues, agencies and
 * attendees (heavy-tailed counts; a third of all people at the summit), then a few counterpart pairs.
 * Attendance takes whatever budget the others leave, so the total lands within a few percent of the plan.
 */
export function* relationships(p: Plan, seed = 42): Generator<GenRel> {
  const rand = mulberry32(seed + 1);
  const rel = (type: string, source: string, target: string, props: Record<string, string> = {}): GenRel => {
    const s = id.source(skewed(rand, p.sources));
    if (rand() < 0.03) {
      return {
        type,
        source,
        target,
        properties: props,
        evidence: [],
        inferred: true,
        inferenceReason: 'Generated: implied by the other facts of the report.',
      };
    }
    return {
      type,
      source,
      target,
      properties: props,
      evidence: [{ source: s, quote: SENTENCES[type]! }],
      inferred: false,
    };
  };
  const inMinistry = (i: number) => i % 3 === 0;
  const atSummit = (i: number) => i % 3 === 1;
  const counterparts = Math.round(p.people * 0.1);
  const fixed = p.people + Math.ceil(p.people / 3) + p.meetings * 4 + counterparts; // member, ministry, per-meeting, pairs
  const summit = Math.ceil((p.people - 1) / 3);
  const attendBudget = Math.max(p.meetings, p.relationships - fixed - summit);
  const perMeeting = attendBudget / Math.max(1, p.meetings - 1);

  for (let i = 0; i < p.people; i++) {
    const a = 1 + skewed(rand, p.agencies - 1);
    yield rel('MEMBER_OF', id.person(i), id.agency(a));
    if (inMinistry(i)) yield rel('MEMBER_OF', id.person(i), HUBS.ministry);
  }
  for (let m = 0; m < p.meetings; m++) {
    const mid = id.meeting(m);
    yield rel('HELD_IN', mid, id.place(skewed(rand, p.places)));
    const i1 = skewed(rand, p.issues);
    const i2 = (i1 + 1 + Math.floor(rand() * (p.issues - 1))) % p.issues;
    yield rel('DISCUSSED', mid, id.issue(i1));
    yield rel('DISCUSSED', mid, id.issue(i2));
    yield rel('PARTICIPATED_IN', id.agency(1 + skewed(rand, p.agencies - 1)), mid);
    if (m === 0) {
      for (let i = 0; i < p.people; i++)
        if (atSummit(i)) yield rel('ATTENDED', id.person(i), mid, { role: 'delegate' });
      continue;
    }
    // heavy-tailed attendance: most meetings are small, some are large (Pareto with mean perMeeting)
    const k = Math.max(2, Math.min(p.people, Math.round((perMeeting / 2.5) * (1 - rand()) ** -0.6)));
    const seen = new Set<number>();
    for (let t = 0; t < k * 4 && seen.size < k; t++) {
      const who = skewed(rand, p.people);
      if (seen.has(who)) continue;
      seen.add(who);
      yield rel('ATTENDED', id.person(who), mid, { role: seen.size === 1 ? 'head' : 'participant' });
    }
  }
  for (let c = 0; c < counterparts && c < p.people - 1; c++) {
    // person c and someone after it: the source is always the smaller index, so no pair comes twice
    const b = c + 1 + Math.floor(rand() * (p.people - c - 1));
    yield rel('COUNTERPART_OF', id.person(c), id.person(b));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writers (streamed with back-pressure)

class Sink {
  private buf: string[] = [];
  private len = 0;
  private readonly out;
  constructor(file: string) {
    this.out = createWriteStream(file);
  }
  async write(s: string) {
    this.buf.push(s);
    this.len += s.length;
    if (this.len > 1 << 20) await this.flush();
  }
  async flush() {
    const chunk = this.buf.join('');
    this.buf = [];
    this.len = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  async close() {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** Writes Parley's data-file format (version 1) to `file`, one item at a time. */
export async function writeJson(p: Plan, file: string, seed = 42) {
  const out = new Sink(file);
  let nodeCount = 0;
  let relCount = 0;
  await out.write('{"version":1,"sources":[');
  let first = true;
  for (const s of sources(p)) {
    await out.write((first ? '\n' : ',\n') + JSON.stringify(s));
    first = false;
  }
  await out.write('],"nodes":[');
  first = true;
  for (const n of nodes(p, seed)) {
    await out.write((first ? '\n' : ',\n') + JSON.stringify(n));
    first = false;
    nodeCount++;
  }
  await out.write('],"relationships":[');
  first = true;
  for (const r of relationships(p, seed)) {
    await out.write((first ? '\n' : ',\n') + JSON.stringify(r));
    first = false;
    relCount++;
  }
  await out.write(']}\n');
  await out.close();
  return { nodes: nodeCount + p.sources, relationships: relCount };
}

const csvCell = (v: string | number | boolean | null | undefined) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (cells: (string | number | boolean | null | undefined)[]) => cells.map(csvCell).join(',') + '\n';

/**
 * Writes neo4j-admin import CSV files (also readable by LOAD CSV with headers): sources.csv, one
 * nodes-<Label>.csv per label and relationships.csv; arrays use `;` (neo4j-admin's default delimiter).
 * Relationship ids are Parley's `source|TYPE|target`.
 */
export async function writeCsv(p: Plan, dir: string, seed = 42) {
  mkdirSync(dir, { recursive: true });
  const src = new Sink(path.join(dir, 'sources.csv'));
  await src.write(csvLine(['id:ID', 'name', 'text', 'description', ':LABEL']));
  for (const s of sources(p)) await src.write(csvLine([s.id, s.name, s.text, s.description, 'Source']));
  await src.close();
  const sinks = new Map<string, Sink>();
  for (const n of nodes(p, seed)) {
    let sink = sinks.get(n.label);
    if (!sink) {
      sink = new Sink(path.join(dir, `nodes-${n.label}.csv`));
      sinks.set(n.label, sink);
      await sink.write(csvLine(['id:ID', 'name', 'aliases:string[]', 'description', 'date', 'status', ':LABEL']));
    }
    await sink.write(
      csvLine([n.id, n.name, n.aliases.join(';'), n.description, n.properties.date, n.properties.status, n.label]),
    );
  }
  for (const s of sinks.values()) await s.close();
  const rels = new Sink(path.join(dir, 'relationships.csv'));
  await rels.write(
    csvLine([
      ':START_ID',
      ':END_ID',
      ':TYPE',
      'id',
      'role',
      'quotes:string[]',
      'sourceIds:string[]',
      'inferred:boolean',
      'inferenceReason',
    ]),
  );
  for (const r of relationships(p, seed)) {
    await rels.write(
      csvLine([
        r.source,
        r.target,
        r.type,
        `${r.source}|${r.type}|${r.target}`,
        r.properties.role,
        r.evidence.map((e) => e.quote).join(';'),
        r.evidence.map((e) => e.source).join(';'),
        r.inferred,
        r.inferenceReason,
      ]),
    );
  }
  await rels.close();
}

async function main(argv: string[]) {
  const size = argv[0] as SizeName;
  if (!(size in SIZES)) throw new Error(`bench/generate: give a size, one of ${Object.keys(SIZES).join(', ')}.`);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i > 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(opt('--seed') ?? 42);
  const p = plan(size);
  const json = opt('--json');
  const csv = opt('--csv');
  if (!json && !csv) throw new Error('bench/generate: say where to write: --json <file> and/or --csv <dir>.');
  const t0 = performance.now();
  if (json) {
    const counts = await writeJson(p, json, seed);
    process.stderr.write(`wrote ${json}: ${counts.nodes} nodes, ${counts.relationships} relationships\n`);
  }
  if (csv) {
    await writeCsv(p, csv, seed);
    process.stderr.write(`wrote CSV files to ${csv}\n`);
  }
  process.stderr.write(
    `${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('bench', 'generate.ts'))) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
