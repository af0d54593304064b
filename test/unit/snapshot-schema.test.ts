// Snapshot validation: the one snapshot schema (contract/snapshots.ts, which the server's body check and the
// client's file check both run) refuses corrupt or foreign files with a sentence that says what is wrong, and
// takes a good file as it is.
import { describe, expect, it } from 'vitest';
import { snapshotDocumentSchema as schema, type SnapshotDocument } from '../../contract';
import {
  buildSnapshot,
  fileBaseName,
  initialListState,
  legendFromNodes,
  parseSnapshotFile,
  snapshotFileText,
  snapshotListReducer,
} from '../../client/src/state/snapshots/utils';

function good(): SnapshotDocument {
  return buildSnapshot({
    title: '  Istanbul talks ',
    caption: 'Who led',
    view: {
      mode: 'graph',
      filters: { hiddenLabels: ['Source'], hiddenTypes: [], from: '2025-04-01', to: null },
      selection: ['a', 'not-drawn'],
      query: { kind: 'search', text: 'Coulter' },
      styles: { labelSize: 14, colorBy: 'label' },
      sources: [{ id: 's', name: 'Article', outlet: null, published: null }],
    },
    nodes: [
      { id: 'a', label: 'Sonata Coulter', kind: 'Person', x: 1, y: 2, size: 6, color: '#4e79a7' },
      { id: 'b', label: 'U.S. delegation', kind: 'Agency', x: -3, y: 0.5, size: 5, color: '#f28e2b' },
    ],
    edges: [
      { id: 'a|LEADS|b', source: 'a', target: 'b', type: 'LEADS', color: '#b4bcc6', size: 1, arrow: true },
      { id: 'a|X|gone', source: 'a', target: 'gone', type: 'X', color: '#b4bcc6', size: 1 },
    ],
    camera: { x: 0.5, y: 0.5, ratio: 1.2, angle: 0 },
    viewport: { width: 800, height: 600 },
    bbox: { x: [-3, 1], y: [0.5, 2] },
  });
}

const bad: [string, (d: Record<string, unknown>) => unknown, RegExp][] = [
  ['a foreign JSON object', () => ({ nodes: [], links: [] }), /format: must be "parley-snapshot"/],
  ['a newer version', (d) => ({ ...d, version: 2 }), /version: must be 1/],
  ['an empty title', (d) => ({ ...d, title: '   ' }), /title: must not be empty/],
  [
    'a node without position',
    (d) => {
      const g = structuredClone(d.graph) as SnapshotDocument['graph'];
      delete (g.nodes[0] as Partial<SnapshotDocument['graph']['nodes'][0]>).x;
      return { ...d, graph: g };
    },
    /graph\.nodes\.0\.x/,
  ],
  [
    'a colour that is not a colour',
    (d) => {
      const g = structuredClone(d.graph) as SnapshotDocument['graph'];
      g.nodes[0]!.color = 'expression(alert(1))';
      return { ...d, graph: g };
    },
    /graph\.nodes\.0\.color: must be a colour/,
  ],
  [
    'an edge to a node it does not hold',
    (d) => {
      const g = structuredClone(d.graph) as SnapshotDocument['graph'];
      g.edges.push({ id: 'e', source: 'a', target: 'zzz', type: 'T', color: '#000', size: 1 });
      return { ...d, graph: g };
    },
    /graph\.edges\.1\.target: "zzz" is not one of the snapshot's nodes/,
  ],
  [
    'a duplicated node',
    (d) => {
      const g = structuredClone(d.graph) as SnapshotDocument['graph'];
      g.nodes.push({ ...g.nodes[0]! });
      return { ...d, graph: g };
    },
    /graph\.nodes\.2\.id: "a" appears twice/,
  ],
  [
    'a zero camera ratio',
    (d) => ({ ...d, view: { ...(d.view as object), camera: { x: 0, y: 0, ratio: 0, angle: 0 } } }),
    /view\.camera\.ratio/,
  ],
  ['an unknown mode', (d) => ({ ...d, view: { ...(d.view as object), mode: 'table' } }), /view\.mode/],
  [
    'a time range ending on a day that does not exist',
    (d) => {
      const view = structuredClone(d.view) as SnapshotDocument['view'];
      view.filters.to = '2025-02-31';
      return { ...d, view };
    },
    /view\.filters\.to: must be a real calendar date/,
  ],
];

