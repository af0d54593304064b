// The import engine's readers on small hand-written files, with exact expected results: Parley's CSV (BOM,
// CRLF, `;` and tab delimiters, quoted fields spanning lines), the neo4j-admin shape, GEXF (Parley's own export
// writer) and GraphML, source texts with quotes checked, and the merge rules.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config';
import { planNode, planRelationship } from '../../server/src/import/merge';
import type { ImportNode } from '../../server/src/import/model';
import { readImportFiles } from '../../server/src/import/read';

const dir = mkdtempSync(path.join(tmpdir(), 'parley-formats-'));
function read(files: Record<string, string | Buffer>) {
  const list = Object.entries(files).map(([name, content]) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return { path: p, name };
  });
  return readImportFiles(list);
}
const strip = <T extends { at: unknown }>(xs: T[]) => xs.map(({ at: _at, ...rest }) => rest);

describe('Parley CSV', () => {
  it('reads a BOM, CRLF, the ";" delimiter and a quoted cell spanning lines, with the right line numbers', () => {
    const set = read({
      'nodes.csv':
        '\uFEFFid;label;name;aliases;description;born\r\nx:1;Person;Ann;"A.;Annie";"two\r\nlines";1950\r\nx:2;Person;Bob;;;\r\n',
    });
    expect(set.problems).toEqual([]);
    expect(set.nodes).toEqual([
      {
        id: 'x:1',
        labels: ['Person'],
        name: 'Ann',
        aliases: ['A.', 'Annie'],
        description: 'two\nlines',
        properties: { born: 1950 },
        at: { file: 'nodes.csv', line: 2 },
      },
      {
        id: 'x:2',
        labels: ['Person'],
        name: 'Bob',
        aliases: [],
        description: null,
        properties: {},
        at: { file: 'nodes.csv', line: 4 },
      },
    ]);
  });

  it('reads tabs, typed columns and relationships with evidence from a .txt source, checking the quote', () => {
    const set = read({
      'n.tsv.csv': 'id\tlabel\tname\tcode:string\tscore:float\na:1\tThing\tOne\t007\t1\na:2\tThing\tTwo\t\t2.5\n',
      'r.csv':
        'source,target,type,date,quote,source_id,weight\na:1,a:2,NEXT_TO,2024-01-31,One is next to Two,note,3\na:2,a:1,NEXT_TO,,Two is far,note,\n',
      'note.txt': 'One is next to Two.',
    });
    expect(set.problems).toEqual([
      { file: 'r.csv', line: 3, message: expect.stringMatching(/^quote not found in the text of note: /) },
    ]);
    expect(strip(set.nodes).map((n) => n.properties)).toEqual([{ code: '007', score: 1 }, { score: 2.5 }]);
    expect(strip(set.relationships)[0]).toEqual({
      type: 'NEXT_TO',
      source: 'a:1',
      target: 'a:2',
      properties: { date: '2024-01-31', weight: 3 },
      evidence: [{ source: 'note', quote: 'One is next to Two' }],
      inferred: false,
      inferenceReason: null,
    });
    expect(strip(set.sources)).toEqual([
      { id: 'note', name: 'note', text: 'One is next to Two.', outlet: null, published: null, description: '' },
    ]);
  });

  it('names sources with sources.csv', () => {
    const set = read({
      'sources.csv': 'id,name,outlet,published,file\nsource:a,Article A,The Paper,2024-02-03,art-a.txt\n',
      'art-a.txt': 'Text A.',
    });
    expect(set.problems).toEqual([]);
    expect(strip(set.sources)).toEqual([
      {
        id: 'source:a',
        name: 'Article A',
        text: 'Text A.',
        outlet: 'The Paper',
        published: '2024-02-03',
        description: '',
      },
    ]);
  });

  it('lists every problem with its line and column', () => {
    const set = read({ 'bad.csv': 'id,label,name,born:int,when:date\na:1,Person,Ann,old,2024-02-30\n,9Bad,Bob,,\n' });
    expect(set.problems).toEqual([
      { file: 'bad.csv', line: 2, column: 4, message: 'born: "old" is not a whole number (the column is integer)' },
      {
        file: 'bad.csv',
        line: 2,
        column: 5,
        message: 'when: "2024-02-30" is not a date written YYYY-MM-DD (the column is date)',
      },
      { file: 'bad.csv', line: 3, column: 1, message: 'the id is empty: every node needs an id' },
      { file: 'bad.csv', line: 3, column: 2, message: expect.stringContaining('"9Bad" is not a valid label') },
    ]);
  });

  it('says which header shapes it reads when it recognises none', () => {
    expect(read({ 'odd.csv': 'a,b\n1,2\n' }).problems[0]?.message).toContain('nodes need "id,label,name"');
  });
});

describe('neo4j-admin CSV', () => {
  it('reads id spaces, :LABEL, typed and list columns, one file per type', () => {
    const set = read({
      'people.csv': 'personId:ID(Person),name,born:int,:LABEL\n1,Keanu Reeves,1964,Person;Actor\n',
      'movies.csv': 'movieId:ID(Movie),title,released:date,tags:string[]\n1,The Matrix,1999-03-31,sci-fi;action\n',
      'ACTED_IN.csv': ':START_ID(Person),:END_ID(Movie),roles:string[]\n1,1,Neo\n',
    });
    expect(set.problems).toEqual([]);
    expect(strip(set.nodes)).toEqual([
      {
        id: 'Person:1',
        labels: ['Person', 'Actor'],
        name: 'Keanu Reeves',
        aliases: [],
        description: null,
        properties: { born: 1964, personId: '1' },
      },
      {
        id: 'Movie:1',
        labels: ['Movie'],
        name: null,
        aliases: [],
        description: null,
        properties: { title: 'The Matrix', released: '1999-03-31', tags: ['sci-fi', 'action'], movieId: '1' },
      },
    ]);
    expect(strip(set.relationships)).toEqual([
      {
        type: 'ACTED_IN',
        source: 'Person:1',
        target: 'Movie:1',
        properties: { roles: ['Neo'] },
        evidence: [],
        inferred: false,
        inferenceReason: null,
      },
    ]);
  });
});

