/** The one legend producer (state/legend): built from what is drawn, for the explorer, exports and snapshots. */
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../contract';
import { legendForSnapshot, legendGroups, pictureLegend } from '../../../client/src/state/legend';
import { legendFromNodes } from '../../../client/src/state/snapshots';
import { NO_VALUE_COLOR, styleNodes, VALUE_COLORS } from '../../../client/src/state/styles';

const LABEL: Record<string, string> = { Person: '#4e79a7', Meeting: '#59a14f', Place: '#76b7b2' };
const labelColor = (l: string) => LABEL[l] ?? '#000000';
const COMM = ['#1b9e77', '#d95f02', '#7570b3'];
const communityColor = (c: number) => COMM[c]!;

const node = (id: string, label: string, properties: GraphNode['properties'] = {}): GraphNode => ({
  id,
  labels: [label],
  name: id,
  properties,
});
// two people, three meetings (held, planned, none), one place
const graph = [
  node('p:a', 'Person'),
  node('p:b', 'Person'),
  node('m:1', 'Meeting', { status: 'planned' }),
  node('m:2', 'Meeting', { status: 'held' }),
  node('m:3', 'Meeting'),
  node('pl:x', 'Place'),
];
const drawn = graph.map((n) => ({ id: n.id, kind: n.labels[0]! }));
const plain = (items: ReturnType<typeof pictureLegend>) => items.map((i) => [i.label, i.color, i.count]);

describe('pictureLegend', () => {
  it('without rules: one entry per label drawn, in its label colour, in order of first appearance', () => {
    expect(plain(pictureLegend({ nodes: drawn, labelColor }))).toEqual([
      ['Person', LABEL['Person'], 2],
      ['Meeting', LABEL['Meeting'], 3],
      ['Place', LABEL['Place'], 1],
    ]);
  });

  it('a colour rule: its values with the rule colours (sorted, "no value" last); other labels keep theirs', () => {
    const styles = styleNodes(graph, [{ label: 'Meeting', kind: 'color', property: 'status' }]);
    const items = pictureLegend({ nodes: drawn, labelColor, styles });
    expect(plain(items)).toEqual([
      ['Meeting status: held', VALUE_COLORS[0], 1],
      ['Meeting status: planned', VALUE_COLORS[1], 1],
      ['Meeting status: no value', NO_VALUE_COLOR, 1],
      ['Person', LABEL['Person'], 2],
      ['Place', LABEL['Place'], 1],
    ]);
    // the label colour of Meeting is drawn nowhere, so it is not in the key
    expect(items.some((i) => i.label === 'Meeting')).toBe(false);
    expect(legendGroups(items).map((g) => [g.title, g.items.length])).toEqual([
      ['Meeting by status', 3],
      ['Labels', 2],
    ]);
    expect(items[0]!.value).toBe('held');
  });

  it('only what is drawn: a value whose nodes are filtered out leaves the key', () => {
    const styles = styleNodes(graph, [{ label: 'Meeting', kind: 'color', property: 'status' }]);
    const shown = drawn.filter((n) => n.id !== 'm:1' && n.id !== 'm:3');
    expect(plain(pictureLegend({ nodes: shown, labelColor, styles }))).toEqual([
      ['Meeting status: held', VALUE_COLORS[0], 1],
      ['Person', LABEL['Person'], 2],
      ['Place', LABEL['Place'], 1],
    ]);
  });

  it('colouring by community: the community palette, largest first; no label colour is listed', () => {
    const communities = { 'p:a': 1, 'p:b': 1, 'm:1': 1, 'm:2': 0, 'm:3': 2, 'pl:x': 0 };
    const styles = styleNodes(graph, [{ label: 'Meeting', kind: 'color', property: 'status' }]);
    const items = pictureLegend({ nodes: drawn, labelColor, styles, communities, communityColor });
    expect(plain(items)).toEqual([
      ['Community 2', COMM[1], 3],
      ['Community 1', COMM[0], 2],
      ['Community 3', COMM[2], 1],
    ]);
    expect(legendGroups(items).map((g) => g.title)).toEqual(['Communities (Louvain)']);
  });

  it('inferred relationships get a line in the colour they are drawn in; snapshots keep label, colour, shape', () => {
    const items = pictureLegend({
      nodes: drawn.slice(0, 1),
      edges: [{ inferred: false }, { inferred: true }, { inferred: true }],
      labelColor,
      inferredColor: '#e8a33d',
    });
    expect(legendForSnapshot(items)).toEqual([
      { label: 'Person', color: LABEL['Person'], shape: 'circle' },
      { label: 'inferred relationship', color: '#e8a33d', shape: 'line' },
    ]);
    expect(items[1]!.count).toBe(2);
  });

  it('a stored picture (legendFromNodes) goes through the same producer with its own colours', () => {
    expect(
      legendFromNodes([
        { id: '1', label: '', kind: 'Meeting', x: 0, y: 0, size: 1, color: '#111111' },
        { id: '2', label: '', kind: 'Person', x: 0, y: 0, size: 1, color: '#222222' },
        { id: '3', label: '', kind: 'Meeting', x: 0, y: 0, size: 1, color: '#333333' },
      ]),
    ).toEqual([
      { label: 'Meeting', color: '#111111', shape: 'circle' },
      { label: 'Person', color: '#222222', shape: 'circle' },
    ]);
  });
});