describe('snapshot schema', () => {
  it('buildSnapshot trims the title, keeps only drawn selection and edges, and makes a legend', () => {
    const d = good();
    expect(d.title).toBe('Istanbul talks');
    expect(d.view.selection).toEqual(['a']);
    expect(d.graph.edges.map((e) => e.id)).toEqual(['a|LEADS|b']);
    expect(d.view.legend).toEqual([
      { label: 'Person', color: '#4e79a7', shape: 'circle' },
      { label: 'Agency', color: '#f28e2b', shape: 'circle' },
    ]);
  });

  it('the schema accepts a good snapshot unchanged, and its file reads back equal', () => {
    const d = good();
    expect(schema.parse(d)).toEqual(d);
    const back = parseSnapshotFile(snapshotFileText(d));
    expect(back).toEqual({ ok: true, snapshot: d });
    // a file exported from the server (with id and created) imports too
    expect(parseSnapshotFile(snapshotFileText({ ...d, id: 'x', created: '2025-01-01T00:00:00Z' })).ok).toBe(true);
  });

  for (const [what, change, message] of bad) {
    it(`the schema refuses ${what}, and the file check says why`, () => {
      const doc = change(good() as unknown as Record<string, unknown>);
      expect(schema.safeParse(doc).success).toBe(false);
      const res = parseSnapshotFile(JSON.stringify(doc));
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.message).toMatch(/^This is not a valid Parley snapshot: /);
        expect(res.message).toMatch(message);
      }
    });
  }

  it('refuses text that is not JSON, JSON that is not an object, and files over 2 MiB', () => {
    const notJson = parseSnapshotFile('{"format": "parley-snapshot",');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.message).toMatch(/not JSON/);
    const arr = parseSnapshotFile('[1,2]');
    expect(!arr.ok && arr.message).toMatch(/no JSON object/);
    const big = parseSnapshotFile('{}', 3 * 1024 * 1024);
    expect(!big.ok && big.message).toMatch(/at most 2 MiB/);
  });

  it('reads a file with a byte-order mark', () => {
    expect(parseSnapshotFile(`\uFEFF${snapshotFileText(good())}`).ok).toBe(true);
  });
});

describe('snapshot helpers', () => {
  it('legendFromNodes lists each kind once, and inferred edges', () => {
    const items = legendFromNodes(
      [
        { id: '1', label: '', kind: 'Person', x: 0, y: 0, size: 1, color: '#111' },
        { id: '2', label: '', kind: 'Person', x: 0, y: 0, size: 1, color: '#222' },
      ],
      [{ id: 'e', source: '1', target: '2', type: 'T', color: '#e8a33d', size: 1, inferred: true }],
    );
    expect(items).toEqual([
      { label: 'Person', color: '#111', shape: 'circle' },
      { label: 'inferred relationship', color: '#e8a33d', shape: 'line' },
    ]);
  });
  it('fileBaseName makes a safe file name', () => {
    expect(fileBaseName('Délégations: <Istanbul> / 2025')).toBe('delegations-istanbul-2025');
    expect(fileBaseName('***')).toBe('parley');
  });
  it('the list reducer loads, adds and removes', () => {
    const item = { id: 'x', title: 't', created: 'c', nodeCount: 1, edgeCount: 0 };
    let s = snapshotListReducer(initialListState, { type: 'load' });
    expect(s.status).toBe('loading');
    s = snapshotListReducer(s, { type: 'loaded', items: [item] });
    expect(s).toEqual({ status: 'ready', items: [item], error: null });
    s = snapshotListReducer(s, { type: 'added', item: { ...item, id: 'y' } });
    expect(s.items.map((i) => i.id)).toEqual(['y', 'x']);
    s = snapshotListReducer(s, { type: 'removed', id: 'x' });
    expect(s.items.map((i) => i.id)).toEqual(['y']);
    expect(snapshotListReducer(s, { type: 'failed', error: 'down' }).error).toBe('down');
  });
});
