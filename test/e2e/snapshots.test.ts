// End to end in Chromium: a snapshot saved through the API reopens at /s/<id> with the same nodes at the same
// positions (also in a fresh page), reports the node that no longer exists, and exports a PNG at 2× and an SVG
// whose text and circles match the screen.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DOMParser } from '@xmldom/xmldom';
import type { SnapshotCreatedResponse, SnapshotDocument } from '../../contract';
import { decodePng, launchBrowser, startParley, withTestHook } from '../_helpers';

type Pos = { x: number; y: number };
interface Hook {
  ready: boolean;
  positions: () => Record<string, Pos>;
  viewportPosition: (id: string) => Pos | null;
}

const NODES = [
  { id: 'person:sonata-coulter', label: 'Sonata Coulter', kind: 'Person', x: 0, y: 0, size: 12, color: '#4e79a7' },
  {
    id: 'person:aleksandr-darchiyev',
    label: 'Aleksandr Darchiyev',
    kind: 'Person',
    x: 100,
    y: 10,
    size: 12,
    color: '#4e79a7',
  },
  { id: 'agency:us-delegation', label: 'U.S. delegation', kind: 'Agency', x: -20, y: 60, size: 9, color: '#f28e2b' },
  {
    id: 'agency:russian-delegation',
    label: 'Russian delegation',
    kind: 'Agency',
    x: 120,
    y: 70,
    size: 9,
    color: '#f28e2b',
  },
  { id: 'person:gone-since', label: 'Gone Since', kind: 'Person', x: 50, y: -40, size: 6, color: '#4e79a7' },
];
const doc: SnapshotDocument = {
  format: 'parley-snapshot',
  version: 1,
  title: 'Istanbul: who led the delegations',
  caption: 'Coulter and Darchiyev headed the two delegations.',
  view: {
    mode: 'graph',
    camera: { x: 0.5, y: 0.5, ratio: 1.1, angle: 0 },
    viewport: { width: 800, height: 500 },
    bbox: null,
    filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
    selection: [],
    query: null,
    styles: {},
    legend: [
      { label: 'Person', color: '#4e79a7', shape: 'circle' },
      { label: 'Agency', color: '#f28e2b', shape: 'circle' },
    ],
  },
  graph: {
    nodes: NODES,
    edges: [
      {
        id: 'person:sonata-coulter|LEADS|agency:us-delegation',
        source: 'person:sonata-coulter',
        target: 'agency:us-delegation',
        type: 'LEADS',
        color: '#8a94a0',
        size: 2,
        arrow: true,
      },
      {
        id: 'person:aleksandr-darchiyev|LEADS|agency:russian-delegation',
        source: 'person:aleksandr-darchiyev',
        target: 'agency:russian-delegation',
        type: 'LEADS',
        color: '#8a94a0',
        size: 2,
        arrow: true,
        curvature: 0.3,
      },
    ],
  },
  sources: [
    {
      id: 'source:us-russia-embassy-talks-istanbul',
      name: 'U.S. and Russian delegations meet in Istanbul',
      outlet: null,
      published: null,
    },
  ],
};

let parley: Awaited<ReturnType<typeof startParley>>;
let browser: Browser;
let id: string;

