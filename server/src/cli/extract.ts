/**
 * `npm run extract -- article.txt [--title T] [--outlet O] [--published YYYY-MM-DD] [--out file.json] [--json]`
 * Reads an article (.txt, .html or .pdf), prints what Parley proposes, and with --out writes the proposals as
 * a Parley data file (data/README.md) to review in an editor and load with `npm run load`. Works offline: the
 * proposals are not matched against a graph here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../../../contract';
import { MAX_TEXT_CHARS, type Proposals } from '../../../contract';
import { proposalsToDataset } from '../extract/dataset';
import { InputError, kindOf, toArticleText } from '../extract/input';
import { extractProposals } from '../extract/pipeline';

const USAGE =
  'usage: npm run extract -- <article.txt|.html|.pdf> [--title T] [--outlet O] [--published YYYY-MM-DD] [--out file.json] [--json]';

export function formatProposals(p: Proposals): string {
  const lines: string[] = [];
  const name = (key: string) =>
    p.entities.find((e) => e.key === key)?.name ?? p.meetings.find((m) => m.key === key)?.name ?? key;
  lines.push(
    `Source: ${p.source.name} (outlet: ${p.source.outlet ?? 'not given'}, published: ${p.source.published ?? 'not given'})`,
  );
  for (const label of ['Person', 'Agency', 'Place', 'Issue'] as const) {
    const list = p.entities.filter((e) => e.label === label);
    if (list.length === 0) continue;
    lines.push('', `${label} (${list.length})`);
    for (const e of list) {
      const aka = e.aliases.length > 0 ? ` — also ${e.aliases.map((a) => `“${a}”`).join(', ')}` : '';
      lines.push(`  ${e.key}  ${e.name}${aka}  [${e.confidence}]`);
    }
  }
  if (p.meetings.length > 0) {
    lines.push('', `Meeting (${p.meetings.length})`);
    for (const m of p.meetings) {
      const date = m.date
        ? `${m.date}${m.dateInferred ? ' (inferred)' : ''}`
        : m.dateText
          ? `“${m.dateText}”, year not stated`
          : 'date not stated';
      lines.push(`  ${m.key}  ${m.status}, ${date}, ${m.place ? name(m.place) : 'place not stated'}`);
      if (m.attendees.length > 0) lines.push(`    attendees: ${m.attendees.map(name).join(', ')}`);
    }
  }
  if (p.relationships.length > 0) {
    lines.push('', `Relationships (${p.relationships.length})`);
    for (const r of p.relationships) {
      lines.push(
        `  ${name(r.source)} -[${r.type}]-> ${name(r.target)}  [${r.confidence}${r.inferred ? ', inferred' : ''}]`,
      );
      lines.push(`    “${r.quote.length > 160 ? `${r.quote.slice(0, 157)}…` : r.quote}”`);
    }
  }
  for (const w of p.warnings) lines.push('', `warning: ${w}`);
  lines.push('', `${p.stats.words} words, ${p.stats.sentences} sentences, ${p.stats.ms} ms`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        outlet: { type: 'string' },
        published: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.published !== undefined && !isIsoDate(values.published)) {
    console.error(`--published must be a real date written YYYY-MM-DD, got "${values.published}"`);
    return 2;
  }
  const file = positionals[0]!;
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    console.error(
      `cannot read ${path.resolve(file)} (${(e as NodeJS.ErrnoException).code ?? 'read error'}): check the path`,
    );
    return 1;
  }
  const kind = kindOf(undefined, file) ?? 'text';
  let text: string;
  try {
    text = (await toArticleText(kind, new Uint8Array(data))).text;
  } catch (e) {
    if (e instanceof InputError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  if (text.length > MAX_TEXT_CHARS) {
    console.error(
      `the article is ${text.length} characters; Parley reads at most ${MAX_TEXT_CHARS} at a time: split it`,
    );
    return 1;
  }
  const proposals = extractProposals({ text, title: values.title, outlet: values.outlet, published: values.published });
  console.log(values.json ? JSON.stringify(proposals, null, 2) : formatProposals(proposals));
  if (values.out) {
    const result = proposalsToDataset(proposals);
    if (!result.ok) {
      for (const err of result.errors) console.error(`${err.path}: ${err.message}`);
      console.error('the proposals do not make a valid data set; nothing was written');
      return 1;
    }
    writeFileSync(values.out, `${JSON.stringify(result.dataset, null, 2)}\n`);
    console.error(
      `wrote ${values.out}: ${result.dataset.nodes.length} nodes, ${result.dataset.relationships.length} relationships (review it, then: npm run load -- ${values.out})`,
    );
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
