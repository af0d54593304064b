// The column mapping's pure parts: its defaults (the readers' own header rule), the header it gives, its
// validation, and the table it makes.
import { describe, expect, it } from 'vitest';
import { defaultColumnTarget, FileMapping, mappedHeader } from '../../contract';
import { applyMapping } from '../../server/src/import/mapping';

describe('defaultColumnTarget', () => {
  it.each([
    ['nodes', 'ID', { to: 'id' }],
    ['nodes', 'labels', { to: 'label' }],
    ['nodes', 'born:int', { to: 'property', name: 'born' }],
    ['nodes', 'source', { to: 'property', name: 'source' }],
    ['relationships', 'source_id', { to: 'source_id' }],
    ['relationships', 'name', { to: 'property', name: 'name' }],
  ] as const)('%s %s → %j', (kind, header, target) => {
    expect(defaultColumnTarget(kind, header)).toEqual(target);
  });
});

describe('mappedHeader', () => {
  it('keeps a typed column’s type under its new name, and drops ignored columns', () => {
    expect(mappedHeader('born:int', { to: 'property', name: 'yearOfBirth' })).toBe('yearOfBirth:int');
    expect(mappedHeader('code', { to: 'id' })).toBe('id');
    expect(mappedHeader('x', { to: 'ignore' })).toBeNull();
  });
});

describe('FileMapping', () => {
  it('refuses a target of the other kind, two columns on one target, and a bad property name', () => {
    const messages = (m: unknown) => {
      const r = FileMapping.safeParse(m);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages({ kind: 'relationships', columns: { a: { to: 'label' } } })).toEqual([
      'a relationships file has no "label" column: map "a" to one of source, target, type, date, quote, source_id, inferred, inference_reason, a property or ignore',
    ]);
    expect(messages({ kind: 'nodes', columns: { a: { to: 'name' }, b: { to: 'name' } } })).toEqual([
      '"a" and "b" both map to name: map one of them elsewhere',
    ]);
    expect(messages({ kind: 'nodes', columns: { a: { to: 'property', name: '1st' } } })).toHaveLength(1);
    expect(messages({ kind: 'nodes', columns: { a: { to: 'property', name: '__x' } } })).toHaveLength(1);
    expect(messages({ kind: 'nodes', columns: { a: { to: 'ignore' }, b: { to: 'ignore' } } })).toEqual([]);
  });
});

describe('applyMapping', () => {
  const table = {
    delimiter: ',',
    header: ['code', 'title', 'note', 'name'],
    rows: [{ line: 2, cells: ['a:1', 'One', 'n', 'x'] }],
  };
  it('renames, drops ignored columns, and keeps the defaults of the others', () => {
    const m = applyMapping('f.csv', table, {
      kind: 'nodes',
      columns: { code: { to: 'id' }, title: { to: 'name' }, name: { to: 'ignore' } },
    });
    expect(m.problems).toEqual([]);
    expect(m.table.header).toEqual(['id', 'name', 'note']);
    expect(m.table.rows).toEqual([{ line: 2, cells: ['a:1', 'One', 'n'] }]);
  });
  it('says when two columns would be read under one name', () => {
    const m = applyMapping('f.csv', table, { kind: 'nodes', columns: { title: { to: 'name' } } });
    expect(m.problems).toEqual([
      {
        file: 'f.csv',
        line: 1,
        column: 4,
        message: 'the columns "title" and "name" would both be read as "name": map one of them elsewhere or ignore it',
      },
    ]);
  });
});
