/** The pure producers behind multi-select, "expand by", the data table and the style rules (issue 9, last part). */
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../contract';
import { snapshotViewSchema } from '../../../contract';
import { expandChoices } from '../../../client/src/state/expansion';
import {
  addMembers,
  boxOf,
  extendOutline,
  keepVisible,
  nodesInBox,
  nodesInPolygon,
  spansArea,
  toggleMember,
} from '../../../client/src/state/multiselect';
import {
  decodeStyleRules,
  encodeStyleRules,
  NO_VALUE_COLOR,
  propertyChoices,
  removeRule,
  setRule,
  styleNodes,
  VALUE_COLORS,
} from '../../../client/src/state/styles';
import {
  drawnItems,
  edgeRows,
  filterRows,
  metEdgeRows,
  nextSort,
  nodeRows,
  propertyColumns,
  sortRows,
  tableRows,
} from '../../../client/src/state/table';
import { graphDataFrom } from '../../../client/src/state/data';
import { projectMet } from '../../../client/src/state/met';
import { deriveRenderModel, viewProjection } from '../../../client/src/state/render';
import { emptyView } from '../../../client/src/state/view';
import { diplomacy, edge, node } from './fixtures';

describe('multi-select', () => {
  it('shift-click adds and removes; the node selected alone joins first', () => {
    expect(toggleMember([], 'a')).toEqual(['a']);
    expect(toggleMember([], 'b', 'a')).toEqual(['a', 'b']);
    expect(toggleMember([], 'a', 'a')).toEqual(['a']);
    expect(toggleMember(['a', 'b'], 'c', 'x')).toEqual(['a', 'b', 'c']);
    expect(toggleMember(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });
  it('a box adds what it holds once, in order; hidden nodes leave the selection', () => {
    expect(addMembers(['b'], ['a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
    const set = ['a', 'b'];
    expect(keepVisible(set, ['a', 'b', 'c'])).toBe(set);
    expect(keepVisible(set, ['b'])).toEqual(['b']);
  });
  it('nodesInBox takes the corners in any order, borders included', () => {
    const pts = [
      { id: 'in', x: 1, y: 1 },
      { id: 'edge', x: 2, y: 0 },
      { id: 'out', x: 3, y: 1 },
      { id: 'below', x: 1, y: -1 },
    ];
    expect(nodesInBox(pts, { x1: 2, y1: 2, x2: 0, y2: 0 })).toEqual(['in', 'edge']);
  });
  it('a lasso holds what its outline closes around, a concave one too; fewer than three points hold nothing', () => {
    // an L: the square (0,0)-(4,4) without its top-right quarter (2,2)-(4,4)
    const ell = [
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 2 },
      { x: 2, y: 2 },
      { x: 2, y: 4 },
      { x: 0, y: 4 },
    ];
    const pts = [
      { id: 'low-right', x: 3, y: 1 },
      { id: 'notch', x: 3, y: 3 },
      { id: 'top-left', x: 1, y: 3 },
      { id: 'outside', x: 5, y: 1 },
    ];
    expect(nodesInPolygon(pts, ell)).toEqual(['low-right', 'top-left']);
    expect(nodesInPolygon(pts, ell.slice(0, 2))).toEqual([]);
  });
  it('a drag spans an area past a few pixels; its box runs from the first point to the last', () => {
    expect(spansArea([{ x: 10, y: 10 }])).toBe(false);
    expect(
      spansArea([
        { x: 10, y: 10 },
        { x: 12, y: 13 },
      ]),
    ).toBe(false);
    expect(
      spansArea([
        { x: 10, y: 10 },
        { x: 10, y: 30 },
      ]),
    ).toBe(true);
    expect(
      boxOf([
        { x: 5, y: 6 },
        { x: 0, y: 0 },
        { x: 1, y: 2 },
      ]),
    ).toEqual({ x1: 5, y1: 6, x2: 1, y2: 2 });
    expect(boxOf([])).toBeNull();
    const outline = extendOutline([{ x: 0, y: 0 }], { x: 1, y: 1 });
    expect(outline).toEqual([{ x: 0, y: 0 }]);
    expect(extendOutline(outline, { x: 5, y: 0 })).toEqual([
      { x: 0, y: 0 },
      { x: 5, y: 0 },
    ]);
  });
});

describe('expand by type or label', () => {
  it('counts distinct neighbours per relationship type and per label, most first', () => {
    const a = node('p:a', 'Person');
    const m1 = node('m:1', 'Meeting');
    const m2 = node('m:2', 'Meeting');
    const ag = { ...node('ag:x', 'Agency'), labels: ['Agency', 'Organization'] };
    const rel = (e: ReturnType<typeof edge>, other: GraphNode) => ({ edge: e, direction: 'out' as const, other });
    const choices = expandChoices({
      node: a,
      relationships: [
        rel(edge('p:a', 'ATTENDED', 'm:1'), m1),
        rel(edge('p:a', 'ATTENDED', 'm:2'), m2),
        rel(edge('p:a', 'CHAIRED', 'm:1'), m1),
        rel(edge('p:a', 'WORKS_FOR', 'ag:x'), ag),
        rel(edge('p:a', 'KNOWS', 'p:a'), a),
      ],
    });
    expect(choices).toEqual({
      types: [
        { type: 'ATTENDED', count: 2 },
        { type: 'CHAIRED', count: 1 },
        { type: 'WORKS_FOR', count: 1 },
      ],
      labels: [
        { label: 'Meeting', count: 2 },
        { label: 'Agency', count: 1 },
        { label: 'Organization', count: 1 },
      ],
    });
  });
});

describe('the data table', () => {
  const { nodes, edges } = diplomacy();
  const rows = nodeRows(nodes, edges);
  it('gives each node its label, name, degree among the edges drawn and its properties as text', () => {
    expect(rows.find((r) => r.id === 'p:a')).toEqual({ id: 'p:a', label: 'Person', name: 'Ann', degree: 3, props: {} });
    expect(rows.find((r) => r.id === 'm:2')).toEqual({
      id: 'm:2',
      label: 'Meeting',
      name: 'Round 2',
      degree: 4,
      props: { date: '2025-04-10', status: 'held' },
    });
    expect(propertyColumns(rows)).toEqual(['date', 'status']);
  });
  it('sorts numbers as numbers, names alphabetically, missing values last either way, ties by id', () => {
    expect(sortRows(rows, { key: 'degree', dir: 'desc' }).map((r) => r.id)).toEqual([
      'm:2',
      'm:1',
      'p:a',
      'p:b',
      'pl:ist',
      'ag:x',
      'p:c',
    ]);
    expect(sortRows(rows, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual([
      'Ann',
      'Bob',
      'Cat',
      'Istanbul',
      'Round 1',
      'Round 2',
      'State',
    ]);
    const byDate = sortRows(rows, { key: 'prop:date', dir: 'desc' }).map((r) => r.id);
    expect(byDate.slice(0, 2)).toEqual(['m:2', 'm:1']);
    expect(byDate.slice(2)).toEqual(['ag:x', 'p:a', 'p:b', 'p:c', 'pl:ist']);
    const n = (id: string, x: string) => node(id, 'T', { n: x });
    const numeric = nodeRows([n('a', '10'), n('b', '9'), n('c', '100')], []);
    expect(sortRows(numeric, { key: 'prop:n', dir: 'asc' }).map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });
  it('filters by a text per column, ignoring case; every filter must match', () => {
    expect(filterRows(rows, { label: 'MEET' }).map((r) => r.id)).toEqual(['m:1', 'm:2']);
    expect(filterRows(rows, { label: 'meet', name: ' 2 ' }).map((r) => r.id)).toEqual(['m:2']);
    expect(filterRows(rows, { 'prop:status': 'held', name: 'x' })).toEqual([]);
    expect(filterRows(rows, { name: '  ' })).toHaveLength(7);
  });
  it('names the ends of relationship rows; the header cycles ascending then descending', () => {
    const names = Object.fromEntries(nodes.map((x) => [x.id, x.name]));
    expect(edgeRows(edges.slice(0, 1), names)).toEqual([
      {
        id: 'a1',
        type: 'ATTENDED',
        basis: 'stored',
        source: 'p:a',
        target: 'm:1',
        sourceName: 'Ann',
        targetName: 'Round 1',
        props: {},
      },
    ]);
    expect(nextSort(null, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'degree')).toEqual({ key: 'degree', dir: 'asc' });
  });
});

describe('the data table in who met whom', () => {
  const { nodes, edges } = diplomacy();
  const data = graphDataFrom({ nodes, edges });
  const view = { ...emptyView, visible: nodes.map((n) => n.id), mode: 'met' as const };
  it('lists the derived co-attendance links the picture draws, with their meetings, and counts them in degrees', () => {
    const model = deriveRenderModel(data, view);
    const rows = tableRows(drawnItems(model, data, viewProjection(data, view)));
    expect(rows.edges.map((r) => r.id).sort()).toEqual(model.edges.map((e) => e.id).sort());
    expect(rows.edges.find((r) => r.id === 'met:p:a|p:b')).toEqual({
      id: 'met:p:a|p:b',
      type: 'MET',
      basis: 'derived',
      source: 'p:a',
      target: 'p:b',
      sourceName: 'Ann',
      targetName: 'Bob',
      props: { meetings: 'Round 1 (2025-02-27); Round 2 (2025-04-10)', sharedMeetings: '2' },
    });
    expect(rows.edges.every((r) => r.basis === 'derived')).toBe(true);
    expect(rows.nodes.map((r) => [r.name, r.degree])).toEqual([
      ['Ann', 2],
      ['Bob', 2],
      ['Cat', 2],
    ]);
  });
  it('lists only the links drawn; the graph mode lists stored relationships, inferred ones marked', () => {
    const withoutCat = { ...view, visible: ['p:a', 'p:b', 'm:1', 'm:2'] };
    const few = tableRows(drawnItems(deriveRenderModel(data, withoutCat), data, viewProjection(data, withoutCat)));
    expect(few.edges.map((r) => r.id)).toEqual(['met:p:a|p:b']);
    const graph = { ...view, mode: 'graph' as const };
    const stored = tableRows(drawnItems(deriveRenderModel(data, graph), data, null));
    expect(stored.edges).toHaveLength(edges.length);
    expect(stored.edges.every((r) => r.basis === 'stored')).toBe(true);
    const inferred = edgeRows([{ ...edges[0]!, inferred: true }], {});
    expect(inferred[0]!.basis).toBe('inferred');
  });
  it('an undated shared meeting says so', () => {
    const undated = [node('p:x', 'Person', { name: 'X' }), node('p:y', 'Person', { name: 'Y' })];
    const m = node('m:u', 'Meeting', { name: 'Planned' });
    const proj = projectMet(
      [...undated, m],
      [edge('p:x', 'ATTENDED', 'm:u', { id: 'x' }), edge('p:y', 'ATTENDED', 'm:u', { id: 'y' })],
    );
    expect(metEdgeRows(proj.edges, { 'p:x': 'X' })[0]!.props).toEqual({
      meetings: 'Planned (undated)',
      sharedMeetings: '1',
    });
    expect(metEdgeRows(proj.edges, { 'p:x': 'X' })[0]!.targetName).toBe('p:y');
  });
});

describe('style rules', () => {
  const meetings = [
    node('m:1', 'Meeting', { name: 'Round 1', status: 'held', seats: '12' }),
    node('m:2', 'Meeting', { name: 'Round 2', status: 'planned', seats: '4' }),
    node('m:3', 'Meeting', { name: 'Round 3', status: 'held', seats: '8' }),
    node('m:4', 'Meeting', { name: 'Round 4' }),
    node('p:a', 'Person', { name: 'Ann', role: 'envoy' }),
    node('p:b', 'Person', { name: 'Bob' }),
  ];
  it('set replaces the rule of the same label and kind in place; remove takes one out', () => {
    let rules = setRule([], { label: 'Meeting', kind: 'color', property: 'status' });
    rules = setRule(rules, { label: 'Person', kind: 'caption', property: 'role' });
    rules = setRule(rules, { label: 'Meeting', kind: 'color', property: 'seats' });
    expect(rules).toEqual([
      { label: 'Meeting', kind: 'color', property: 'seats' },
      { label: 'Person', kind: 'caption', property: 'role' },
    ]);
    expect(removeRule(rules, 'Meeting', 'color')).toEqual([{ label: 'Person', kind: 'caption', property: 'role' }]);
  });
  it('travel in the address and back; malformed pieces are skipped', () => {
    const rules = [
      { label: 'Meeting', kind: 'color' as const, property: 'status' },
      { label: 'Meeting', kind: 'size' as const, property: 'seats' },
    ];
    expect(encodeStyleRules(rules)).toBe('Meeting.color.status,Meeting.size.seats');
    expect(decodeStyleRules(encodeStyleRules(rules))).toEqual(rules);
    expect(decodeStyleRules('Meeting.paint.status,a-b.color.x,Person.caption.role.extra,,Person.caption.role')).toEqual(
      [{ label: 'Person', kind: 'caption', property: 'role' }],
    );
    expect(decodeStyleRules(null)).toEqual([]);
  });
  it('colour by value: sorted values take the palette in turn, missing values are grey, with a legend', () => {
    const s = styleNodes(meetings, [{ label: 'Meeting', kind: 'color', property: 'status' }]);
    expect(s.colors).toEqual({
      'm:1': VALUE_COLORS[0],
      'm:2': VALUE_COLORS[1],
      'm:3': VALUE_COLORS[0],
      'm:4': NO_VALUE_COLOR,
    });
    expect(s.legend).toEqual([
      {
        label: 'Meeting',
        property: 'status',
        entries: [
          { value: 'held', color: VALUE_COLORS[0], count: 2 },
          { value: 'planned', color: VALUE_COLORS[1], count: 1 },
          { value: '(none)', color: NO_VALUE_COLOR, count: 1 },
        ],
      },
    ]);
  });
  it('size by number: linear from 4 to 18 over the values in view; caption by property, else the name', () => {
    const s = styleNodes(meetings, [
      { label: 'Meeting', kind: 'size', property: 'seats' },
      { label: 'Person', kind: 'caption', property: 'role' },
    ]);
    expect(s.sizes).toEqual({ 'm:1': 18, 'm:2': 4, 'm:3': 11 });
    expect(s.captions).toEqual({ 'p:a': 'envoy', 'p:b': 'Bob' });
    expect(s.colors).toEqual({});
  });
  it('offers the properties of a label, and which are numbers', () => {
    expect(propertyChoices(meetings, 'Meeting')).toEqual({ all: ['name', 'seats', 'status'], numeric: ['seats'] });
  });
  it('a snapshot view without rules (saved before them) still reads; one with rules keeps them', () => {
    const view = {
      mode: 'graph',
      camera: { x: 0.5, y: 0.5, ratio: 1, angle: 0 },
      viewport: { width: 800, height: 600 },
      filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
      selection: [],
      query: null,
      styles: {},
      legend: [],
    };
    expect(snapshotViewSchema.safeParse(view).success).toBe(true);
    const rules = [{ label: 'Meeting', kind: 'color', property: 'status' }];
    expect(snapshotViewSchema.parse({ ...view, rules }).rules).toEqual(rules);
    expect(
      snapshotViewSchema.safeParse({ ...view, rules: [{ label: 'x y', kind: 'color', property: 'a' }] }).success,
    ).toBe(false);
  });
});
