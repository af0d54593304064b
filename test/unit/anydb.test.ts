/** Any Neo4j database, the pure pieces: the caption rule, node names, date-like properties, label facts. */
import { describe, expect, it } from 'vitest';
import { captionProperty, captionSettingsSchema, graphQuerySchema } from '../../contract';
import { dateKind, describeLabel } from '../../server/src/repositories/catalog';
import { displayName } from '../../server/src/repositories/shape';
import { quoteDbName } from '../../server/src/neo4j/names';

const prop = (key: string, types: string[], seen = 3, isoLike = 0, yearLike = 0) => ({
  key,
  types,
  seen,
  isoLike,
  yearLike,
});

describe('the caption rule', () => {
  it('is name, then title, then the first other string property alphabetically, then id', () => {
    expect(captionProperty(['title', 'name', 'id'])).toBe('name');
    expect(captionProperty(['tagline', 'title'])).toBe('title');
    expect(captionProperty(['id', 'zeta', 'code'])).toBe('code');
    expect(captionProperty(['id'])).toBe('id');
    expect(captionProperty([])).toBeNull();
  });
  it('names nodes the same way, whatever order their keys come in', () => {
    expect(displayName({ zeta: 'Z', code: 'C', id: 'x:1' }, 'eid')).toBe('C');
    expect(displayName({ code: 'C', zeta: 'Z' }, 'eid')).toBe('C');
    expect(displayName({ name: '  ', title: 'T' }, 'eid')).toBe('T');
    expect(displayName({ id: 'x:1', born: 1964 }, 'eid')).toBe('x:1');
    expect(displayName({ born: 1964, aliases: ['A'] }, 'eid')).toBe('eid');
  });
});

describe('date-like properties', () => {
  it('are Neo4j dates and datetimes, ISO-like strings and years, when every sampled value is', () => {
    expect(dateKind(prop('d', ['DATE NOT NULL']))).toBe('date');
    expect(dateKind(prop('d', ['DATE NOT NULL', 'ZONED DATETIME NOT NULL']))).toBe('datetime');
    expect(dateKind(prop('d', ['LOCAL DATETIME NOT NULL']))).toBe('datetime');
    expect(dateKind(prop('release_date', ['STRING NOT NULL'], 3, 3))).toBe('iso-string');
    expect(dateKind(prop('released', ['INTEGER NOT NULL'], 38, 0, 38))).toBe('year');
  });
  it('are not when one value is not', () => {
    expect(dateKind(prop('release_date', ['STRING NOT NULL'], 3, 2))).toBeNull();
    expect(dateKind(prop('votes', ['INTEGER NOT NULL'], 10, 0, 9))).toBeNull();
    expect(dateKind(prop('mixed', ['INTEGER NOT NULL', 'STRING NOT NULL'], 2, 1, 1))).toBeNull();
    expect(dateKind(prop('rating', ['FLOAT NOT NULL']))).toBeNull();
  });
});

describe('a label’s facts', () => {
  const props = [
    prop('released', ['INTEGER NOT NULL'], 3, 0, 3),
    prop('tagline', ['STRING NOT NULL']),
    prop('title', ['STRING NOT NULL']),
    prop('genres', ['LIST<STRING NOT NULL> NOT NULL']),
  ];
  it('lists string properties (lists of strings too), the caption by the rule, and date-like properties', () => {
    expect(describeLabel('Movie', 38, props, {})).toEqual({
      label: 'Movie',
      count: 38,
      caption: 'title',
      captionSource: 'rule',
      stringProperties: ['genres', 'tagline', 'title'],
      dateProperties: [{ property: 'released', kind: 'year' }],
    });
  });
  it('takes a saved caption over the rule', () => {
    expect(describeLabel('Movie', 38, props, { Movie: 'tagline' })).toMatchObject({
      caption: 'tagline',
      captionSource: 'setting',
    });
  });
});

describe('names in requests and from the database', () => {
  it('accepts only plain names for captions and the date property', () => {
    expect(captionSettingsSchema.safeParse({ captions: { Movie: 'title' } }).success).toBe(true);
    expect(captionSettingsSchema.safeParse({ captions: { 'Movie`': 'title' } }).success).toBe(false);
    expect(captionSettingsSchema.safeParse({ captions: { Movie: 'a b' } }).success).toBe(false);
    expect(graphQuerySchema.safeParse({ dateProperty: 'released' }).success).toBe(true);
    expect(graphQuerySchema.safeParse({ dateProperty: 'n.released OR 1=1' }).success).toBe(false);
  });
  it('quotes any name the database gives, doubling backticks', () => {
    expect(quoteDbName('Star Wars')).toBe('`Star Wars`');
    expect(quoteDbName('a`b')).toBe('`a``b`');
    expect(() => quoteDbName('')).toThrow(/neo4j\/names/);
  });
});
