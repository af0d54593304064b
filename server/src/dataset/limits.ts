/**
 * Size limits of data files (issue 12, item 9), checked before the file is validated or loaded, so a hostile
 * or broken file cannot fill the database with values that make every answer huge (a 1 MB name in every
 * type-ahead answer, 100,000 aliases on one node). Every error names the place, the size and the limit.
 *
 * The limits are generous for real data sets: the seed's longest string (outside the source text) is under 600
 * characters and its longest list has 5 items. Source texts are documents and get their own, larger limit.
 */
import { statSync } from 'node:fs';
import { jsonDepthError } from '../json-depth';

export const DATA_LIMITS = {
  /** a whole data file */
  fileBytes: 200 * 1024 * 1024,
  /** any string but a source's text: names, aliases, descriptions, quotes, property values */
  stringChars: 10_000,
  /** a source's inline `text`, or its `textFile` */
  sourceTextBytes: 10 * 1024 * 1024,
  /** any list inside an item (aliases, quotes, sourceIds, list properties); the top-level lists are bounded by the file size */
  listItems: 500,
  /** nesting of arrays and objects */
  depth: 64,
} as const;

const MAX_ERRORS = 20;

export interface LimitError {
  path: string;
  message: string;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

/** Null, or why the text file at `file` is too big to be a source's text. */
export function textFileTooBig(file: string): string | null {
  const size = statSync(file).size;
  return size > DATA_LIMITS.sourceTextBytes
    ? `the text file ${file} is ${mib(size)}; a source's text may be at most ${mib(DATA_LIMITS.sourceTextBytes)}`
    : null;
}

/** Null, or why a data file of `bytes` bytes is refused before it is read. */
export function dataFileTooBig(bytes: number): string | null {
  return bytes > DATA_LIMITS.fileBytes
    ? `the data file is ${mib(bytes)}; a data file may be at most ${mib(DATA_LIMITS.fileBytes)}: split it into several files`
    : null;
}

/**
 * Checks the text of a data file (depth) and, when it parses, every string and list in it. Returns the
 * errors (at most 20), each with its path written as the validator writes it (`nodes[0].aliases`); an empty list when the file is within the limits. A file that
 * does not parse is left to the validator, which reports the syntax error with its line and column.
 */
export function checkDataLimits(text: string): LimitError[] {
  const deep = jsonDepthError(text, DATA_LIMITS.depth);
  if (deep) return [{ path: '$', message: `the data file ${deep}` }];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const errors: LimitError[] = [];
  const walk = (v: unknown, path: string, key: string | number | null, depth: number) => {
    if (errors.length >= MAX_ERRORS) return;
    if (typeof v === 'string') {
      const isSourceText = key === 'text' && /^sources\[\d+\]\.text$/.test(path);
      const limit = isSourceText ? DATA_LIMITS.sourceTextBytes : DATA_LIMITS.stringChars;
      if (v.length > limit) {
        errors.push({
          path,
          message: isSourceText
            ? `this source text is ${v.length.toLocaleString('en')} characters; a source's text may be at most ${limit.toLocaleString('en')}`
            : `this string is ${v.length.toLocaleString('en')} characters; strings may be at most ${limit.toLocaleString('en')} (only a source's text may be longer)`,
        });
      }
    } else if (Array.isArray(v)) {
      if (depth > 1 && v.length > DATA_LIMITS.listItems) {
        errors.push({
          path,
          message: `this list has ${v.length.toLocaleString('en')} items; lists inside an item may have at most ${DATA_LIMITS.listItems}`,
        });
      }
      v.forEach((x, i) => walk(x, `${path}[${i}]`, i, depth + 1));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const name = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `[${JSON.stringify(k)}]`;
        const child = path === '$' ? name : name.startsWith('[') ? `${path}${name}` : `${path}.${name}`;
        walk(x, child, k, depth + 1);
      }
    }
  };
  walk(json, '$', null, 0);
  return errors;
}
