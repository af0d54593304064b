/**
 * Loads the named queries in cypher/queries/*.cypher. Each file is one parameterised query; its leading
 * `// key: value` comment lines are its metadata (name, title, description, params, returns, ...), and the
 * file name (without .cypher) is its name. The server's repositories run queries by name from here, and the
 * console lists the same files as its query library, so one query has one home.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config';

export interface NamedQuery {
  name: string;
  /** the `// key: value` header lines; repeated keys are joined with newlines */
  meta: Record<string, string>;
  /** the query text without the header */
  text: string;
  file: string;
}

export const queriesDir = path.join(repoRoot, 'cypher', 'queries');

export function parseQueryFile(name: string, source: string, file = `${name}.cypher`): NamedQuery {
  const lines = source.split(/\r?\n/);
  const meta: Record<string, string> = {};
  let i = 0;
  let lastKey: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const m = /^\/\/\s?(.*)$/.exec(line);
    if (!m) break;
    const body = m[1] ?? '';
    const kv = /^([a-zA-Z][\w-]*):\s?(.*)$/.exec(body);
    if (kv) {
      const key = kv[1] ?? '';
      const value = kv[2] ?? '';
      meta[key] = meta[key] === undefined ? value : `${meta[key]}\n${value}`;
      lastKey = key;
    } else if (lastKey) {
      meta[lastKey] = `${meta[lastKey] ?? ''}\n${body.trim()}`; // continuation line
    }
  }
  const text = lines.slice(i).join('\n').trim();
  if (!text) throw new Error(`neo4j/queries: ${file} has no query after its header comments; add the Cypher text.`);
  return { name, meta, text, file };
}

export class QueryLibrary {
  private readonly byName = new Map<string, NamedQuery>();

  constructor(dir: string = queriesDir) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.cypher')) continue;
      const name = f.slice(0, -'.cypher'.length);
      this.byName.set(name, parseQueryFile(name, readFileSync(path.join(dir, f), 'utf8'), f));
    }
  }

  get(name: string): NamedQuery {
    const q = this.byName.get(name);
    if (!q) {
      throw new Error(
        `neo4j/queries: no query named "${name}"; add cypher/queries/${name}.cypher (known: ${[...this.byName.keys()].join(', ')}).`,
      );
    }
    return q;
  }

  list(): NamedQuery[] {
    return [...this.byName.values()];
  }
}
