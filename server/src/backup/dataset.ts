/**
 * The portable half of a backup: the model part of the graph (sources, the five model labels, the relationships
 * between them) as a Parley data set — the JSON the import engine reads (`npm run load -- graph.json`, the Import
 * page). Each item is checked with the data-file schema itself; what that format cannot hold (other labels,
 * snapshots, Parley's records, ids of another shape, a second label) is counted and left to `store.ndjson`, the
 * exact half (neo4j/backup.ts). Pure: plain values in, a data set out.
 */
import {
  DATASET_VERSION,
  LABELS,
  NodeSchema,
  RelationshipSchema,
  RESERVED_PROPERTY_KEYS,
  SourceSchema,
  type DatasetFile,
} from '../dataset/schema';

type Plain = unknown;
export interface PlainNode {
  k: string;
  labels: string[];
  plain: Record<string, Plain>;
}
export interface PlainRelationship {
  a: string;
  type: string;
  b: string;
  plain: Record<string, Plain>;
}

export interface DatasetExport {
  dataset: DatasetFile;
  /** nodes and relationships the data-set format cannot hold (they are in store.ndjson) */
  left: { nodes: number; relationships: number };
  /** why model items (a model label, or a relationship between exported nodes) were left out: the first 20 */
  problems: string[];
}

const MAX_PROBLEMS = 20;
function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '$'}: ${i.message}`).join('; ');
}

const RESERVED: ReadonlySet<string> = new Set(RESERVED_PROPERTY_KEYS);
const MODEL: ReadonlySet<string> = new Set(LABELS);

/** Properties a data file may carry: not the top-level fields, not Parley's own keys. */
function userProperties(plain: Record<string, Plain>): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const [k, v] of Object.entries(plain)) {
    if (RESERVED.has(k) || k.startsWith('_parley') || k.startsWith('__')) continue;
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const strings = (v: Plain): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function toDataset(nodes: readonly PlainNode[], rels: readonly PlainRelationship[]): DatasetExport {
  const dataset: DatasetFile = { version: DATASET_VERSION, sources: [], nodes: [], relationships: [] };
  const idOf = new Map<string, string>();
  let leftNodes = 0;
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  for (const n of nodes) {
    const p = n.plain;
    if (n.labels.length === 1 && n.labels[0] === 'Source') {
      const s = SourceSchema.safeParse({
        id: p['id'],
        name: p['name'],
        text: p['text'],
        outlet: p['outlet'] ?? null,
        published: p['published'] ?? null,
        description: p['description'],
      });
      if (s.success) {
        dataset.sources.push(s.data);
        idOf.set(n.k, s.data.id);
        continue;
      }
      problem(`source ${String(p['id'])}: ${issues(s.error)}`);
    } else if (n.labels.length === 1 && MODEL.has(n.labels[0]!)) {
      const parsed = NodeSchema.safeParse({
        id: p['id'],
        label: n.labels[0],
        name: p['name'],
        aliases: p['aliases'] ?? [],
        description: p['description'],
        // Neo4j keeps no null property: a Meeting whose date is not known was written with `date: null`
        properties:
          n.labels[0] === 'Meeting' && !('date' in p) ? { ...userProperties(p), date: null } : userProperties(p),
      });
      if (parsed.success) {
        dataset.nodes.push(parsed.data);
        idOf.set(n.k, parsed.data.id);
        continue;
      }
      problem(`node ${String(p['id'])}: ${issues(parsed.error)}`);
    }
    leftNodes++;
  }
  let leftRels = 0;
  for (const r of rels) {
    const source = idOf.get(r.a);
    const target = idOf.get(r.b);
    if (source !== undefined && target !== undefined) {
      const p = r.plain;
      const quotes = strings(p['quotes']);
      const sourceIds = strings(p['sourceIds']);
      const inferred = p['inferred'] === true;
      const parsed = RelationshipSchema.safeParse({
        type: r.type,
        source,
        target,
        evidence: quotes.map((quote, i) => ({ source: sourceIds[i], quote })),
        inferred,
        ...(inferred && typeof p['inferenceReason'] === 'string' ? { inferenceReason: p['inferenceReason'] } : {}),
        properties: userProperties(p),
      });
      if (parsed.success && quotes.length === sourceIds.length) {
        dataset.relationships.push(parsed.data);
        continue;
      }
      problem(
        `relationship ${source} -[${r.type}]-> ${target}: ${parsed.success ? 'quotes and sourceIds differ in length' : issues(parsed.error)}`,
      );
    }
    leftRels++;
  }
  return { dataset, left: { nodes: leftNodes, relationships: leftRels }, problems };
}
