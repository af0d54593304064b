// POST /api/extract against the real seed graph: proposals from pasted text, HTML and PDF, matches against the
// graph (the seed's Darchiyev under the article's other spelling), and bad input — hostile HTML, 1 MB of text,
// no sentences, another language, a broken PDF, the wrong media type — answered with a clear 4xx or an empty
// answer that says why, never a 500. Nothing is ever written: the graph's counts are the same after every call.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaResponse } from '../../contract';
import type { ExtractResponse } from '../../contract';
import { ExtractBusyError, ExtractPool } from '../../server/src/extract/pool';
import { createTestApp, type TestApp } from '../_helpers';
import { makePdf } from '../fixtures/extract/pdf';

const SEED_TEXT = readFileSync(path.join(__dirname, '../../data/sources/us-russia-embassy-talks-istanbul.txt'), 'utf8');
const OSLO = 'Jonas Berg met Ambassador Ana Silva in Oslo on Monday. They discussed fisheries.';

let t: TestApp;
let countsBefore: SchemaResponse;

async function counts(): Promise<SchemaResponse> {
  return (await t.app.inject({ method: 'GET', url: '/api/schema' })).json<SchemaResponse>();
}

beforeAll(async () => {
  t = await createTestApp();
  countsBefore = await counts();
});
afterAll(async () => {
  expect(await counts()).toEqual(countsBefore); // nothing was written by any request of this file
  await t.close();
});

function quotesOf(p: ExtractResponse): string[] {
  return [
    ...p.entities.flatMap((e) => e.quotes),
    ...p.relationships.map((r) => r.quote),
    ...p.meetings.flatMap((m) => m.quotes),
  ];
}

