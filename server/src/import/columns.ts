/**
 * Column types: the `name:type` headers of `neo4j-admin database import` (`born:int`, `released:date`,
 * `tags:string[]`), accepted in Parley's own CSV too, and the type a plain column gets from its cells when its
 * header names none. Pure.
 */
import { isIsoDate } from '../../../contract';
import type { PropertyValue } from './model';

export type ScalarType = 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'datetime';
export interface ColumnType {
  scalar: ScalarType;
  list: boolean;
}

const TYPE_NAMES: Record<string, ScalarType> = {
  string: 'string',
  char: 'string',
  int: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  integer: 'integer',
  float: 'float',
  double: 'float',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  localdatetime: 'datetime',
};

export const TYPE_WORDS = Object.keys(TYPE_NAMES);

/** `tags:string[]` → {string, list}; undefined for an unknown type name */
export function parseTypeName(name: string): ColumnType | undefined {
  const m = /^([A-Za-z]+)(\[\])?$/.exec(name.trim());
  if (!m) return undefined;
  const scalar = TYPE_NAMES[m[1]!.toLowerCase()];
  return scalar ? { scalar, list: m[2] !== undefined } : undefined;
}

export function describeType(t: ColumnType): string {
  return `${t.scalar}${t.list ? ' list (split on ;)' : ''}`;
}

const INTEGER = /^[+-]?(0|[1-9]\d*)$/;
const FLOAT = /^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/;

/** One cell as a value of `scalar`; a string is the reason it is not. */
export function castScalar(cell: string, scalar: ScalarType): { value: string | number | boolean } | { error: string } {
  const s = scalar === 'string' ? cell : cell.trim();
  switch (scalar) {
    case 'string':
      return { value: s };
    case 'integer': {
      if (!INTEGER.test(s)) return { error: `${JSON.stringify(cell)} is not a whole number` };
      const n = Number(s);
      if (!Number.isSafeInteger(n)) return { error: `${cell} is too large for a whole number here (max 2^53)` };
      return { value: n };
    }
    case 'float': {
      if (!FLOAT.test(s)) return { error: `${JSON.stringify(cell)} is not a number` };
      return { value: Number(s) };
    }
    case 'boolean': {
      const l = s.toLowerCase();
      if (l === 'true') return { value: true };
      if (l === 'false') return { value: false };
      return { error: `${JSON.stringify(cell)} is not true or false` };
    }
    case 'date':
      return isIsoDate(s) ? { value: s } : { error: `${JSON.stringify(cell)} is not a date written YYYY-MM-DD` };
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s))
        ? { value: s }
        : { error: `${JSON.stringify(cell)} is not a date-time written YYYY-MM-DDThh:mm[:ss][Z]` };
  }
}

/** A cell as a property value of type `t`; null for an empty cell (no property). */
export function castCell(
  cell: string,
  t: ColumnType,
  arrayDelimiter = ';',
): { value: PropertyValue } | { error: string } {
  if (cell === '') return { value: null };
  if (!t.list) return castScalar(cell, t.scalar);
  const parts = cell
    .split(arrayDelimiter)
    .map((p) => (t.scalar === 'string' ? p.trim() : p))
    .filter((p) => p !== '');
  const out: (string | number | boolean)[] = [];
  for (const p of parts) {
    const r = castScalar(p, t.scalar);
    if ('error' in r) return { error: `in the list ${JSON.stringify(cell)}: ${r.error}` };
    out.push(r.value);
  }
  return { value: out as PropertyValue };
}

/**
 * The type of a column whose header names none, from its non-empty cells: whole numbers → integer, numbers →
 * float, true/false → boolean, otherwise string; a column where any cell holds a `;` is a list (split on `;`).
 * Numbers written with leading zeros ("007") stay strings, so codes are not mangled. Dates stay strings.
 */
export function inferType(cells: readonly string[]): ColumnType {
  const g = new TypeGuess();
  for (const c of cells) g.add(c);
  return g.type();
}

/**
 * `inferType` one cell at a time, for files read as a stream: what the cells seen so far rule out. The same
 * rule as `inferType` (which uses it), so a streamed file gets the types the whole file would.
 */
export class TypeGuess {
  private list = false;
  /** the verdicts on whole cells (the rule when no cell holds `;`) and on trimmed `;`-parts (when one does) */
  private readonly whole = new Verdicts();
  private readonly parts = new Verdicts();
  add(cell: string): void {
    if (cell === '') return;
    if (cell.includes(';')) this.list = true;
    this.whole.see(cell);
    for (const raw of cell.split(';')) {
      const p = raw.trim();
      if (p !== '') this.parts.see(p);
    }
  }
  type(): ColumnType {
    return (this.list ? this.parts : this.whole).type(this.list);
  }
}

class Verdicts {
  private any = false;
  private integer = true;
  private float = true;
  private boolean = true;
  see(p: string): void {
    this.any = true;
    if (this.integer && !(INTEGER.test(p) && Number.isSafeInteger(Number(p)))) this.integer = false;
    if (this.float && !(FLOAT.test(p) && !/^[+-]?0\d/.test(p))) this.float = false;
    if (this.boolean && !/^(true|false)$/i.test(p)) this.boolean = false;
  }
  type(list: boolean): ColumnType {
    if (!this.any) return { scalar: 'string', list };
    if (this.integer) return { scalar: 'integer', list };
    if (this.float) return { scalar: 'float', list };
    if (this.boolean) return { scalar: 'boolean', list };
    return { scalar: 'string', list };
  }
}
