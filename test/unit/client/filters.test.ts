import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  edgePasses,
  emptyFilters,
  nodeInTime,
  labelCounts,
  meetingDates,
  meetingHistogram,
  nodePasses,
  setTimeRange,
  toggleLabel,
  toggleType,
  typeCounts,
} from '../../../client/src/state/filters';
import { graphDataFrom } from '../../../client/src/state/data';
import { deriveRenderModel, shownEdgeIds, shownNodeIds } from '../../../client/src/state/render';
import { emptyView, setFilters, setMode, showNodes } from '../../../client/src/state/view';
import { diplomacy, node } from './fixtures';

describe('filters', () => {
  const { nodes, edges } = diplomacy();

  it('counts labels and types', () => {
    expect(labelCounts(nodes)).toEqual([
      { label: 'Agency', count: 1 },
      { label: 'Meeting', count: 2 },
      { label: 'Person', count: 3 },
      { label: 'Place', count: 1 },
    ]);
    expect(typeCounts(edges)).toEqual([
      { type: 'ATTENDED', count: 5 },
      { type: 'HELD_IN', count: 2 },
      { type: 'WORKS_FOR', count: 1 },
    ]);
  });

  it('hides by label, by type and meetings by date (bounds included)', () => {
    const f = setTimeRange(toggleType(toggleLabel(emptyFilters, 'Agency'), 'HELD_IN'), '2025-04-10', '2025-12-31');
    expect(f).toEqual({ hiddenLabels: ['Agency'], hiddenTypes: ['HELD_IN'], from: '2025-04-10', to: '2025-12-31' });
    expect(nodes.filter((n) => nodePasses(n, f)).map((n) => n.id)).toEqual(['p:a', 'p:b', 'p:c', 'm:2', 'pl:ist']);
    expect(edgePasses({ type: 'HELD_IN' }, f)).toBe(false);
    expect(toggleLabel(f, 'Agency').hiddenLabels).toEqual([]);
    expect(setTimeRange(emptyFilters, '2025-05-01', '2025-01-01')).toMatchObject({
      from: '2025-01-01',
      to: '2025-05-01',
    });
  });

  it('builds a monthly histogram with empty months, and the day list', () => {
    expect(meetingDates(nodes)).toEqual(['2025-02-27', '2025-04-10']);
    expect(meetingHistogram(nodes)).toEqual([
      { start: '2025-02-01', end: '2025-02-28', count: 1, shown: 1 },
      { start: '2025-03-01', end: '2025-03-31', count: 0, shown: 0 },
      { start: '2025-04-01', end: '2025-04-30', count: 1, shown: 1 },
    ]);
    // under a range, a month whose meetings are all outside it shows 0 (its bar is not coloured)
    const f = { ...emptyFilters, from: '2025-01-01', to: '2025-03-31' };
    expect(meetingHistogram(nodes, f).map((b) => b.shown)).toEqual([1, 0, 0]);
    expect(meetingHistogram([node('x', 'Person')])).toEqual([]);
    expect(daysBetween('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });
});

describe('render model', () => {
  const { nodes, edges } = diplomacy();
  const data = graphDataFrom({ nodes, edges });
  const view = showNodes(
    emptyView,
    nodes.map((n) => n.id),
  );

  it('draws what is in view; filtering hides without moving anything', () => {
    const all = deriveRenderModel(data, view);
    expect(shownNodeIds(all)).toHaveLength(7);
    expect(shownEdgeIds(all)).toHaveLength(8);
    const filtered = deriveRenderModel(data, setFilters(view, setTimeRange(emptyFilters, null, '2025-03-01')));
    expect(shownNodeIds(filtered)).toEqual(['p:a', 'p:b', 'p:c', 'm:1', 'pl:ist', 'ag:x']);
    expect(shownEdgeIds(filtered).sort()).toEqual(['a1', 'b1', 'h1', 'w1']);
    for (const n of filtered.nodes) {
      const before = all.nodes.find((m) => m.id === n.id)!;
      expect([n.x, n.y]).toEqual([before.x, before.y]);
    }
  });

  it('the who-met-whom mode draws people and shared meetings, and switching back restores positions', () => {
    const met = deriveRenderModel(data, setMode(view, 'met'));
    expect(met.nodes.map((n) => n.id)).toEqual(['p:a', 'p:b', 'p:c']);
    expect(met.edges.map((e) => [e.id, e.label])).toEqual([
      ['met:p:a|p:b', 'met ×2'],
      ['met:p:a|p:c', 'met ×1'],
      ['met:p:b|p:c', 'met ×1'],
    ]);
    const back = deriveRenderModel(data, setMode(setMode(view, 'met'), 'graph'));
    expect(back).toEqual(deriveRenderModel(data, view));
  });
});

describe("undated meetings under a time range (the API's rule)", () => {
  const planned = node('m:x', 'Meeting', { name: 'Planned' });
  const held = node('m:1', 'Meeting', { date: '2025-02-27' });
  const person = node('p:a', 'Person');
  it('pass with no range, and are left out while a range is set', () => {
    expect(nodeInTime(planned, emptyFilters)).toBe(true);
    expect(nodeInTime(planned, { from: '2025-01-01', to: null })).toBe(false);
    expect(nodeInTime(planned, { from: null, to: '2025-12-31' })).toBe(false);
    expect(nodeInTime(held, { from: '2025-01-01', to: '2025-03-01' })).toBe(true);
    expect(nodeInTime(held, { from: '2025-03-01', to: null })).toBe(false);
    expect(nodeInTime(person, { from: '2030-01-01', to: null })).toBe(true);
    expect(nodePasses(planned, { ...emptyFilters, from: '2025-01-01' })).toBe(false);
  });
});
