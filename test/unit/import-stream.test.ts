// The import engine's streamed reader (server/src/import/stream.ts, csv-stream.ts) against the whole-file reader
// on the same small files: the same problems with the same file, line and column; the same nodes, types and
// sources; batches that never hold more rows than asked; neo4j-admin files with Parley's own columns.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvBatches } from '../../server/src/import/csv-stream';
import { shouldStream } from '../../server/src/import/open';
import { readImportFiles } from '../../server/src/import/read';
import { scanImportFiles } from '../../server/src/import/stream';

const dir = mkdtempSync(path.join(tmpdir(), 'parley-stream-'));
function files(contents: Record<string, string | Buffer>) {
  return Object.entries(contents).map(([name, content]) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return { path: p, name };
  });
}
const key = (p: { file: string; line?: number; column?: number; message: string }) =>
  `${p.file}:${p.line ?? ''}:${p.column ?? ''} ${p.message}`;

describe('the streamed reader', () => {
  it('reports the problems the whole-file reader reports, at the same file, line and column', async () => {
    const input = files({
      'bad-nodes.csv':
        'id,label,name,born:int\r\nx:1,Person,Ann,1950\r\nx:2,9Bad,"Bob\r\nB.",nineteen\r\nx:1,Person,Ann again,1\r\n,Person,Nobody,\r\n',
      'bad-rels.csv':
        'source,target,type,quote,source_id,weight\nx:1,x:2,KNOWS,Ann knows Bob,note,1\nx:2,x:1,KNOWS,not in the text,note,2\nx:1,,bad type,,,\nx:2,x:1,LIKES,a quote,,\n',
      'note.txt': 'Ann knows Bob.',
    });
    const whole = readImportFiles(input).problems.map(key).sort();
    const streamed = (await scanImportFiles(input)).problems.map(key).sort();
    expect(whole.length).toBeGreaterThanOrEqual(8);
    expect(streamed).toEqual(whole);
    expect(streamed).toContain('bad-nodes.csv:3:4 born: "nineteen" is not a whole number (the column is integer)');
    expect(streamed.some((p) => p.startsWith('bad-nodes.csv:5: duplicate node id "x:1"'))).toBe(true);
  });

  it('reports ids met twice across files, and a source id a node has, as the whole-file reader does', async () => {
    const input = files({
      'one.csv': 'id,label,name\nd:1,Person,Ann\nd:2,Person,Bob\nd:3,Agency,Office\n',
      'two.csv': 'id,label,name\nd:4,Agency,Other\nd:2,Agency,Bob again\nd:1,Person,Ann again\nd:5,Person,Eve\n',
      'three.csv': 'id,label,name\nd:5,Place,Here\n',
      'r.csv': 'source,target,type,quote,source_id\nd:1,d:4,MEMBER_OF,Ann works here,d:3\n',
      'd:3.txt': 'Ann works here.',
    });
    const whole = readImportFiles(input).problems.map(key).sort();
    const scan = await scanImportFiles(input);
    const streamed = scan.problems.map(key).sort();
    expect(streamed).toEqual(whole);
    expect(streamed).toEqual([
      'd:3.txt:: duplicate id "d:3": a node or another source already has it',
      'three.csv:2: duplicate node id "d:5": two.csv line 5 already has it; ids must be unique',
      'two.csv:3: duplicate node id "d:2": one.csv line 3 already has it; ids must be unique',
      'two.csv:4: duplicate node id "d:1": one.csv line 2 already has it; ids must be unique',
    ]);
    expect(scan.counts.nodes).toBe(5);
  });

  it('reads the same nodes, inferred types and sources as the whole-file reader', async () => {
    const input = files({
      'n.csv': 'id;label;name;aliases;code;score;flag\nq:1;Place;Here;H.;007;1;true\nq:2;Place;There;T.;12;2.5;false\n',
      'r.csv': 'source,target,type,quote,source_id,rank\nq:1,q:2,NEAR,Here is near There,src,3\n',
      'src.txt': 'Here is near There.',
    });
    const whole = readImportFiles(input);
    const scan = await scanImportFiles(input);
    expect(scan.problems).toEqual([]);
    expect(scan.files.map((f) => [f.file, f.kind, f.rows, f.columns])).toEqual(
      whole.files.map((f) => [f.file, f.kind, f.rows, f.columns]),
    );
    expect(scan.files.find((f) => f.file === 'n.csv')?.columns).toContainEqual({
      column: 'score',
      mapsTo: 'property score (float)',
    });
    expect(scan.ids.size).toBe(2);
    expect(['q:1', 'q:2', 'q:3'].map((id) => scan.ids.place(id))).toEqual([0, 0, undefined]);
    expect(scan.places).toEqual([{ file: 'n.csv', label: 'Place' }]);
    expect(scan.counts).toEqual({ nodes: 2, relationships: 1 });
    expect(scan.sources.map((s) => s.id)).toEqual(['src']);
    expect(scan.externalEnds.size).toBe(0);
  });

  it('notes relationship ends and evidence sources that no file defines, for the database check', async () => {
    const scan = await scanImportFiles(
      files({
        'e.csv': 'source,target,type,quote,source_id\nq:1,stored:9,NEAR,some words,stored-source\n',
        'q.csv': 'id,label,name\nq:1,Place,Here\n',
      }),
    );
    expect(scan.problems).toEqual([]);
    expect([...scan.externalEnds.keys()]).toEqual(['stored:9']);
    expect([...scan.externalQuotes.get('stored-source')!.keys()]).toEqual(['some words']);
  });

  it('reads neo4j-admin files with Parley’s own columns: aliases, evidence, inference, a Source with its text', async () => {
    const input = files({
      'sources.csv': 'id:ID,name,text,description,:LABEL\ns:1,Report,The envoys met in Oslo.,A report,Source\n',
      'people.csv':
        'id:ID,name,aliases:string[],description,:LABEL\np:1,Ann,A.;Annie,An envoy,Person\np:2,Bob,,,Person\n',
      'rels.csv':
        ':START_ID,:END_ID,:TYPE,id,quotes:string[],sourceIds:string[],inferred:boolean,inferenceReason\n' +
        'p:1,p:2,MET,p:1|MET|p:2,The envoys met,s:1,false,\n' +
        'p:2,p:1,MET,wrong,,,true,\n',
    });
    const whole = readImportFiles(input);
    const scan = await scanImportFiles(input);
    expect(scan.problems.map(key).sort()).toEqual(whole.problems.map(key).sort());
    expect(scan.problems.map(key).sort()).toEqual([
      'rels.csv:3:4 id "wrong" is not this relationship\'s key "p:2|MET|p:1" (start|TYPE|end): leave the column out or fix it',
      'rels.csv:3:7 an inferred relationship needs an inferenceReason saying why it is implied but not stated',
    ]);
    expect(whole.sources.map((s) => [s.id, s.name, s.text])).toEqual([['s:1', 'Report', 'The envoys met in Oslo.']]);
    expect(whole.nodes[0]).toMatchObject({
      id: 'p:1',
      aliases: ['A.', 'Annie'],
      description: 'An envoy',
      properties: {},
    });
    expect(whole.relationships[0]).toMatchObject({
      evidence: [{ source: 's:1', quote: 'The envoys met' }],
      inferred: false,
    });
  });

  it('gives rows in batches of at most the size asked, with the line each row starts on', async () => {
    const [f] = files({ 'many.csv': 'a,b\n' + Array.from({ length: 25 }, (_, i) => `${i},"x\ny"`).join('\n') + '\n' });
    const sizes: number[] = [];
    const lines: number[] = [];
    for await (const b of csvBatches(f!.name, f!.path, 10)) {
      sizes.push(b.rows.length);
      lines.push(...b.rows.map((r) => r.line));
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(lines.slice(0, 3)).toEqual([2, 4, 6]);
    expect(lines.at(-1)).toBe(50);
  });

  it('says which bytes are not UTF-8 and that a header alone is not a file', async () => {
    const input = files({
      'latin1.csv': Buffer.from('id,label,name\nx:1,Person,Jos\xe9\n', 'latin1'),
      'head.csv': 'id,label,name\n',
    });
    const problems = (await scanImportFiles(input)).problems.map(key);
    expect(problems).toContainEqual(expect.stringMatching(/^latin1\.csv:2: the file is not UTF-8 text/));
    expect(problems).toContain('head.csv:1: the file has a header but no rows: add rows under the header');
  });

  it('is taken for CSV and text files above the threshold only', () => {
    const input = files({ 'small.csv': 'id,label,name\nx:1,A,B\n', 'x.json': '{}' });
    expect(shouldStream([input[0]!], 1)).toBe(true);
    expect(shouldStream([input[0]!], 1_000)).toBe(false);
    expect(shouldStream(input, 1)).toBe(false);
  });
});
