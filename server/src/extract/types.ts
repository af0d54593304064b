/** The pipeline's working types (the API's types are inferred from contract.ts). */
import type { PropertyValue } from '../dataset/schema';
import type { DateMention } from './dates';
import type { EntityDraft } from './entities';
import type { Mention } from './mentions';
import type { Parsed, Range } from './nlp';

export interface RelationshipDraft {
  type: string;
  source: string;
  target: string;
  quote: string;
  confidence: number;
  inferred: boolean;
  inferenceReason?: string;
  properties: Record<string, PropertyValue>;
  rule: string;
}

export interface Context {
  p: Parsed;
  published: string | null;
  /** sentences left out (links and page furniture, see BOILERPLATE_LINES) */
  skipped: Set<number>;
  entities: EntityDraft[];
  /** `${sent}:${token}` → the entity whose mention covers that token */
  entityAt: Map<string, EntityDraft>;
  /** `${sent}:${token}` → the mention there (its rule, whether it only qualifies a title, …) */
  mentionAt: Map<string, Mention>;
  titles: Range[];
  /** `${sent}:${token}` → why a phrase without a name ("the ambassador") is taken to be a person (coreference.ts) */
  corefAt: Map<string, string>;
  dates: DateMention[];
  relationships: RelationshipDraft[];
}

export function entitiesIn(ctx: Context, r: Range): EntityDraft[] {
  const out: EntityDraft[] = [];
  for (let i = r.from; i < r.to; i++) {
    const e = ctx.entityAt.get(`${r.sent}:${i}`);
    if (e && !out.includes(e)) out.push(e);
  }
  return out;
}

export function addRelationship(ctx: Context, rel: RelationshipDraft): void {
  if (rel.source === rel.target) return;
  const same = ctx.relationships.find((r) => r.type === rel.type && r.source === rel.source && r.target === rel.target);
  if (same) {
    same.confidence = Math.max(same.confidence, rel.confidence);
    if (same.inferred && !rel.inferred) {
      same.inferred = false;
      delete same.inferenceReason;
      same.quote = rel.quote;
      same.rule = rel.rule;
    }
    return;
  }
  ctx.relationships.push(rel);
}
