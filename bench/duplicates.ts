/**
 * `npm run bench:duplicates`: precision and recall of the duplicate finder's proposals on the labelled nodes of
 * test/fixtures/duplicates/labelled.json plus the seed's own nodes (every pair of the same labels is labelled:
 * nodes with the same `entity` are duplicates, all others are not), and the time it takes on 10,000 generated
 * people (blocking keeps it far from the 50 million pairs a full comparison would score). Writes
 * bench/results/duplicates.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/src/config';
import { findDuplicates, pairKey, PROPOSE_AT, type DupNode } from '../server/src/duplicates';
import { rng, save } from './_util';

interface Labelled extends DupNode {
  entity: string;
}

function labelledNodes(): { nodes: Labelled[]; hardNegatives: { a: string; b: string; why: string }[] } {
  const seed = JSON.parse(readFileSync(path.join(repoRoot, 'data', 'seed.json'), 'utf8')) as {
    nodes: { id: string; label: string; name: string; aliases: string[]; properties?: Record<string, unknown> }[];
    relationships: { source: string; target: string }[];
  };
  const fixture = JSON.parse(
    readFileSync(path.join(repoRoot, 'test', 'fixtures', 'duplicates', 'labelled.json'), 'utf8'),
  ) as {
    nodes: { id: string; label: string; name: string; aliases?: string[]; date?: string; entity: string }[];
    hardNegatives: { a: string; b: string; why: string }[];
  };
  const neighbours = new Map<string, string[]>();
  for (const r of seed.relationships) {
    neighbours.set(r.source, [...(neighbours.get(r.source) ?? []), r.target]);
    neighbours.set(r.target, [...(neighbours.get(r.target) ?? []), r.source]);
  }
  const nodes: Labelled[] = [
    ...seed.nodes.map((n) => ({
      id: n.id,
      labels: [n.label],
      name: n.name,
      aliases: n.aliases,
      properties: n.properties ?? {},
      neighbours: neighbours.get(n.id) ?? [],
      entity: n.id,
    })),
    ...fixture.nodes.map((n) => ({
      id: n.id,
      labels: [n.label],
      name: n.name,
      aliases: n.aliases ?? [],
      properties: n.date ? { date: n.date } : {},
      entity: n.entity,
    })),
  ];
  return { nodes, hardNegatives: fixture.hardNegatives };
}

function measure() {
  const { nodes, hardNegatives } = labelledNodes();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const positives = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const [a, b] = [nodes[i] as Labelled, nodes[j] as Labelled];
      if (a.entity === b.entity && a.labels.join() === b.labels.join()) positives.add(pairKey(a.id, b.id));
    }
  }
  const proposed = findDuplicates(nodes);
  const tp = proposed.filter((c) => positives.has(pairKey(c.a.id, c.b.id)));
  const fp = proposed.filter((c) => !positives.has(pairKey(c.a.id, c.b.id)));
  const found = new Set(tp.map((c) => pairKey(c.a.id, c.b.id)));
  const missed = [...positives].filter((k) => !found.has(k)).map((k) => k.split('\u0000'));
  const proposedKeys = new Set(proposed.map((c) => pairKey(c.a.id, c.b.id)));
  const name = (id: string) => byId.get(id)?.name ?? id;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    threshold: PROPOSE_AT,
    nodes: nodes.length,
    labelledPositivePairs: positives.size,
    proposals: proposed.length,
    truePositives: tp.length,
    precision: round(tp.length / Math.max(1, proposed.length)),
    recall: round(tp.length / Math.max(1, positives.size)),
    hardNegatives: hardNegatives.length,
    hardNegativesProposed: hardNegatives
      .filter((h) => proposedKeys.has(pairKey(h.a, h.b)))
      .map((h) => `${name(h.a)} / ${name(h.b)}: ${h.why}`),
    falsePositives: fp.map((c) => `${c.a.name} / ${c.b.name} (${c.score}: ${c.reasons.map((r) => r.code).join(', ')})`),
    missed: missed.map(([a, b]) => `${name(a ?? '')} / ${name(b ?? '')}`),
  };
}

/** 10,000 people from seeded name lists, a tenth of them given again with a transliteration variant. */
function scale(n = 10_000) {
  const random = rng(20250410);
  const given = ['Aleksandr', 'Sergey', 'Dmitry', 'Yevgeny', 'Mikhail', 'Olga', 'Maria', 'Anna', 'Igor', 'Pavel'];
  const stems = ['Darchi', 'Lavro', 'Pesko', 'Ivano', 'Petro', 'Sidoro', 'Kuzne', 'Smirno', 'Popo', 'Volko'];
  const ends = ['yev', 'v', 'kov', 'nov', 'enko', 'sky', 'ich', 'in', 'ov', 'ev'];
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T;
  const nodes: DupNode[] = [];
  for (let i = 0; i < n; i++) {
    const surname = `${pick(stems)}${pick(ends)}${String.fromCharCode(97 + Math.floor(random() * 26))}${Math.floor(random() * 100)}`;
    nodes.push({ id: `p${i}`, labels: ['Person'], name: `${pick(given)} ${surname}` });
  }
  const t0 = performance.now();
  const found = findDuplicates(nodes, { limit: 1000 });
  const ms = performance.now() - t0;
  return { nodes: n, allPairs: (n * (n - 1)) / 2, ms: Math.round(ms), proposals: found.length };
}

const quality = measure();
const speed = scale();
save('duplicates', { quality, scale: speed });
process.stdout.write(
  `\nprecision ${quality.precision}, recall ${quality.recall} (${quality.truePositives} of ${quality.labelledPositivePairs} duplicate pairs found, ${quality.proposals} proposed); 10,000 people in ${speed.ms} ms\n`,
);
