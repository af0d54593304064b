/**
 * From mentions to entities, within one article: countries and capitals become a place or a government;
 * "Coulter" after "Sonata Coulter" and "Ambassador Darchiyev" after "Aleksandr Darchiyev" are the same person;
 * two spellings of one name ("Aleksandr Darchiyev" / "Alexander Darchiev") are merged as an inferred identity.
 * Matching against the graph is not done here: see `EntityMatcher` in pipeline.ts.
 */
import { editDistance } from '../dataset/schema';
import type { PropertyValue } from '../dataset/schema';
import { isLocative, isParty, type Mention, type MentionLabel } from './mentions';
import type { Parsed } from './nlp';

export interface EntityDraft {
  key: string;
  label: MentionLabel | 'Issue';
  name: string;
  aliases: Set<string>;
  mentions: Mention[];
  confidence: number;
  properties: Record<string, PropertyValue>;
  rule: string;
}

export const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'unnamed';

/** a spelling-insensitive form of a name: "Aleksandr Darchiyev" and "Alexander Darchiev" come close */
export function nameSkeleton(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ks/g, 'x')
    .replace(/[iy]y|yi/g, 'i')
    .replace(/y/g, 'i')
    .replace(/j/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/[^a-z ]/g, '');
}

/** true when two full names are likely two transliterations of one name */
export function sameNameVariant(a: string, b: string): boolean {
  const [fa, la] = splitName(nameSkeleton(a));
  const [fb, lb] = splitName(nameSkeleton(b));
  if (!fa || !fb || !la || !lb) return false;
  if (la[0] !== lb[0] || fa[0] !== fb[0]) return false;
  return editDistance(la, lb) <= 1 && editDistance(fa, fb) <= 2 && la.length >= 4;
}

function splitName(s: string): [string, string] {
  const parts = s.split(' ').filter(Boolean);
  return [parts[0] ?? '', parts[parts.length - 1] ?? ''];
}

const lastWord = (s: string) => s.split(' ').pop() ?? s;

export interface Resolved {
  entities: EntityDraft[];
  /** which entity each mention stands for (mentions dropped for low confidence are absent) */
  byMention: Map<Mention, EntityDraft>;
}

