/**
 * The user's own names (labels, relationship types, property keys) checked before anything else: any valid
 * identifier (letters, digits and `_`, not starting with a digit; the same rule that neo4j/names.ts escapes
 * with), never a key that Parley keeps for itself. Pure.
 */
import { RESERVED_PROPERTY_KEYS } from '../dataset/schema';
import { isValidName } from '../neo4j/names';

/** labels Parley keeps for itself (its bookkeeping and its own kinds that a file may not claim) */
export const RESERVED_LABELS = new Set([
  'ParleyInternal',
  'ParleyImport',
  'ParleyPreImage',
  'ParleyCreated',
  'Snapshot',
]);
/** keys the engine sets from columns of their own; properties may not shadow them */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(RESERVED_PROPERTY_KEYS);

export function labelProblem(label: string): string | null {
  if (!isValidName(label)) {
    return `${JSON.stringify(label)} is not a valid label: use letters, digits and "_", starting with a letter (e.g. "Person", "Film_Studio")`;
  }
  // every `Parley…` label is Parley's bookkeeping (accounts among them: a file must never make a ParleyUser)
  if (RESERVED_LABELS.has(label) || label.startsWith('Parley')) {
    return `the label ${JSON.stringify(label)} is Parley's own: choose another`;
  }
  return null;
}

export function typeProblem(type: string): string | null {
  return isValidName(type)
    ? null
    : `${JSON.stringify(type)} is not a valid relationship type: use letters, digits and "_", starting with a letter (e.g. "ACTED_IN")`;
}

export function keyProblem(key: string): string | null {
  if (key === '__proto__') return 'a property named "__proto__" is not allowed: rename it';
  if (!isValidName(key)) {
    return `${JSON.stringify(key)} is not a valid property name: use letters, digits and "_", starting with a letter`;
  }
  if (key.startsWith('_parley') || key.startsWith('__')) {
    return `property names starting with "__" or "_parley" are Parley's own: rename ${JSON.stringify(key)}`;
  }
  return null;
}

/** ids: any text up to 512 characters without control characters or surrounding spaces */
export function idProblem(id: string): string | null {
  if (id === '') return 'the id is empty: every node needs an id';
  if (id.length > 512) return 'the id is longer than 512 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) return `the id ${JSON.stringify(id)} contains control characters`;
  if (id.trim() !== id) return `the id ${JSON.stringify(id)} has spaces around it`;
  return null;
}
