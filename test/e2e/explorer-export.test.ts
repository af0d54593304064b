/**
 * The explorer's exports, snapshots and presentation mode in a real browser (Debian's Chromium) against a real
 * Parley over the run's Neo4j with the seed: the console's "Open in explorer" shows the result's nodes (even
 * after the explorer was open on the whole graph), the console graph exports a PNG, the explorer exports a PNG at
 * 2× and an SVG with the node labels and the source footnote, "Save snapshot" gives a link whose page shows the
 * same nodes at the same places, and presentation mode hides the panels. Saves docs/screenshots/presentation.png
 * and docs/screenshots/snapshot.png.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import type { NodeDetails, SnapshotResponse, SourceDetails } from '../../contract';
import { sourcesFootnote } from '../../client/src/utils/export/footnote';
import { decodePng, launchBrowser, screenshotPath, startParley, withTestHook } from '../_helpers';
import { hookState, positions, visibleNodeIds, waitForGraph } from './explorer-helpers';

type Pos = { x: number; y: number };
interface SnapshotHook {
  ready: boolean;
  positions: () => Record<string, Pos>;
  viewportPosition: (id: string) => Pos | null;
}

const QUERY =
  'MATCH (p:Person)-[r:ATTENDED]->(m:Meeting)-[h:HELD_IN]->(pl:Place) RETURN p.name AS name, p, r, m, h, pl ORDER BY name';

let parley: Awaited<ReturnType<typeof startParley>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const createdSnapshots: string[] = [];

beforeAll(async () => {
  parley = await startParley();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  for (const id of createdSnapshots) await fetch(`${parley.baseUrl}/api/snapshots/${id}`, { method: 'DELETE' });
  await parley?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function downloaded(p: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([p.waitForEvent('download'), click()]);
  return readFile(await download.path());
}

async function typeQuery(text: string) {
  await page.click('[data-testid="console-editor"] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function presenting(p: Page): Promise<{ on: boolean; labelSize: number }> {
  const s = await hookState(p);
  return { on: s.presenting, labelSize: s.labelSize };
}

async function viewportPositions(p: Page, ids: string[]): Promise<Record<string, Pos>> {
  return p.evaluate((list) => {
    const out: Record<string, Pos> = {};
    for (const id of list) out[id] = window.__parley!.nodeViewportPosition(id)!;
    return out;
  }, ids);
}

describe('explorer exports, snapshots and presentation', () => {
  let shown: string[] = [];

  it('console: exports the result graph as a PNG, and "Open in explorer" shows exactly its nodes', async () => {
    // the explorer first, on the whole graph: its session is kept when the console is opened
    await page.goto(withTestHook(`${parley.baseUrl}/`));
    await waitForGraph(page, 6);
    const whole = (await visibleNodeIds(page)).length;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).click();
    await page.waitForSelector('[data-testid="console-editor"] .cm-content');
    await typeQuery(QUERY);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="console-table"] tbody tr');
    await page.click('[data-testid="console-tab-graph"]');
    await page.waitForSelector('[data-testid="console-graph"] canvas');

    await page.locator('[data-testid="console-graph"] .export-menu > summary').click();
    await page.getByLabel('PNG size').selectOption('2');
    const png = await downloaded(page, () => page.getByRole('button', { name: 'PNG', exact: true }).click());
    const size = await page.$eval('[data-testid="console-graph"] .sigma', (el) => {
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    });
    const img = await decodePng(page, png);
    // a page at least 1000 × 640, whatever the size of the canvas
    expect(img.width).toBe(Math.max(size.width, 1000) * 2);
    expect(img.height).toBe(Math.max(size.height, 640) * 2);
    expect(img.coloured).toBeGreaterThan(500);

    await page.getByRole('link', { name: 'Open in explorer' }).click();
    await page.waitForURL(/start=empty/);
    const asked = new URL(page.url()).searchParams.get('show')!.split(',').sort();
    expect(asked.length).toBe(4);
    await page.waitForFunction((n) => window.__parley?.visibleNodeIds().length === n, asked.length);
    shown = await visibleNodeIds(page);
    expect(shown).toEqual(asked);
    expect(shown.length).toBeLessThan(whole);
    expect((await hookState(page)).start).toBe('empty');
  });

  let canvasPositions: Record<string, Pos> = {};
  let onScreen: Record<string, Pos> = {};
  let names: Record<string, string> = {};
  let footnote = '';

  it('arranges the view, exports a PNG at 2× that decodes, and an SVG with the node labels and sources', async () => {
    const before = await positions(page);
    await page.getByRole('toolbar', { name: 'Graph tools' }).getByRole('button', { name: 'Circular' }).click();
    await page.waitForFunction((b) => {
      const now = window.__parley!.positions();
      return Object.keys(b).some((id) => now[id] && (now[id].x !== b[id]!.x || now[id].y !== b[id]!.y));
    }, before);
    expect((await hookState(page)).undo).toBe('layout: circular');
    canvasPositions = await positions(page);

    // what the labels and the footnote must say, from the API
    const details = await Promise.all(
      shown.map(async (id) => (await (await fetch(`${parley.baseUrl}/api/nodes/${id}`)).json()) as NodeDetails),
    );
    names = Object.fromEntries(details.map((d) => [d.node.id, d.node.name]));
    const inView = new Set(shown);
    const sourceIds = [
      ...new Set(
        details.flatMap((d) =>
          d.relationships
            .filter((r) => inView.has(r.edge.source) && inView.has(r.edge.target))
            .flatMap((r) => r.edge.evidence.map((e) => e.sourceId)),
        ),
      ),
    ].sort();
    expect(sourceIds.length).toBeGreaterThan(0);
    const sources = await Promise.all(
      sourceIds.map(async (id) => (await (await fetch(`${parley.baseUrl}/api/sources/${id}`)).json()) as SourceDetails),
    );
    footnote = sourcesFootnote(sources);

    const tools = page.getByRole('toolbar', { name: 'Graph tools' });
    await tools.locator('.export-menu > summary').click();
    await page.getByLabel('PNG size').selectOption('2');
    const canvas = await page.evaluate(() => window.__parley!.containerRect());
    const png = await downloaded(page, () => page.getByRole('button', { name: 'PNG', exact: true }).click());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const img = await decodePng(page, png);
    expect(img.width).toBe(Math.max(Math.round(canvas.width), 1000) * 2);
    expect(img.height).toBe(Math.max(Math.round(canvas.height), 640) * 2);
    expect(img.coloured).toBeGreaterThan(500);

    const svgText = (
      await downloaded(page, () => page.getByRole('button', { name: 'SVG', exact: true }).click())
    ).toString('utf8');
    const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const pageWidth = Math.max(Math.round(canvas.width), 1000);
    expect(svg.documentElement?.getAttribute('width')).toBe(String(pageWidth));
    const texts = (cls: string) =>
      Array.from(svg.getElementsByTagName('text'))
        .filter((t) => t.getAttribute('class') === cls)
        .map((t) => t.textContent ?? '');
    expect(texts('node-label').sort()).toEqual(shown.map((id) => names[id]).sort());
    // the footnote may be wrapped over several lines
    expect(texts('footnote').join(' ')).toBe(footnote);
    const circles = Array.from(svg.getElementsByTagName('circle')).filter((c) => c.getAttribute('class') === 'node');
    expect(circles.map((c) => c.getAttribute('data-id')).sort()).toEqual(shown);
    // publication-grade: a title that says something, and every label inside the page, left of the legend and
    // above the footnote (labels were cut at the right edge and covered by the legend and footnote boxes)
    expect(texts('title').join(' ')).not.toBe('Parley');
    expect(texts('title').join(' ').length).toBeGreaterThan(0);
    const legend = Array.from(svg.getElementsByTagName('rect')).find(
      (r) => r.getAttribute('class') === 'panel legend',
    )!;
    const legendLeft = Number(legend.getAttribute('x'));
    const footTop = Math.min(
      ...Array.from(svg.getElementsByTagName('text'))
        .filter((t) => t.getAttribute('class') === 'footnote')
        .map((t) => Number(t.getAttribute('y')) - 11),
    );
    for (const t of Array.from(svg.getElementsByTagName('text')).filter(
      (x) => x.getAttribute('class') === 'node-label',
    )) {
      const x = Number(t.getAttribute('x'));
      const y = Number(t.getAttribute('y'));
      const width = (t.textContent ?? '').length * 12 * 0.56;
      expect(x + width, t.textContent ?? '').toBeLessThanOrEqual(legendLeft);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y, t.textContent ?? '').toBeLessThan(footTop);
    }
    // placed as on screen (client/src/utils/labelPlacer.ts): each label beside its node on the side the file
    // names (right, left, below, above; widths as the SVG writer estimates them), no two overlapping
    const discs = new Map(
      circles.map((c) => [
        c.getAttribute('data-id')!,
        { x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')), r: Number(c.getAttribute('r')) },
      ]),
    );
    const placed = Array.from(svg.getElementsByTagName('text'))
      .filter((t) => t.getAttribute('class') === 'node-label')
      .map((t) => {
        const n = discs.get(t.getAttribute('data-id')!)!;
        const text = t.textContent ?? '';
        const w = text.length * 12 * 0.56;
        const x = Number(t.getAttribute('x'));
        const top = Number(t.getAttribute('y')) - 6 - 4;
        const side = t.getAttribute('data-side');
        if (side === 'right') expect(x, text).toBeCloseTo(n.x + n.r + 3, 1);
        else if (side === 'left') expect(x + w, text).toBeCloseTo(n.x - n.r - 3, 1);
        else if (side === 'below') expect(top, text).toBeCloseTo(n.y + n.r + 2, 1);
        else expect([side, top], text).toEqual(['above', expect.closeTo(n.y - n.r - 2 - 12, 1)]);
        return { text, left: x, right: x + w, top, bottom: top + 12 };
      });
    for (const [i, a] of placed.entries())
      for (const b of placed.slice(i + 1))
        expect(
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
          `"${a.text}" / "${b.text}"`,
        ).toBe(false);

    // GEXF carries the database's attributes and each relationship's evidence (quote and source id)
    const gexf = (
      await downloaded(page, () => page.getByRole('button', { name: 'GEXF', exact: true }).click())
    ).toString('utf8');
    const g = parseGexf(Graph, gexf);
    const withEvidence = g.filterEdges((_e, a) => typeof a['evidence_quote'] === 'string');
    expect(withEvidence.length).toBeGreaterThan(0);
    for (const e of withEvidence) {
      expect(sourceIds).toContain(String(g.getEdgeAttribute(e, 'evidence_source')).split('\n')[0]);
    }
    expect(g.someNode((_n, a) => typeof a['labels'] === 'string' && a['labels'].length > 0)).toBe(true);
    const graphml = (
      await downloaded(page, () => page.getByRole('button', { name: 'GraphML', exact: true }).click())
    ).toString('utf8');
    expect(graphml).toContain('attr.name="evidence_quote"');
    expect(graphml).toContain('attr.name="evidence_source"');
    await tools.locator('.export-menu > summary').click();
  });

  let snapshotUrl = '';

  it('saves a snapshot from the explorer and shows its link in the dialog', async () => {
    onScreen = await viewportPositions(page, shown);
    await page.getByRole('button', { name: 'Save snapshot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
    await dialog.getByLabel('Title').fill('Who met in Istanbul (e2e)');
    await dialog.getByLabel('Caption').fill('Arranged in a circle.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const saved = page.getByRole('dialog', { name: 'Snapshot saved' });
    await saved.waitFor();
    snapshotUrl = await saved.getByLabel('Snapshot link').inputValue();
    const m = /^http:\/\/127\.0\.0\.1:\d+\/s\/([^/?#]+)$/.exec(snapshotUrl);
    expect(m).not.toBeNull();
    createdSnapshots.push(decodeURIComponent(m![1]!));
    expect(snapshotUrl.startsWith(parley.baseUrl)).toBe(true);
    await saved.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => saved.count()).toBe(0);

    const stored = (await (
      await fetch(`${parley.baseUrl}/api/snapshots/${createdSnapshots[0]}`)
    ).json()) as SnapshotResponse;
    expect(stored.snapshot.view.mode).toBe('graph');
    expect(stored.snapshot.view.styles).toMatchObject({ labelSize: 12, labelRenderedSizeThreshold: 4 });
    expect(stored.snapshot.graph.nodes.map((n) => n.id).sort()).toEqual(shown);
    expect(sourcesFootnote(stored.snapshot.sources)).toBe(footnote);
    expect(stored.missing).toEqual({ nodes: [], edges: [] });
  });

  it('reopens the snapshot link in a fresh page with the same nodes at the same positions', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const p = await fresh.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(withTestHook(snapshotUrl));
    await p.waitForFunction(
      () => (window as unknown as { __parleySnapshot?: SnapshotHook }).__parleySnapshot?.ready === true,
    );
    const got = await p.evaluate((ids) => {
      const hook = (window as unknown as { __parleySnapshot: SnapshotHook }).__parleySnapshot;
      const viewport: Record<string, Pos> = {};
      for (const id of ids) viewport[id] = hook.viewportPosition(id)!;
      return { graph: hook.positions(), viewport };
    }, shown);
    expect(Object.keys(got.graph).sort()).toEqual(shown);
    for (const id of shown) {
      expect(got.graph[id]!.x).toBeCloseTo(canvasPositions[id]!.x, 6);
      expect(got.graph[id]!.y).toBeCloseTo(canvasPositions[id]!.y, 6);
      expect(Math.abs(got.viewport[id]!.x - onScreen[id]!.x)).toBeLessThan(0.5);
      expect(Math.abs(got.viewport[id]!.y - onScreen[id]!.y)).toBeLessThan(0.5);
    }
    await p.getByRole('heading', { name: 'Who met in Istanbul (e2e)' }).waitFor();
    expect(await p.getByText(footnote, { exact: true }).count()).toBeGreaterThan(0);
    await p.screenshot({ path: screenshotPath('snapshot.png') });
    await fresh.close();
  });

  it('presentation mode (P, listed under ?) hides the panels and the toolbar, and Escape leaves it', async () => {
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await shortcuts.waitFor();
    expect(await shortcuts.innerText()).toContain('Presentation mode');
    await page.keyboard.press('Escape');
    await expect.poll(() => shortcuts.count()).toBe(0);

    const left = page.getByRole('complementary', { name: 'Search and filters' });
    const right = page.getByRole('complementary', { name: 'Details' });
    expect(await left.isVisible()).toBe(true);
    const small = await page.evaluate(() => window.__parley!.containerRect());
    expect(await presenting(page)).toEqual({ on: false, labelSize: 12 });
    await page.locator('body').press('p');
    await page.getByLabel('Presentation').waitFor();
    expect(await presenting(page)).toEqual({ on: true, labelSize: 18 });
    expect(await left.isVisible()).toBe(false);
    expect(await right.isVisible()).toBe(false);
    expect(await page.getByRole('toolbar', { name: 'Graph tools' }).isVisible()).toBe(false);
    // the canvas takes the room the panels had, and the nodes are all still drawn
    await page.waitForFunction((w) => window.__parley!.containerRect().width > w + 300, small.width);
    expect(await visibleNodeIds(page)).toEqual(shown);
    // no node sits under the title or the legend: the canvas is framed in the room they leave
    const boxes = await Promise.all(
      ['.presentation-overlay .heading', '.presentation-overlay .legend'].map((sel) => page.locator(sel).boundingBox()),
    );
    await page.waitForTimeout(600); // the framing animation
    const rect = await page.evaluate(() => window.__parley!.containerRect());
    for (const id of shown) {
      const v = await page.evaluate((n) => window.__parley!.nodeViewportPosition(n), id);
      const at = { x: rect.left + v!.x, y: rect.top + v!.y };
      for (const b of boxes) {
        const inside = at.x >= b!.x && at.x <= b!.x + b!.width && at.y >= b!.y && at.y <= b!.y + b!.height;
        expect(inside, `${id} under an overlay box`).toBe(false);
      }
    }
    await page.screenshot({ path: screenshotPath('presentation.png') });

    await page.keyboard.press('Escape');
    await left.waitFor();
    expect(await page.getByLabel('Presentation').count()).toBe(0);
    expect(await presenting(page)).toEqual({ on: false, labelSize: 12 });
    expect(await right.isVisible()).toBe(true);
  });
});
