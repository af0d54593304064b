// CSV writing with spreadsheet-formula escaping (property-based), and the other data exports.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseGexf } from 'graphology-gexf';
import Graph from 'graphology';
import { csvCell, defuseFormula, edgesCsv, nodesCsv, toCsv } from '../../client/src/utils/export/csv';
import {
  csvZip,
  exportAttributes,
  toGexf,
  toGraphml,
  toJson,
  type VisibleGraph,
} from '../../client/src/utils/export/data';
import { sourcesFootnote } from '../../client/src/utils/export/footnote';

/** A strict RFC 4180 reader, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        cell += ch;
        i++;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const DANGER = ['=', '+', '-', '@', '\t', '\r'];

describe('CSV formula escaping', () => {
  test.prop([fc.string()])('a text cell never reads back starting with a formula character', (s) => {
    const [row] = parseCsv(`${csvCell(s)}\r\n`);
    const back = row?.[0] ?? '';
    expect(DANGER.includes(back[0] ?? '')).toBe(false);
  });

  test.prop([fc.string()])(
    'the text read back is the original, with one leading quote mark when it was defused',
    (s) => {
      const [row] = parseCsv(`${csvCell(s)}\r\n`);
      const back = row?.[0] ?? '';
      expect(back).toBe(DANGER.includes(s[0] ?? '') ? `'${s}` : s);
    },
  );

  test.prop([
    fc.array(
      fc.array(fc.oneof(fc.string(), fc.constantFrom('=SUM(A1:A9)', '@cmd', '-2+3', '+1', '\t=1', '\r=1')), {
        minLength: 3,
        maxLength: 3,
      }),
      { maxLength: 20 },
    ),
  ])('rows keep their shape whatever the cells hold', (rows) => {
    const back = parseCsv(toCsv(['a', 'b', 'c'], rows));
    expect(back.length).toBe(rows.length + 1);
    back.slice(1).forEach((r, i) => {
      expect(r.length).toBe(3);
      expect(r).toEqual(rows[i]!.map(defuseFormula));
    });
  });

  it('escapes the classic payloads and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('@SUM(1)')).toBe(`'@SUM(1)`);
    expect(csvCell('-1+2')).toBe(`'-1+2`);
    expect(csvCell('+1')).toBe(`'+1`);
    expect(csvCell('\t=1')).toBe(`'\t=1`);
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell('plain')).toBe('plain');
  });
});

const data: VisibleGraph = {
  nodes: [
    { id: 'person:a', label: '=cmd|"/c calc"!A1', kind: 'Person', x: -1.5, y: 2, size: 6, color: '#4e79a7' },
    { id: 'agency:b', label: 'Délégation <b>', kind: 'Agency', x: 3, y: -4, size: 5, color: '#f28e2b' },
  ],
  edges: [
    {
      id: 'person:a|LEADS|agency:b',
      source: 'person:a',
      target: 'agency:b',
      type: 'LEADS',
      color: '#b4bcc6',
      size: 1,
      inferred: false,
    },
  ],
};

describe('data exports', () => {
  it('writes nodes and edges CSV with escaped formulas, zipped together', () => {
    const nodes = parseCsv(nodesCsv(data.nodes));
    expect(nodes[0]).toEqual(['id', 'label', 'kind', 'x', 'y', 'size', 'color']);
    expect(nodes[1]).toEqual(['person:a', `'=cmd|"/c calc"!A1`, 'Person', '-1.5', '2', '6', '#4e79a7']);
    const edges = parseCsv(edgesCsv(data.edges));
    expect(edges[1]).toEqual(['person:a|LEADS|agency:b', 'person:a', 'agency:b', 'LEADS', '', 'false', '#b4bcc6', '1']);
    const files = unzipSync(csvZip(data, 'talks'));
    expect(Object.keys(files).sort()).toEqual(['talks-edges.csv', 'talks-nodes.csv']);
    const bytes = files['talks-nodes.csv']!;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
    expect(strFromU8(bytes.slice(3))).toBe(nodesCsv(data.nodes));
  });

  it('writes GEXF that graphology reads back with the same nodes, edges and positions', () => {
    const g = parseGexf(Graph, toGexf(data));
    expect(g.order).toBe(2);
    expect(g.size).toBe(1);
    expect(g.getNodeAttribute('person:a', 'label')).toBe('=cmd|"/c calc"!A1');
    expect(g.getNodeAttribute('agency:b', 'x')).toBe(3);
    expect(g.hasEdge('person:a|LEADS|agency:b')).toBe(true);
  });

  it('writes GraphML with keys, nodes and edges, escaped', () => {
    const xml = toGraphml(data);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const nodes = Array.from(doc.getElementsByTagName('node'));
    expect(nodes.map((n) => n.getAttribute('id'))).toEqual(['person:a', 'agency:b']);
    const label = Array.from(nodes[1]!.getElementsByTagName('data')).find((d) => d.getAttribute('key') === 'n_label');
    expect(label?.textContent).toBe('Délégation <b>');
    const edge = doc.getElementsByTagName('edge')[0]!;
    expect([edge.getAttribute('source'), edge.getAttribute('target')]).toEqual(['person:a', 'agency:b']);
    expect(doc.getElementsByTagName('key').length).toBe(11);
  });

  // what the database says about them: properties (a date, a list, a name that clashes), labels, evidence
  const attrs = exportAttributes(
    [
      { id: 'person:a', labels: ['Person'], name: 'A', properties: { name: 'A', x: 7, aliases: ['Al', 'Ay'] } },
      { id: 'agency:b', labels: ['Agency', 'Org'], name: 'B', properties: { founded: '1990-04-10' } },
    ],
    [
      {
        id: 'person:a|LEADS|agency:b',
        source: 'person:a',
        target: 'agency:b',
        type: 'LEADS',
        properties: { since: '2024-04-10', role: null },
        inferred: false,
        evidence: [
          { sourceId: 'source:1', quote: 'A leads B' },
          { sourceId: 'source:2', quote: 'B, led\nby A' },
        ],
      },
    ],
  );

  it('collects properties, dates, labels and evidence, renaming a property that clashes with a column', () => {
    expect(attrs.nodes['person:a']).toEqual({ labels: 'Person', name: 'A', prop_x: 7, aliases: '["Al","Ay"]' });
    expect(attrs.nodes['agency:b']).toEqual({ labels: 'Agency Org', founded: '1990-04-10' });
    expect(attrs.edges['person:a|LEADS|agency:b']).toEqual({
      since: '2024-04-10',
      evidence_count: 2,
      evidence_quote: 'A leads B\nB, led by A',
      evidence_source: 'source:1\nsource:2',
    });
  });

  it('writes the attributes and the evidence into GEXF, which graphology reads back', () => {
    const g = parseGexf(Graph, toGexf(data, attrs));
    expect(g.getNodeAttribute('agency:b', 'founded')).toBe('1990-04-10');
    expect(g.getNodeAttribute('person:a', 'prop_x')).toBe(7);
    expect(g.getNodeAttribute('person:a', 'x')).toBe(-1.5);
    const e = g.getEdgeAttributes('person:a|LEADS|agency:b');
    expect(e['evidence_quote']).toBe('A leads B\nB, led by A');
    expect(e['evidence_source']).toBe('source:1\nsource:2');
    expect(e['since']).toBe('2024-04-10');
    expect(e['relationship']).toBe('LEADS');
  });

  it('writes the attributes and the evidence into GraphML as typed keys', () => {
    const doc = new DOMParser().parseFromString(toGraphml(data, attrs), 'application/xml');
    const keys = Array.from(doc.getElementsByTagName('key')).map((k) => [
      k.getAttribute('id'),
      k.getAttribute('for'),
      k.getAttribute('attr.name'),
      k.getAttribute('attr.type'),
    ]);
    expect(keys.slice(11)).toEqual([
      ['nx0', 'node', 'aliases', 'string'],
      ['nx1', 'node', 'founded', 'string'],
      ['nx2', 'node', 'labels', 'string'],
      ['nx3', 'node', 'name', 'string'],
      ['nx4', 'node', 'prop_x', 'double'],
      ['ex0', 'edge', 'evidence_count', 'double'],
      ['ex1', 'edge', 'evidence_quote', 'string'],
      ['ex2', 'edge', 'evidence_source', 'string'],
      ['ex3', 'edge', 'since', 'string'],
    ]);
    const edge = doc.getElementsByTagName('edge')[0]!;
    const value = (key: string) =>
      Array.from(edge.getElementsByTagName('data')).find((d) => d.getAttribute('key') === key)?.textContent;
    expect(value('ex1')).toBe('A leads B\nB, led by A');
    expect(value('ex2')).toBe('source:1\nsource:2');
    const b = doc.getElementsByTagName('node')[1]!;
    expect(Array.from(b.getElementsByTagName('data')).find((d) => d.getAttribute('key') === 'nx1')?.textContent).toBe(
      '1990-04-10',
    );
  });

  it('writes JSON with the nodes and edges as they are', () => {
    const back = JSON.parse(toJson({ ...data, title: 't' })) as VisibleGraph & { format: string };
    expect(back.format).toBe('parley-graph');
    expect(back.nodes).toEqual(data.nodes);
    expect(back.edges).toEqual(data.edges);
  });
});

describe('sources footnote', () => {
  const base = { id: 's1', name: 'U.S. and Russian delegations meet', outlet: null, published: null };
  it('says outlet and date are not stated rather than inventing them', () => {
    expect(sourcesFootnote([base])).toBe('Source: U.S. and Russian delegations meet (outlet and date not stated)');
  });
  it('names outlet and date when known, and lists several sources once each', () => {
    const reuters = { id: 's2', name: 'x', outlet: 'Reuters', published: '2025-04-10' };
    expect(sourcesFootnote([reuters])).toBe('Source: Reuters, 2025-04-10');
    expect(sourcesFootnote([reuters, base, reuters])).toBe(
      'Sources: Reuters, 2025-04-10; U.S. and Russian delegations meet (outlet and date not stated)',
    );
    expect(sourcesFootnote([])).toBe('');
  });
});
