import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  addToHistory,
  cellText,
  copyAsCurl,
  copyForBrowser,
  cypherLiteral,
  decodeHistory,
  explorerHref,
  inlineParams,
  lineColumn,
  nextSort,
  parseParams,
  rowsAsTsv,
  sortRows,
} from '../../client/src/state/console';
import { cellText as cliCell, formatTable, parseArgs } from '../../server/src/cli/cypher';

describe('parameters', () => {
  it('parses a JSON object, empty text as {}, and says what is wrong otherwise', () => {
    expect(parseParams('{"n": 5}')).toEqual({ ok: true, params: { n: 5 } });
    expect(parseParams('  ')).toEqual({ ok: true, params: {} });
    expect(parseParams('[1]')).toMatchObject({ ok: false, message: expect.stringMatching(/JSON object/) });
    expect(parseParams('{n: 5}')).toMatchObject({ ok: false, message: expect.stringMatching(/not valid JSON/) });
  });
});

describe('history', () => {
  it('puts the latest first, moves repeats up, and caps the list', () => {
    let h = addToHistory([], { query: 'A', params: '{}', at: 1 });
    h = addToHistory(h, { query: 'B', params: '{}', at: 2 });
    h = addToHistory(h, { query: 'A', params: '{}', at: 3 });
    expect(h.map((x) => `${x.query}${x.at}`)).toEqual(['A3', 'B2']);
    expect(addToHistory(h, { query: 'C', params: '{}', at: 4 }, 2)).toHaveLength(2);
  });
  it('survives a round trip and ignores junk', () => {
    const h = [{ query: 'RETURN 1', params: '{}', at: 5 }];
    expect(decodeHistory(JSON.stringify(h))).toEqual(h);
    expect(decodeHistory('not json')).toEqual([]);
    expect(decodeHistory(JSON.stringify([{ query: 1 }, ...h]))).toEqual(h);
  });
});

describe('copy as', () => {
  it('writes :param lines for Neo4j Browser', () => {
    expect(copyForBrowser('MATCH (n) RETURN n LIMIT $n', { n: 5, 'odd key': "it's" })).toBe(
      ":param n => 5;\n:param `odd key` => 'it\\'s';\nMATCH (n) RETURN n LIMIT $n",
    );
  });
  it('inlines parameters outside strings and comments only', () => {
    expect(inlineParams("MATCH (n {id: $id}) WHERE n.x <> '$id' // $id\nRETURN n LIMIT $n", { id: 'a', n: 2 })).toBe(
      "MATCH (n {id: 'a'}) WHERE n.x <> '$id' // $id\nRETURN n LIMIT 2",
    );
    expect(inlineParams('RETURN $missing, $m', { m: [1, { k: null }] })).toBe('RETURN $missing, [1, {k: null}]');
  });
  test.prop([fc.string()])('string literals escape quotes and backslashes', (s) => {
    const lit = cypherLiteral(s);
    expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
    expect(/(^|[^\\])(\\\\)*'./.test(lit.slice(0, -1).slice(1))).toBe(false);
  });
  it('builds a shell-safe curl call', () => {
    const c = copyAsCurl('http://localhost:8080', "RETURN 'x' AS s", {});
    expect(c).toContain("'http://localhost:8080/api/cypher'");
    expect(c).toContain(`'{"query":"RETURN '\\''x'\\'' AS s","params":{}}'`);
  });
});

describe('table', () => {
  const rows = [
    { a: 2, b: 'x' },
    { a: null, b: 'y' },
    { a: 10, b: 'z' },
    { a: 'text', b: 'w' },
  ];
  it('sorts numbers before text, nulls last, both directions, stable', () => {
    expect(sortRows(rows, { column: 'a', dir: 'asc' }).map((r) => r.b)).toEqual(['x', 'z', 'w', 'y']);
    expect(sortRows(rows, { column: 'a', dir: 'desc' }).map((r) => r.b)).toEqual(['z', 'x', 'w', 'y']);
    expect(sortRows(rows, null)).toBe(rows);
  });
  it('cycles header clicks through asc, desc, none', () => {
    expect(nextSort(null, 'a')).toEqual({ column: 'a', dir: 'asc' });
    expect(nextSort({ column: 'a', dir: 'asc' }, 'a')).toEqual({ column: 'a', dir: 'desc' });
    expect(nextSort({ column: 'a', dir: 'desc' }, 'a')).toBeNull();
  });
  it('shows graph values as short text and copies as TSV', () => {
    const node = { $kind: 'node' as const, id: 'person:x', elementId: 'e', labels: ['Person'], properties: {} };
    expect(cellText(node)).toBe('(person:x:Person)');
    expect(
      cellText({ $kind: 'relationship', id: 'r', elementId: 'r', type: 'T', source: 'a', target: 'b', properties: {} }),
    ).toBe('(a)-[:T]->(b)');
    expect(rowsAsTsv(['a', 'b'], [{ a: 'x\ty', b: null }])).toBe('a\tb\nx y\tnull');
  });
});

describe('explorer link and positions', () => {
  it('opens the explorer on an empty canvas with the result’s node ids', () => {
    expect(explorerHref(['person:a', 'meeting:b'])).toBe('/?start=empty&show=person%3Aa%2Cmeeting%3Ab');
    expect(new URLSearchParams(explorerHref(['a', 'b', 'c'], 2).slice(2)).get('show')).toBe('a,b');
  });
  it('turns offsets into lines and columns', () => {
    expect(lineColumn('MATCH (n)\nRETURN n LIMT 3', 19)).toEqual({ line: 2, column: 10 });
  });
});

describe('npm run cypher', () => {
  it('parses its arguments', () => {
    expect(parseArgs(['--', '--json', 'RETURN $n', '--params', '{"n":1}'])).toEqual({
      query: 'RETURN $n',
      json: true,
      params: { n: 1 },
      maxRows: 1000,
    });
    expect(parseArgs([])).toMatch(/give the query/);
    expect(parseArgs(['--params', '[1]', 'RETURN 1'])).toMatch(/JSON object/);
    expect(parseArgs(['--nope', 'RETURN 1'])).toMatch(/unknown option/);
  });
  it('prints a table', () => {
    const out = formatTable({
      columns: ['name', 'n'],
      rows: [{ name: 'Istanbul', n: 1 }],
      graph: { nodes: [], edges: [] },
      summary: { queryType: 'r', resultAvailableAfterMs: 3, rowCount: 1, truncated: false, maxRows: 1000 },
    });
    expect(out).toContain('| name     | n |');
    expect(out).toContain('| Istanbul | 1 |');
    expect(out).toContain('1 row, available after 3 ms');
    expect(cliCell(null)).toBe('');
  });
});
