import { describe, expect, it } from 'vitest';
import { projectMet, metEdgeId } from '../../../client/src/state/met';
import { diplomacy, edge, node } from './fixtures';

describe('projectMet (who met whom)', () => {
  it('links people who attended the same meeting, weighted by the number of meetings', () => {
    const { nodes, edges } = diplomacy();
    const p = projectMet(nodes, edges);
    expect(p.nodes.map((n) => n.id)).toEqual(['p:a', 'p:b', 'p:c']);
    expect(p.edges.map((e) => [e.id, e.weight])).toEqual([
      ['met:p:a|p:b', 2],
      ['met:p:a|p:c', 1],
      ['met:p:b|p:c', 1],
    ]);
  });

  it('lists the shared meetings by date with places, status and both attendance quotes', () => {
    const { nodes, edges } = diplomacy();
    const ab = projectMet(nodes, edges).edges.find((e) => e.id === metEdgeId('p:b', 'p:a'))!;
    expect(ab.source).toBe('p:a');
    expect(ab.target).toBe('p:b');
    expect(ab.meetings).toEqual([
      {
        id: 'm:1',
        name: 'Round 1',
        date: '2025-02-27',
        status: 'held',
        places: [{ id: 'pl:ist', name: 'Istanbul' }],
        evidence: [
          { sourceId: 'src:1', quote: 'p:a ATTENDED m:1' },
          { sourceId: 'src:1', quote: 'p:b ATTENDED m:1' },
        ],
      },
      {
        id: 'm:2',
        name: 'Round 2',
        date: '2025-04-10',
        status: 'held',
        places: [{ id: 'pl:ist', name: 'Istanbul' }],
        evidence: [
          { sourceId: 'src:1', quote: 'p:a ATTENDED m:2' },
          { sourceId: 'src:1', quote: 'p:b ATTENDED m:2' },
        ],
      },
    ]);
  });

  it('leaves out meetings outside the time range', () => {
    const { nodes, edges } = diplomacy();
    const p = projectMet(nodes, edges, { from: '2025-03-01', to: null });
    expect(p.edges.map((e) => [e.id, e.weight])).toEqual([
      ['met:p:a|p:b', 1],
      ['met:p:a|p:c', 1],
      ['met:p:b|p:c', 1],
    ]);
    expect(projectMet(nodes, edges, { from: null, to: '2025-01-01' }).edges).toEqual([]);
  });

  it('keeps people who met nobody, ignores non-ATTENDED links; undated meetings count only with no range set', () => {
    const nodes = [node('p:x', 'Person'), node('p:y', 'Person'), node('m:u', 'Meeting'), node('p:z', 'Person')];
    const edges = [edge('p:x', 'ATTENDED', 'm:u'), edge('p:y', 'ATTENDED', 'm:u'), edge('p:z', 'KNOWS', 'p:x')];
    const p = projectMet(nodes, edges);
    expect(p.nodes.map((n) => n.id)).toEqual(['p:x', 'p:y', 'p:z']);
    expect(p.edges.map((e) => [e.id, e.weight, e.meetings[0]?.date])).toEqual([['met:p:x|p:y', 1, null]]);
    // the API's rule (filters UNDATED_RULE): under a range, an undated meeting is left out
    expect(projectMet(nodes, edges, { from: '2025-01-01', to: '2025-01-02' }).edges).toEqual([]);
  });
});