describe('POST /api/extract', () => {
  it('proposes the seed article’s graph and matches it against the graph already loaded', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      payload: { text: SEED_TEXT, title: 'Embassy talks' },
    });
    expect(res.statusCode).toBe(200);
    const p = res.json<ExtractResponse>();
    expect(p.source).toMatchObject({ name: 'Embassy talks', outlet: null, published: null, text: SEED_TEXT });
    for (const q of quotesOf(p)) expect(SEED_TEXT.includes(q)).toBe(true);
    const darchiyev = p.entities.find((e) => e.key === 'person:aleksandr-darchiyev')!;
    expect(darchiyev.match?.id).toBe('person:aleksandr-darchiyev');
    expect(darchiyev.match!.score).toBeGreaterThanOrEqual(0.9);
    expect(p.entities.find((e) => e.key === 'place:istanbul')!.match?.id).toBe('place:istanbul');
    expect(p.entities.find((e) => e.key === 'agency:u-s-delegation')!.match?.id).toBe('agency:us-delegation');
    expect(p.meetings.find((m) => m.key === 'meeting:istanbul-april-10')!.attendees.sort()).toEqual([
      'agency:russian-delegation',
      'agency:u-s-delegation',
      'person:aleksandr-darchiyev',
      'person:sonata-coulter',
    ]);
  });

  it('proposes a new person with no match when the graph has none', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      payload: { text: OSLO, published: '2025-06-04' },
    });
    expect(res.statusCode).toBe(200);
    const p = res.json<ExtractResponse>();
    expect(p.entities.find((e) => e.key === 'person:jonas-berg')).toMatchObject({ name: 'Jonas Berg' });
    expect(p.entities.find((e) => e.key === 'person:jonas-berg')!.match).toBeUndefined();
    expect(p.meetings[0]).toMatchObject({ date: '2025-06-02', dateInferred: true, place: 'place:oslo' });
  });

  it('reads an uploaded HTML page: main text only, its script neither kept nor run', async () => {
    const html = `<html><head><title>Oslo</title><script>document.title="owned"</script></head><body><nav>Menu</nav><article><p>${OSLO}</p><script>alert("x")</script></article></body></html>`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/extract?outlet=Example%20News',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      payload: html,
    });
    expect(res.statusCode).toBe(200);
    const p = res.json<ExtractResponse>();
    expect(p.source.text).toBe(OSLO);
    expect(p.source.outlet).toBe('Example News');
    expect(p.entities.map((e) => e.name)).toContain('Ana Silva');
  });

  it('reads HTML pasted as JSON with format "html"', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      payload: { text: `<p>${OSLO}</p><script>x()</script>`, format: 'html' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<ExtractResponse>().source.text).toBe(OSLO);
  });

  it('reads an uploaded PDF’s text layer, and refuses a broken one with 422', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from(makePdf([OSLO])),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<ExtractResponse>().entities.map((e) => e.name)).toContain('Jonas Berg');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4 broken'),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'unreadable_pdf' });
    expect(bad.json().message).toMatch(/complete, unencrypted PDF/);
  });

  it('a plain-text upload works, and 1 MB of text is refused with 413 saying how much fits', async () => {
    const txt = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      headers: { 'content-type': 'text/plain' },
      payload: OSLO,
    });
    expect(txt.statusCode).toBe(200);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      payload: { text: 'Talks were held. '.repeat(62_000) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'payload_too_large' });
    expect(big.json().message).toMatch(/reads at most 60,000/);
  });

  it('bad fields get 400 naming the field', async () => {
    for (const [payload, field] of [
      [{}, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: OSLO, published: '2025-02-30' }, 'published'],
      [{ text: OSLO, outlet: '' }, 'outlet'],
      [{ text: OSLO, extra: 1 }, 'extra'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/extract', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request' });
      expect(res.json().message).toContain(field);
    }
    const q = await t.app.inject({
      method: 'POST',
      url: '/api/extract?published=soon',
      headers: { 'content-type': 'text/plain' },
      payload: OSLO,
    });
    expect(q.statusCode).toBe(400);
    expect(q.json().message).toMatch(/published/);
  });

  it('the wrong media type gets 415 saying what to send', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('abc'),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/text\/plain, text\/html or application\/pdf/);
    const multipart = await t.app.inject({
      method: 'POST',
      url: '/api/extract',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--',
    });
    expect(multipart.statusCode).toBe(415);
  });

  it('no sentences, another language, or scripts only: 200 with nothing proposed and a warning that says why', async () => {
    const cases: [unknown, RegExp][] = [
      [{ text: '*** 123 ---' }, /no sentences/],
      [
        {
          text: 'Les délégations russe et américaine se sont réunies jeudi à Istanbul pour des pourparlers sur les ambassades.',
        },
        /does not look like English/,
      ],
      [{ text: '<script>alert(1)</script><style>body{}</style>', format: 'html' }, /no sentences/],
    ];
    for (const [payload, warning] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/extract', payload: payload as object });
      expect(res.statusCode).toBe(200);
      const p = res.json<ExtractResponse>();
      expect([p.entities, p.relationships, p.meetings]).toEqual([[], [], []]);
      expect(p.warnings.join(' ')).toMatch(warning);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json<{ paths: Record<string, { post?: { summary?: string } }> }>();
    expect(spec.paths['/api/extract']?.post?.summary).toMatch(/nothing is written/);
  });
});

describe('POST /api/extract when the article reader is busy', () => {
  /** a reader whose queue is always full: what the route answers is the point, not the worker */
  class FullPool extends ExtractPool {
    override run(): Promise<never> {
      return Promise.reject(new ExtractBusyError(5, 10));
    }
  }

  it('answers 503 extractor_busy with Retry-After and a message saying when to try again', async () => {
    const busy = await createTestApp({ extractor: new FullPool() });
    try {
      const res = await busy.app.inject({ method: 'POST', url: '/api/extract', payload: { text: OSLO } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.json()).toEqual({
        error: 'extractor_busy',
        message: 'Parley is already reading 5 articles; try again in about 10 s.',
      });
    } finally {
      await busy.close();
    }
  });
});