/** Groups mentions into entities. Mentions are given in text order. */
export function resolveEntities(p: Parsed, mentions: Mention[]): Resolved {
  const entities: EntityDraft[] = [];
  const byMention = new Map<Mention, EntityDraft>();
  const byId = new Map<string, EntityDraft>();
  const usedKeys = new Set<string>();

  const create = (label: EntityDraft['label'], name: string, m: Mention, id: string): EntityDraft => {
    const prefix = label.toLowerCase();
    let key = `${prefix}:${slug(name)}`;
    for (let n = 2; usedKeys.has(key); n++) key = `${prefix}:${slug(name)}-${n}`;
    usedKeys.add(key);
    const e: EntityDraft = {
      key,
      label,
      name,
      aliases: new Set(),
      mentions: [],
      confidence: 0,
      properties: {},
      rule: m.rule,
    };
    entities.push(e);
    byId.set(id, e);
    return e;
  };
  const attach = (e: EntityDraft, m: Mention) => {
    e.mentions.push(m);
    e.confidence = Math.max(e.confidence, m.confidence);
    if (m.surface !== e.name && !(e.label === 'Agency' && e.name.startsWith(`${m.surface} `))) e.aliases.add(m.surface);
    if (m.title && e.label === 'Person') {
      e.properties.title ??= m.title;
      const s = p.sentences[m.range.sent]!;
      const titled = p.text.slice(
        s.tokens[m.range.from - m.title.split(' ').length]?.start ?? 0,
        s.tokens[m.range.to - 1]!.end,
      );
      if (titled.endsWith(m.surface) && titled.startsWith(m.title)) e.aliases.add(titled);
    }
    byMention.set(m, e);
  };

  // 1. countries and capitals: a government where the text makes them act, else a place
  const acting = new Set<string>();
  for (const m of mentions) {
    if (!m.country || (m.rule !== 'country' && m.rule !== 'capital')) continue;
    if (isParty(p.sentences[m.range.sent]!, m) && !isLocative(p.sentences[m.range.sent]!, m)) acting.add(m.country);
  }
  for (const m of mentions) {
    if (m.rule !== 'country' && m.rule !== 'capital' && m.rule !== 'country-of-title') continue;
    const s = p.sentences[m.range.sent]!;
    const locative = isLocative(s, m);
    const government =
      m.rule === 'country-of-title' || (!locative && (m.rule === 'country' ? acting.has(m.country!) : isParty(s, m)));
    if (government) {
      m.label = 'Agency';
      m.kind = 'government';
      const id = `gov:${m.country}`;
      const e = byId.get(id) ?? create('Agency', m.country!, m, id);
      e.properties.kind = 'government';
      attach(e, m);
    } else {
      m.label = 'Place';
      const name = m.rule === 'capital' ? m.surface : m.country!;
      const id = `Place:${name.toLowerCase()}`;
      attach(byId.get(id) ?? create('Place', name, m, id), m);
    }
  }

  // 2. people: full names first, then surnames and titled surnames, then spelling variants. A one-word
  //    name that compromise took for an organisation or place ("Albanese’s office") is a person's surname
  //    when a full name of the text ends with it.
  const surnames = new Set(
    mentions.filter((m) => m.label === 'Person' && m.name.includes(' ')).map((m) => lastWord(m.name)),
  );
  for (const m of mentions) {
    if (!byMention.has(m) && m.label !== 'Person' && !m.name.includes(' ') && surnames.has(m.name)) {
      m.label = 'Person';
      m.confidence = 0.7;
    }
  }
  const persons = mentions.filter((m) => m.label === 'Person' && !byMention.has(m));
  const full = persons.filter((m) => m.name.includes(' '));
  const single = persons.filter((m) => !m.name.includes(' '));
  for (const m of full) {
    const known = entities.find((e) => e.label === 'Person' && (e.name === m.name || [...e.aliases].includes(m.name)));
    if (known) {
      attach(known, m);
      continue;
    }
    const variant = entities.find(
      (e) => e.label === 'Person' && e.name.includes(' ') && sameNameVariant(e.name, m.name),
    );
    if (variant) {
      attach(variant, m);
      variant.aliases.add(m.name);
      variant.properties.identityInferred = true;
      variant.properties.identityInferenceReason = `The article writes both “${variant.name}” and “${m.name}”; they are taken to be two spellings of one name. The text does not say so in words.`;
      continue;
    }
    if (m.confidence < 0.5) continue;
    attach(create('Person', m.name, m, `person:${m.name}`), m);
  }
  for (const m of single) {
    // a surname ("Coulter"), or the first word of a two-word name written family name first ("Wang" of "Wang
    // Yi"), refers to the one person of the article it fits; when it fits two people it is left alone
    const bySurname = entities.filter(
      (e) =>
        e.label === 'Person' &&
        (e.name === m.name ||
          lastWord(e.name) === m.name ||
          [...e.aliases].some(
            (a) => lastWord(a) === m.name || (a.includes(' ') && nameSkeleton(lastWord(a)) === nameSkeleton(m.name)),
          )),
    );
    const byFirst = entities.filter(
      (e) => e.label === 'Person' && e.name.split(' ').length === 2 && e.name.split(' ')[0] === m.name,
    );
    const fits = bySurname.length > 0 ? bySurname : byFirst;
    if (fits.length > 1) continue;
    const target = fits[0];
    if (target) {
      attach(target, m);
      if (!target.aliases.has(m.name) && target.name !== m.name) target.aliases.add(m.name);
      continue;
    }
    if (m.confidence < 0.6) continue;
    attach(create('Person', m.name, m, `person:${m.name}`), m);
  }

  // 3. agencies and places by their normalised name
  for (const m of mentions) {
    if (byMention.has(m) || m.label === 'Person' || ['country', 'capital', 'country-of-title'].includes(m.rule))
      continue;
    const norm = m.name.toLowerCase().replace(/^the /, '').replace(/\s+/g, ' ');
    const id = `${m.label}:${norm}`;
    const e = byId.get(id) ?? create(m.label, m.name, m, id);
    if (m.kind && m.label === 'Agency') e.properties.kind = m.kind;
    if (m.country && m.label === 'Agency' && m.kind !== 'government') e.properties.country = m.country;
    attach(e, m);
  }
  for (const e of entities) e.aliases.delete(e.name);
  return { entities, byMention };
}
