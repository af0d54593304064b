// Any Neo4j database in the client, pure parts: dates from a chosen date-like property (spans, the range, the
// histogram), the address carrying the choice, and what the catalog store derives from the schema.
import { describe, expect, it } from 'vitest';
import type { GraphNode, SchemaResponse } from '../../../contract';
import { dateProperties, modelReason } from '../../../client/src/core/catalog/store';
import { meetingDates, meetingHistogram, nodeInTime, emptyFilters } from '../../../client/src/state/filters';
import { dateSpan } from '../../../client/src/state/filters/dates';
import { decodeUrlState, encodeUrlState, defaultUrlState } from '../../../client/src/state/url';

const movie = (id: string, released: unknown): GraphNode => ({
  id,
  labels: ['Movie'],
  name: id,
  properties: released === undefined ? {} : ({ released } as GraphNode['properties']),
});
const person = (id: string): GraphNode => ({ id, labels: ['Person'], name: id, properties: {} });

describe('dateSpan', () => {
  it.each([
    [1999, ['1999-01-01', '1999-12-31']],
    ['2024-02', ['2024-02-01', '2024-02-29']],
    ['2025-02-27', ['2025-02-27', '2025-02-27']],
    ['2025-02-27T10:00:00Z', ['2025-02-27', '2025-02-27']],
    ['1999', ['1999-01-01', '1999-12-31']],
  ])('%j covers %j', (value, span) => {
    expect(dateSpan(value)).toEqual(span);
  });
  it.each([[999], [2101], [1999.5], ['1999-13'], ['2025-02-30'], ['soon'], [null], [true]])(
    '%j is not date-like',
    (value) => {
      expect(dateSpan(value)).toBeNull();
    },
  );
});

describe('the time range over a chosen property', () => {
  const f = { ...emptyFilters, dateProperty: 'released', from: '1999-06-01', to: '2000-12-31' };
  it('keeps a node whose year overlaps the range, drops one outside, and leaves nodes without it alone', () => {
    expect(nodeInTime(movie('matrix', 1999), f)).toBe(true);
    expect(nodeInTime(movie('old', 1998), f)).toBe(false);
    expect(nodeInTime(movie('undated', undefined), f)).toBe(true);
    expect(nodeInTime(person('keanu'), f)).toBe(true);
    // a meeting is not judged by another property
    expect(nodeInTime({ ...person('m'), labels: ['Meeting'], properties: { date: '1990-01-01' } }, f)).toBe(true);
  });
  it('dates the histogram by the property, one bin per year over ten years', () => {
    const nodes = [movie('a', 1990), movie('b', 2003), movie('c', 2003), person('p')];
    expect(meetingDates(nodes, 'released')).toEqual(['1990-01-01', '2003-01-01']);
    expect(meetingDates(nodes)).toEqual([]);
    const bins = meetingHistogram(nodes, { ...emptyFilters, dateProperty: 'released' });
    expect(bins).toHaveLength(14);
    expect(bins[0]).toEqual({ start: '1990-01-01', end: '1990-12-31', count: 1, shown: 1 });
    expect(bins[13]).toEqual({ start: '2003-01-01', end: '2003-12-31', count: 2, shown: 2 });
  });
});

describe('the address', () => {
  it('carries the date property, and refuses one that is not a name', () => {
    const q = encodeUrlState({ ...defaultUrlState, dateProperty: 'released', from: '1999-01-01' });
    expect(q).toBe('?from=1999-01-01&dateProp=released');
    expect(decodeUrlState(q).dateProperty).toBe('released');
    expect(decodeUrlState('?dateProp=released%60%29').dateProperty).toBeNull();
  });
});

describe('the catalog store', () => {
  const schema = (parley: boolean, missing: string[]): SchemaResponse =>
    ({
      labels: [
        {
          label: 'Movie',
          count: 2,
          caption: 'title',
          captionSource: 'rule',
          stringProperties: ['tagline', 'title'],
          dateProperties: [{ property: 'released', kind: 'year' }],
        },
        {
          label: 'Person',
          count: 2,
          caption: 'name',
          captionSource: 'rule',
          stringProperties: ['name'],
          dateProperties: [
            { property: 'born', kind: 'year' },
            { property: 'released', kind: 'iso-string' },
          ],
        },
      ],
      relationshipTypes: [],
      model: { parley, missing },
    }) as SchemaResponse;
  it('lists every date-like property once, with the labels carrying it', () => {
    expect(dateProperties(schema(false, []))).toEqual([
      { property: 'born', labels: ['Person'] },
      { property: 'released', labels: ['Movie', 'Person'] },
    ]);
    expect(dateProperties(null)).toEqual([]);
  });
  it('says why who-met-whom is empty, in the server’s words, only when the model is missing', () => {
    expect(modelReason(schema(false, ['Meeting nodes', 'ATTENDED relationships']))).toBe(
      'Who met whom needs Parley’s model: Person nodes linked by ATTENDED relationships to Meeting nodes. ' +
        'This database has no Meeting nodes and no ATTENDED relationships.',
    );
    expect(modelReason(schema(true, []))).toBeNull();
  });
});