beforeAll(async () => {
  parley = await startParley();
  browser = await launchBrowser();
  const res = await fetch(`${parley.baseUrl}/api/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  expect(res.status).toBe(201);
  id = ((await res.json()) as SnapshotCreatedResponse).id;
});
afterAll(async () => {
  await browser?.close();
  await parley?.close();
});

async function openSnapshot(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(withTestHook(`${parley.baseUrl}/s/${id}`));
  await page.waitForFunction(() => (window as unknown as { __parleySnapshot?: Hook }).__parleySnapshot?.ready === true);
  return page;
}

async function screen(page: Page): Promise<{ graph: Record<string, Pos>; viewport: Record<string, Pos> }> {
  return page.evaluate(
    (ids) => {
      const hook = (window as unknown as { __parleySnapshot: Hook }).__parleySnapshot;
      const viewport: Record<string, Pos> = {};
      for (const nid of ids) viewport[nid] = hook.viewportPosition(nid)!;
      return { graph: hook.positions(), viewport };
    },
    NODES.map((n) => n.id),
  );
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return readFile(path);
}

describe('snapshots in the browser', () => {
  let first: { graph: Record<string, Pos>; viewport: Record<string, Pos> };

  it('reopens /s/<id> with the stored nodes at the stored positions and reports the missing node', async () => {
    const page = await openSnapshot();
    first = await screen(page);
    expect(first.graph).toEqual(Object.fromEntries(NODES.map((n) => [n.id, { x: n.x, y: n.y }])));
    // drawn inside the 800×500 canvas, and spread out (not all in one spot)
    for (const p of Object.values(first.viewport)) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(800);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(500);
    }
    expect(first.viewport['person:aleksandr-darchiyev']!.x).toBeGreaterThan(
      first.viewport['person:sonata-coulter']!.x + 100,
    );
    await expect.poll(() => page.getByRole('heading', { name: doc.title }).count(), { timeout: 15_000 }).toBe(1);
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('1 node and 0 edges of this snapshot no longer exist');
    expect(alert).toContain('person:gone-since');
    expect(
      await page
        .getByText('Source: U.S. and Russian delegations meet in Istanbul (outlet and date not stated)')
        .count(),
    ).toBe(1);
    await page.context().close();
  });

  it('exports a PNG at 2× the canvas that decodes and is not blank, and an SVG matching the screen', async () => {
    const page = await openSnapshot();
    await page.getByText('Export', { exact: true }).click();
    await page.getByLabel('PNG size').selectOption('2');
    const png = await downloaded(page, () => page.getByRole('button', { name: 'PNG' }).click());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const decoded = await decodePng(page, png);
    // the exported page is at least 1000 × 640 (the 800 × 500 canvas is refitted into it)
    expect(decoded.width).toBe(2000);
    expect(decoded.height).toBe(1280);
    expect(decoded.coloured).toBeGreaterThan(1000);

    const svgText = (await downloaded(page, () => page.getByRole('button', { name: 'SVG' }).click())).toString('utf8');
    const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    expect(svg.documentElement?.getAttribute('width')).toBe('1000');
    const texts = Array.from(svg.getElementsByTagName('text')).map((t) => t.textContent);
    for (const n of NODES) expect(texts).toContain(n.label);
    expect(texts).toContain('Source: U.S. and Russian delegations meet in Istanbul (outlet and date not stated)');
    const circles = Array.from(svg.getElementsByTagName('circle')).filter((c) => c.getAttribute('class') === 'node');
    expect(circles.length).toBe(NODES.length);
    // the same arrangement as on screen, refitted into the page: one scale and one shift for every node
    const at = Object.fromEntries(
      circles.map((c) => [
        c.getAttribute('data-id')!,
        { x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) },
      ]),
    );
    const [a, b] = ['person:sonata-coulter', 'person:aleksandr-darchiyev'];
    const scale = (at[b]!.x - at[a]!.x) / (first.viewport[b]!.x - first.viewport[a]!.x);
    expect(scale).toBeGreaterThan(0);
    for (const n of NODES) {
      const want = {
        x: at[a]!.x + scale * (first.viewport[n.id]!.x - first.viewport[a]!.x),
        y: at[a]!.y + scale * (first.viewport[n.id]!.y - first.viewport[a]!.y),
      };
      expect(Math.abs(at[n.id]!.x - want.x)).toBeLessThan(0.5);
      expect(Math.abs(at[n.id]!.y - want.y)).toBeLessThan(0.5);
    }
    await page.context().close();
  });

  it('reopens the same picture in a fresh page, and lists it on /snapshots', async () => {
    const page = await openSnapshot();
    const again = await screen(page);
    expect(again.graph).toEqual(first.graph);
    for (const n of NODES) {
      expect(Math.abs(again.viewport[n.id]!.x - first.viewport[n.id]!.x)).toBeLessThan(0.5);
      expect(Math.abs(again.viewport[n.id]!.y - first.viewport[n.id]!.y)).toBeLessThan(0.5);
    }
    await page.goto(`${parley.baseUrl}/snapshots`);
    await page.getByRole('heading', { name: 'Snapshots' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: doc.title }).count(), { timeout: 15_000 }).toBe(1);
    await page.context().close();
  });
});
