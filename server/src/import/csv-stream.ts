/**
 * Reading a CSV file as a stream, for files too large to hold: bytes → strict UTF-8 → CRLF folded to LF →
 * csv-parse's stream parser (the same options and checks as the whole-file reader, csv.ts) → batches of rows.
 * Memory is one batch of rows and the parser's buffers, whatever the size of the file. Problems carry the
 * file, line and column as the whole-file reader's do.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { checkHeader, checkRow, csvParseOptions, detectDelimiter, parseProblem, type CsvRow } from './csv';
import { decodeUtf8 } from './limits';
import type { Problem } from './model';

export interface CsvBatch {
  header: string[];
  delimiter: string;
  rows: CsvRow[];
  /** problems of these rows (and, in the first batch, of the header) */
  problems: Problem[];
  /** bytes of the file read so far */
  bytesRead: number;
}

/** a problem that ends the reading of a file (not UTF-8, broken quotes, empty) */
export class CsvStreamError extends Error {
  override name = 'CsvStreamError';
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** The file's text in chunks: strict UTF-8 (a bad byte is a problem with its line), no BOM, CRLF as LF. */
async function* textOf(file: string, filePath: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let lines = 1;
  let carry = '';
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    onBytes(buf.length);
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      const found = decodeUtf8(file, buf);
      const line = 'problem' in found ? lines + (found.problem.line ?? 1) - 1 : lines;
      throw new CsvStreamError({
        file,
        line,
        message: `the file is not UTF-8 text (on line ${line} a byte is not valid UTF-8): save it as UTF-8 (in Excel: "CSV UTF-8"; in LibreOffice: character set "Unicode (UTF-8)")`,
      });
    }
    text = carry + text;
    carry = '';
    if (text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    text = text.replace(/\r\n/g, '\n');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (text !== '') yield text;
  }
  try {
    const rest = carry + decoder.decode();
    if (rest !== '') yield rest;
  } catch {
    throw new CsvStreamError({
      file,
      line: lines,
      message: 'the file ends inside a character that is not valid UTF-8',
    });
  }
}

/** The header of a CSV file (and its delimiter) from its first bytes, for recognising its kind before reading it. */
export async function peekHeader(
  file: string,
  filePath: string,
): Promise<{ header: string[]; delimiter: string } | { problem: Problem }> {
  const fh = await open(filePath, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(1 << 18);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    if (bytesRead === 0) return { problem: { file, message: 'the file is empty' } };
    text = new TextDecoder('utf-8').decode(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n/g, '\n');
  if (text.trim() === '')
    return { problem: { file, message: 'the file is empty: a CSV needs a header line and at least one row' } };
  const delimiter = detectDelimiter(text);
  try {
    const [first] = parseSync(text, { ...csvParseOptions(delimiter), to: 1 }) as unknown as {
      record: string[];
    }[];
    if (!first) return { problem: { file, message: 'the file is empty: a CSV needs a header line' } };
    return { header: first.record.map((h) => h.trim()), delimiter };
  } catch (e) {
    return { problem: parseProblem(file, e, delimiter) };
  }
}

/**
 * The rows of a CSV file, `batchRows` at a time, with every problem of each batch. Throws CsvStreamError for
 * what stops the reading (not UTF-8, unreadable quoting, no header, no rows).
 */
export async function* csvBatches(file: string, filePath: string, batchRows: number): AsyncGenerator<CsvBatch> {
  let bytesRead = 0;
  const chunks = textOf(file, filePath, (n) => (bytesRead += n));
  // the delimiter comes from the header line: read until it is complete (or 256 kB)
  let head = '';
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    head += next.value;
    if (head.length > 1 << 18 || /\n/.test(head)) break;
  }
  if (head.trim() === '')
    throw new CsvStreamError({ file, message: 'the file is empty: a CSV needs a header line and at least one row' });
  const delimiter = detectDelimiter(head);
  async function* all() {
    yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const source = Readable.from(all());
  const parser = parse(csvParseOptions(delimiter));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let header: string[] | null = null;
  let rows: CsvRow[] = [];
  let problems: Problem[] = [];
  let any = false;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === null) {
        header = rec.record.map((h) => h.trim());
        problems.push(...checkHeader(file, header));
        continue;
      }
      any = true;
      const row = checkRow(file, header, rec.record, rec.info.lines, delimiter, problems);
      if (row) rows.push(row);
      if (rows.length >= batchRows) {
        yield { header, delimiter, rows, problems, bytesRead };
        rows = [];
        problems = [];
      }
    }
  } catch (e) {
    if (e instanceof CsvStreamError) throw e;
    throw new CsvStreamError(parseProblem(file, e, delimiter));
  } finally {
    source.destroy();
  }
  if (header === null) throw new CsvStreamError({ file, message: 'the file is empty: a CSV needs a header line' });
  if (!any) problems.push({ file, line: 1, message: 'the file has a header but no rows: add rows under the header' });
  if (rows.length > 0 || problems.length > 0) yield { header, delimiter, rows, problems, bytesRead };
}