describe('GEXF and GraphML', () => {
  it('reads back what Parley exports as GEXF', () => {
    const g = new Graph({ type: 'directed', multi: true });
    g.addNode('person:a', { label: 'Ann', kind: 'Person', x: 1, y: 2, size: 3, color: '#ff0000' });
    g.addNode('agency:b', { label: 'Bureau', kind: 'Agency', x: 0, y: 0, size: 1, color: '#00ff00' });
    g.addDirectedEdgeWithKey('e1', 'person:a', 'agency:b', {
      relationship: 'MEMBER_OF',
      label: 'MEMBER_OF',
      inferred: true,
      color: '#000',
      size: 1,
    });
    const set = read({ 'export.gexf': writeGexf(g, { version: '1.3' }) });
    expect(set.problems).toEqual([]);
    expect(strip(set.nodes)).toEqual([
      { id: 'person:a', labels: ['Person'], name: 'Ann', aliases: [], description: null, properties: {} },
      { id: 'agency:b', labels: ['Agency'], name: 'Bureau', aliases: [], description: null, properties: {} },
    ]);
    expect(strip(set.relationships)).toEqual([
      {
        type: 'MEMBER_OF',
        source: 'person:a',
        target: 'agency:b',
        properties: {},
        evidence: [],
        inferred: true,
        inferenceReason: null,
      },
    ]);
  });

  it('reads a GraphML file with Gephi-style attribute names', () => {
    const set = read({
      'g.graphml': `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="Modularity Class" attr.type="int"/>
  <key id="d2" for="edge" attr.name="label" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="n1"><data key="d0">First</data><data key="d1">2</data></node>
    <node id="n2"><data key="d0">Second</data></node>
    <edge source="n1" target="n2"><data key="d2">knows well</data></edge>
  </graph>
</graphml>`,
    });
    expect(set.problems).toEqual([]);
    expect(strip(set.nodes)).toEqual([
      {
        id: 'n1',
        labels: ['Node'],
        name: 'First',
        aliases: [],
        description: null,
        properties: { Modularity_Class: 2 },
      },
      { id: 'n2', labels: ['Node'], name: 'Second', aliases: [], description: null, properties: {} },
    ]);
    expect(strip(set.relationships)).toMatchObject([
      { type: 'KNOWS_WELL', source: 'n1', target: 'n2', properties: {} },
    ]);
  });

  it('says so when the XML is broken', () => {
    expect(read({ 'b.gexf': '<gexf><graph><nodes><node id="a"' }).problems[0]?.message).toContain('cannot be read');
  });
});

describe('Parley JSON and the rules that span files', () => {
  it('reads the seed with no problem', () => {
    const set = readImportFiles([{ path: path.join(repoRoot, 'data', 'seed.json'), name: 'seed.json' }]);
    expect(set.problems).toEqual([]);
    expect([set.nodes.length, set.sources.length]).toEqual([32, 1]);
  });

  it('refuses the same id twice across files, with both places', () => {
    const set = read({ 'a.csv': 'id,label,name\nx:1,Person,Ann\n', 'b.csv': 'id,label,name\nx:1,Person,Ann B\n' });
    expect(set.problems).toEqual([
      { file: 'b.csv', line: 2, message: 'duplicate node id "x:1": a.csv line 2 already has it; ids must be unique' },
    ]);
  });
});

describe('merge rules', () => {
  const incoming: ImportNode = {
    id: 'x:1',
    labels: ['Person'],
    name: 'Ann B',
    aliases: ['AB'],
    description: null,
    properties: { born: 2 },
    at: { file: 'f' },
  };
  const stored = { labels: ['Person'], properties: { id: 'x:1', name: 'Ann', aliases: ['A'], born: 1, city: 'Oslo' } };

  it('keep: adds aliases (and the other name), reports conflicts, changes no stored value', () => {
    const c = planNode(stored, incoming, 'keep');
    expect(c).toEqual({
      outcome: 'updated',
      set: { aliases: ['A', 'AB', 'Ann B'] },
      before: { aliases: ['A'] },
      addLabels: [],
      conflicts: [
        { id: 'x:1', key: 'born', stored: 1, incoming: 2 },
        { id: 'x:1', key: 'name', stored: 'Ann', incoming: 'Ann B' },
      ],
    });
  });

  it('replace: writes the new values and keeps the old name as an alias', () => {
    const c = planNode(stored, incoming, 'replace');
    expect(c.set).toEqual({ born: 2, name: 'Ann B', aliases: ['A', 'AB', 'Ann'] });
    expect(c.before).toEqual({ born: 1, name: 'Ann', aliases: ['A'] });
  });

  it('adds evidence to a stored relationship and never removes any', () => {
    const rel = {
      type: 'T',
      source: 'a',
      target: 'b',
      properties: {},
      evidence: [{ source: 's', quote: 'new' }],
      inferred: false,
      inferenceReason: null,
      at: { file: 'f' },
    };
    const c = planRelationship({ properties: { quotes: ['old'], sourceIds: ['s'], inferred: false } }, rel, 'keep');
    expect(c.set).toEqual({ quotes: ['old', 'new'], sourceIds: ['s', 's'] });
    expect(
      planRelationship({ properties: { quotes: ['new'], sourceIds: ['s'], inferred: false } }, rel, 'keep').outcome,
    ).toBe('unchanged');
  });
});
