/**
 * Accepted proposals → a Parley data set (data/README.md), validated by the loader's own `parseDataset`, so
 * every quote is checked against the source text by the same rule. Nothing is written here: the import engine
 * writes data sets. The caller passes the proposals the analyst kept (edited or not) and, for "merge with
 * existing", the node id each merged proposal becomes.
 */
import {
  parseDataset,
  type DatasetError,
  type DatasetFile,
  type DatasetNode,
  type DatasetRelationship,
  type Properties,
} from '../dataset/schema';
import type { Proposals } from '../../../contract';

export interface ToDatasetOptions {
  /** proposed key → id of an existing node it is merged with (its name is kept from `names` when given) */
  merges?: Record<string, string>;
  /** names of existing nodes, by id, so a merge does not rename them */
  names?: Record<string, string>;
}

export type ToDatasetResult =
  { ok: true; dataset: DatasetFile; dropped: string[] } | { ok: false; errors: DatasetError[]; dataset: DatasetFile };

export function proposalsToDataset(p: Proposals, opts: ToDatasetOptions = {}): ToDatasetResult {
  const merges = opts.merges ?? {};
  const idOf = (key: string) => merges[key] ?? key;
  const sourceId = p.source.key;
  const nodes = new Map<string, DatasetNode>();
  const described = (what: string) => `${what} Proposed by Parley's extraction from “${p.source.name}”.`;

  for (const e of p.entities) {
    const id = idOf(e.key);
    const existing = nodes.get(id);
    const name = opts.names?.[id] ?? e.name;
    const aliases = [
      ...new Set([...(existing?.aliases ?? []), ...(name === e.name ? [] : [e.name]), ...e.aliases]),
    ].filter((a) => a !== name && a.trim() !== '');
    const properties: Properties = {
      ...(existing?.properties ?? {}),
      ...(e.properties as Properties),
      confidence: e.confidence,
    };
    nodes.set(id, {
      id,
      label: e.label,
      name,
      aliases,
      description:
        existing?.description ??
        described(`${e.label} mentioned in ${e.quotes.length} sentence${e.quotes.length === 1 ? '' : 's'}.`),
      properties,
    });
  }
  for (const m of p.meetings) {
    const id = idOf(m.key);
    const properties: Properties = { date: m.date, status: m.status, confidence: m.confidence };
    if (m.dateText) properties.dateText = m.dateText;
    if (m.monthDay && !m.date) properties.monthDay = m.monthDay;
    if (m.time) properties.time = m.time;
    if (m.round !== undefined) properties.round = m.round;
    if (m.dateInferred && m.date) {
      properties.dateInferred = true;
      properties.dateInferenceReason = m.dateInferenceReason ?? 'The date is not fully stated in the text.';
    }
    nodes.set(id, {
      id,
      label: 'Meeting',
      name: opts.names?.[id] ?? m.name,
      aliases: [],
      description: described(
        `A ${m.status} meeting${m.dateText ? ` (${m.dateText})` : ''} with ${m.attendees.length} attendee${m.attendees.length === 1 ? '' : 's'} named in the text.`,
      ),
      properties,
    });
  }

  const dropped: string[] = [];
  const rels = new Map<string, DatasetRelationship>();
  for (const r of p.relationships) {
    const source = idOf(r.source);
    const target = idOf(r.target);
    if (!nodes.has(source) || !nodes.has(target) || source === target) {
      dropped.push(
        `${r.source} -[${r.type}]-> ${r.target}: ${source === target ? 'both ends are one node after merging' : 'an end was not accepted'}`,
      );
      continue;
    }
    const k = `${source}\u0000${r.type}\u0000${target}`;
    const before = rels.get(k);
    if (before) {
      if (!before.evidence.some((ev) => ev.quote === r.quote))
        before.evidence.push({ source: sourceId, quote: r.quote });
      if (before.inferred && !r.inferred) {
        before.inferred = false;
        delete before.inferenceReason;
      }
      continue;
    }
    const rel: DatasetRelationship = {
      type: r.type,
      source,
      target,
      properties: { ...(r.properties as Properties), confidence: r.confidence },
      evidence: [{ source: sourceId, quote: r.quote }],
      inferred: r.inferred,
    };
    if (r.inferred) rel.inferenceReason = r.inferenceReason ?? 'Implied by the text, not stated.';
    rels.set(k, rel);
  }

  const dataset: DatasetFile = {
    version: 1,
    sources: [
      {
        id: sourceId,
        name: p.source.name,
        text: p.source.text,
        outlet: p.source.outlet,
        published: p.source.published,
        description: p.source.description,
      },
    ],
    nodes: [...nodes.values()],
    relationships: [...rels.values()],
  };
  const checked = parseDataset(dataset, { baseDir: process.cwd() });
  return checked.ok ? { ok: true, dataset, dropped } : { ok: false, errors: checked.errors, dataset };
}
