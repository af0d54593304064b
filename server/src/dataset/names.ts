/**
 * The labels and relationship types a Parley data set may use: Parley's own (Person, Agency, Meeting, Issue,
 * Place; ATTENDED, …) and the user's own, any valid identifier (letters, digits and `_`, starting with a letter or
 * `_`; the rule neo4j/names.ts escapes with before a name reaches Cypher, always backtick-quoted). Names Parley
 * keeps for itself (`Source`, `Snapshot`, `Parley…`) are refused with a message saying so. Pure.
 *
 * Decision: a node of Parley's own labels keeps its id prefix rule (`person:…` for a Person); a node of the
 * user's own label may use any lowercase prefix except `source:` (the sources' own), e.g. `movie:the-matrix`.
 */
import { z } from 'zod';
import { isValidName } from '../neo4j/names';

/** labels a data set's nodes may not claim: sources are given as `sources`; the rest is Parley's bookkeeping */
export function reservedLabel(label: string): boolean {
  return label === 'Source' || label === 'Snapshot' || label.startsWith('Parley');
}

/** the message for a label that cannot be a data set node's label, or null when it can */
export function datasetLabelProblem(label: string, parleyLabels: readonly string[]): string | null {
  if (!isValidName(label)) {
    return (
      `label ${JSON.stringify(label)} is not a valid label: use letters, digits and "_", starting with a letter ` +
      `(Parley's own are ${parleyLabels.map((l) => `"${l}"`).join(', ')}; your own such as "Movie" or "Film_Studio" work too)`
    );
  }
  if (reservedLabel(label)) {
    return `label ${JSON.stringify(label)} is Parley's own ("Source", "Snapshot" and "Parley…" are kept for its bookkeeping; sources go in "sources"): choose another`;
  }
  return null;
}

/** the message for a relationship type that cannot be used, or null when it can */
export function datasetTypeProblem(type: string): string | null {
  if (!isValidName(type)) {
    return `invalid relationship type ${JSON.stringify(type)}: use letters, digits and "_", starting with a letter, such as "ATTENDED" or "ACTED_IN"`;
  }
  if (type.startsWith('PARLEY') || type.startsWith('Parley')) {
    return `relationship type ${JSON.stringify(type)} is Parley's own: choose another`;
  }
  return null;
}

/** a node's label: any valid identifier that is not Parley's bookkeeping */
export function labelSchema(parleyLabels: readonly string[]) {
  return z
    .string({ error: 'label must be a string such as "Person" or your own label such as "Movie"' })
    .check((ctx) => {
      const problem = datasetLabelProblem(ctx.value, parleyLabels);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    });
}

export const relationshipTypeSchema = z.string({ error: 'type must be a string such as "ATTENDED"' }).check((ctx) => {
  const problem = datasetTypeProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});
