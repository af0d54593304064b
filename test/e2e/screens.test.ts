// End to end in Chromium, as a new user at 1440x900, 1024x768 and 390x844 (issue 9): the canvas keeps most of
// the screen (side panels become drawers), nothing scrolls sideways, every link of the header is on screen, the
// console's editor is on screen on a phone; labels are inside their canvas and clear of each other (explorer,
// presentation, console graph) and out from under the controls over the canvas; a snapshot page shows a clicked node's details, opens in the explorer, and
// presents full screen. What the user is told (loading, no match, words) is in feedback.test.ts. Screenshots go
// to docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SnapshotCreatedResponse, SnapshotDocument } from '../../contract';
import { browserSuite, screenshotPath } from '../_helpers';
import { labelClashes, nodePoint, visibleNodeIds, waitForGraph } from './explorer-helpers';

const t = browserSuite();
let snapshotId = '';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'laptop', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const snapshot: SnapshotDocument = {
  format: 'parley-snapshot',
  version: 1,
  title: 'Istanbul: who led the delegations',
  caption: '',
  view: {
    mode: 'graph',
    camera: { x: 0.5, y: 0.5, ratio: 1.1, angle: 0 },
    viewport: { width: 600, height: 400 },
    bbox: null,
    filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
    selection: [],
    query: null,
    styles: {},
    legend: [{ label: 'Person', color: '#4e79a7', shape: 'circle' }],
  },
  graph: {
    nodes: [
      { id: 'person:sonata-coulter', label: 'Sonata Coulter', kind: 'Person', x: 0, y: 0, size: 14, color: '#4e79a7' },
      {
        id: 'person:aleksandr-darchiyev',
        label: 'Aleksandr Darchiyev',
        kind: 'Person',
        x: 100,
        y: 10,
        size: 14,
        color: '#4e79a7',
      },
    ],
    edges: [],
  },
  sources: [],
};

beforeAll(async () => {
  const res = await fetch(`${t.parley.baseUrl}/api/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(snapshot),
  });
  expect(res.status).toBe(201);
  snapshotId = ((await res.json()) as SnapshotCreatedResponse).id;
});
afterAll(async () => {
  await fetch(`${t.parley.baseUrl}/api/snapshots/${snapshotId}`, { method: 'DELETE' });
});

const open = (width: number, height: number, url: string): Promise<Page> => t.open(url, { width, height });

const box = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });

describe('every screen size', () => {
  for (const size of SIZES) {
    it(`explorer at ${size.width}x${size.height}: the canvas gets most of the screen, nothing scrolls sideways`, async () => {
      const page = await open(size.width, size.height, '/');
      await waitForGraph(page, 6);
      await page.waitForTimeout(300);
      const canvas = await box(page, '#graph-canvas');
      expect(canvas.width).toBeGreaterThanOrEqual(size.width * (size.width > 1100 ? 0.5 : 0.95));
      expect(canvas.height).toBeGreaterThan(size.height * 0.45);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(scroll).toBeLessThanOrEqual(0);
      // the labels drawn are inside the canvas and clear of each other ("Ukraine ceasefire" ran into "Russia"),
      // and none runs under the zoom buttons ("State Department spokesperson" did at 1440x900)
      const labels = await labelClashes(page, '#graph-canvas');
      expect(labels.drawn.length).toBeGreaterThan(size.width > 1100 ? 10 : 1);
      expect(labels.overlapping).toEqual([]);
      expect(labels.outside).toEqual([]);
      expect(labels.controls).toBe(1);
      expect(labels.covered).toEqual([]);
      // the toolbar stays on at most two rows (three at 1024 before), and inside the screen
      const toolbar = await box(page, '[role="toolbar"][aria-label="Graph tools"]');
      expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(size.width);
      if (size.width >= 1024) expect(toolbar.height).toBeLessThan(80);
      await page.screenshot({ path: screenshotPath(`explorer-${size.width}x${size.height}.png`) });
      // "Select area" lays its bar over the canvas's bottom edge: the labels move out from under it too
      await page.getByRole('button', { name: 'Select area' }).click();
      await page.getByRole('group', { name: 'Select area' }).waitFor();
      // the bar's arrival redraws the labels: wait for the frame that measured it
      await expect.poll(async () => (await labelClashes(page, '#graph-canvas')).controls).toBe(2);
      await expect.poll(async () => (await labelClashes(page, '#graph-canvas')).covered).toEqual([]);
      const withBar = await labelClashes(page, '#graph-canvas');
      expect(withBar.drawn.length).toBeGreaterThan(0);
      expect(withBar.overlapping).toEqual([]);
      expect(withBar.covered).toEqual([]);
      await page.getByRole('button', { name: 'Select area' }).click();

      if (size.width <= 1100) {
        // the panels are drawers: closed, they take no width; the details drawer opens on a selection
        expect(await page.isVisible('aside[aria-label="Search and filters"]')).toBe(false);
        await page.getByRole('button', { name: '☰ Search and filters' }).click();
        await page.waitForSelector('aside[aria-label="Search and filters"]', { state: 'visible' });
        const drawer = await box(page, 'aside[aria-label="Search and filters"]');
        expect(drawer.x).toBeGreaterThanOrEqual(0);
        expect(drawer.x + drawer.width).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: screenshotPath(`explorer-${size.width}x${size.height}-drawer.png`) });
      }
      await page.context().close();
    });
  }

  it('the header at 390x844 on every page: every link on screen (it wraps), nothing scrolls sideways', async () => {
    for (const path of ['/', '/console', '/snapshots', '/duplicates', '/import', '/extract']) {
      const page = await open(390, 844, path);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.waitFor();
      await page.waitForLoadState('networkidle'); // the page's lazy chunk and its first data
      const links = await nav.getByRole('link').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
      );
      expect(links.map((l) => l.text)).toEqual(['Explorer', 'Console', 'Snapshots', 'Duplicates', 'Import', 'Article']);
      for (const l of links) {
        expect(l.left, `${path}: ${l.text}`).toBeGreaterThanOrEqual(0);
        expect(l.right, `${path}: ${l.text}`).toBeLessThanOrEqual(390);
        expect(l.top, `${path}: ${l.text}`).toBeGreaterThanOrEqual(0);
        expect(l.bottom, `${path}: ${l.text}`).toBeLessThanOrEqual(120);
      }
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(scroll, path).toBeLessThanOrEqual(0);
      if (path === '/console') {
        await page.screenshot({ path: screenshotPath('header-390x844.png') });
        // the last link is reachable: a tap on it opens its page
        await nav.getByRole('link', { name: 'Article' }).click();
        await page.waitForURL((u) => u.pathname === '/extract');
      }
      await page.context().close();
    }
  });

  it('console on a phone: the editor is on screen, above the history', async () => {
    const page = await open(390, 844, '/console');
    await page.waitForSelector('[data-testid="console-editor"] .cm-content');
    const editor = await box(page, '[data-testid="console-editor"]');
    expect(editor.x).toBeGreaterThanOrEqual(0);
    expect(editor.x + editor.width).toBeLessThanOrEqual(390);
    expect(editor.y + 40).toBeLessThan(844);
    expect(editor.width).toBeGreaterThan(300);
    await page.screenshot({ path: screenshotPath('console-390x844.png') });
    await page.context().close();
  });
});

type Box = Awaited<ReturnType<typeof box>>;
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
/**
 * Presentation: the title, legend, footnote and Exit button are on screen, cover neither each other nor the graph,
 * the graph gets a good part of the screen, and every node is drawn inside the graph's box.
 */
async function checkPresentation(
  page: Page,
  size: { width: number; height: number },
  graphSelector: string,
  nodes: { x: number; y: number }[],
) {
  const names: string[] = [];
  // the pieces shown (a snapshot without sources has no footnote)
  for (const n of ['heading', 'legend', 'footnote', 'exit'])
    if ((await page.locator(`.presentation-overlay .${n}`).count()) > 0) names.push(n);
  expect(names).toEqual(expect.arrayContaining(['heading', 'legend', 'exit']));
  const pieces = await Promise.all(names.map((n) => box(page, `.presentation-overlay .${n}`)));
  const graph = await box(page, graphSelector);
  const all = [...pieces, graph];
  const labels = [...names, 'graph'];
  for (const [i, b] of all.entries()) {
    expect(b.x, labels[i]).toBeGreaterThanOrEqual(0);
    expect(b.y, labels[i]).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, labels[i]).toBeLessThanOrEqual(size.width + 0.5);
    expect(b.y + b.height, labels[i]).toBeLessThanOrEqual(size.height + 0.5);
    for (const [j, c] of all.entries()) if (j > i) expect(overlaps(b, c), `${labels[i]} / ${labels[j]}`).toBe(false);
  }
  expect(graph.width * graph.height).toBeGreaterThan(size.width * size.height * 0.35);
  // the picture uses the room it has: its nodes span most of the graph's box across or down (on a phone the
  // whole graph sat in a third of the width, under long labels)
  if (nodes.length > 2) {
    const span = (v: number[]) => Math.max(...v) - Math.min(...v);
    const used = Math.max(span(nodes.map((p) => p.x)) / graph.width, span(nodes.map((p) => p.y)) / graph.height);
    expect(used).toBeGreaterThan(0.6);
  }
  // every label drawn is inside the graph's box and clear of the others; presentation lays no control over the
  // graph (its title, legend and Exit sit around it), so there is nothing for a label to run under
  const drawn = await labelClashes(page, graphSelector);
  expect(drawn.controls).toBe(0);
  expect(drawn.drawn.length).toBeGreaterThan(0);
  expect(drawn.overlapping).toEqual([]);
  expect(drawn.outside).toEqual([]);
  expect(drawn.covered).toEqual([]);
  for (const p of nodes) {
    expect(p.x).toBeGreaterThanOrEqual(graph.x);
    expect(p.x).toBeLessThanOrEqual(graph.x + graph.width);
    expect(p.y).toBeGreaterThanOrEqual(graph.y);
    expect(p.y).toBeLessThanOrEqual(graph.y + graph.height);
  }
}

describe('presentation at every size', () => {
  for (const size of SIZES) {
    it(`from the explorer and from a snapshot page at ${size.width}x${size.height}`, async () => {
      const page = await open(size.width, size.height, '/');
      await waitForGraph(page, 6);
      await page.locator('body').press('p');
      await page.getByLabel('Presentation').waitFor();
      await page.waitForTimeout(800); // the framing animation
      expect(await page.isVisible('.drawer-bar')).toBe(false);
      const ids = await visibleNodeIds(page);
      const points = await Promise.all(ids.map((id) => nodePoint(page, id)));
      await page.screenshot({ path: screenshotPath(`presentation-${size.width}x${size.height}.png`) });
      await checkPresentation(page, size, '#graph-canvas', points);
      await page.context().close();

      const snap = await open(size.width, size.height, `/s/${snapshotId}`);
      await snap.waitForFunction(
        () => (window as unknown as { __parleySnapshot?: { ready: boolean } }).__parleySnapshot?.ready === true,
      );
      await snap.getByRole('button', { name: 'Present' }).click();
      await snap.getByLabel('Presentation').waitFor();
      await snap.waitForTimeout(300);
      const at = await snap.evaluate(
        (list) => {
          const hook = (
            window as unknown as { __parleySnapshot: { viewportPosition: (id: string) => { x: number; y: number } } }
          ).__parleySnapshot;
          const r = document.querySelector('[data-testid="snapshot-canvas"]')!.getBoundingClientRect();
          return list.map((id) => ({
            x: r.left + hook.viewportPosition(id).x,
            y: r.top + hook.viewportPosition(id).y,
          }));
        },
        snapshot.graph.nodes.map((n) => n.id),
      );
      await snap.screenshot({ path: screenshotPath(`snapshot-presentation-${size.width}x${size.height}.png`) });
      await checkPresentation(snap, size, '[data-testid="snapshot-canvas"]', at);
      await snap.context().close();
    });
  }

  it('the console graph at every size: on screen, every node of a small result labelled', async () => {
    for (const size of SIZES) {
      const page = await open(size.width, size.height, '/console');
      await page.waitForSelector('[data-testid="console-editor"] .cm-content');
      await page.click('[data-testid="console-editor"] .cm-content');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText('MATCH p=(a)-[r]->(m) RETURN p, m LIMIT 5');
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid="console-table"] tbody tr');
      await page.click('[data-testid="console-tab-graph"]');
      await page.waitForSelector('[data-testid="console-graph"] canvas');
      expect(await page.getAttribute('[data-testid="console-graph"]', 'data-labels')).toBe('all');
      const canvas = await box(page, '.console-graph-canvas');
      expect(canvas.x).toBeGreaterThanOrEqual(0);
      expect(canvas.x + canvas.width).toBeLessThanOrEqual(size.width);
      expect(canvas.height).toBeGreaterThan(200);
      // every node labelled, each label inside the canvas and clear of the others ("Rubio" ran into "United States")
      await page.waitForTimeout(600); // the fit's animation
      const labels = await labelClashes(page, '[data-testid="console-graph"]');
      expect(labels.drawn.length).toBe(Number(await page.getAttribute('[data-testid="console-graph"]', 'data-nodes')));
      expect(labels.overlapping).toEqual([]);
      expect(labels.outside).toEqual([]);
      // nor under the Export button over the canvas's corner
      expect(labels.controls).toBe(1);
      expect(labels.covered).toEqual([]);
      await page.screenshot({ path: screenshotPath(`console-graph-${size.width}x${size.height}.png`) });
      await page.context().close();
    }
  });
});

describe('the snapshot page', () => {
  it('shows a clicked node’s details read-only, opens in the explorer, and presents on the whole screen', async () => {
    const page = await open(1440, 900, `/s/${snapshotId}`);
    await page.waitForFunction(
      () => (window as unknown as { __parleySnapshot?: { ready: boolean } }).__parleySnapshot?.ready === true,
    );
    expect(await page.title()).toBe(`${snapshot.title} · Parley`);
    const meta = await page.innerText('.snapshot-viewer header');
    expect(meta).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(meta).toMatch(/saved \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC/);

    const at = await page.evaluate(() => {
      const hook = (
        window as unknown as { __parleySnapshot: { viewportPosition: (id: string) => { x: number; y: number } } }
      ).__parleySnapshot;
      const p = hook.viewportPosition('person:aleksandr-darchiyev');
      const r = document.querySelector('[data-testid="snapshot-canvas"]')!.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.click(at.x, at.y);
    const details = page.getByRole('complementary', { name: 'Details' });
    await details.getByRole('heading', { name: 'Aleksandr Darchiyev' }).waitFor();
    await details.getByText('Identity inferred').waitFor();
    // read-only: no expand, hide or path actions
    expect(await details.getByRole('button', { name: 'Expand neighbours' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('snapshot-details.png') });

    // Present: the picture takes the whole screen
    await page.getByRole('button', { name: 'Present' }).click();
    await page.getByLabel('Presentation').waitFor();
    await page.waitForTimeout(300);
    const stage = await box(page, '.snapshot-stage.presenting');
    expect([stage.x, stage.y, stage.width, stage.height]).toEqual([0, 0, 1440, 900]);
    // the graph gets most of it, below the title and left of the legend, which never cover a node
    const canvas = await box(page, '[data-testid="snapshot-canvas"]');
    expect(canvas.width).toBeGreaterThan(1440 * 0.75);
    expect(canvas.height).toBeGreaterThan(900 * 0.75);
    const heading = await box(page, '.presentation-overlay .heading');
    expect(heading.y + heading.height).toBeLessThanOrEqual(canvas.y);
    await page.screenshot({ path: screenshotPath('snapshot-presentation.png') });
    await page.keyboard.press('Escape');
    await page.getByLabel('Presentation').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Open in explorer' }).click();
    await page.waitForURL(/start=empty/);
    await waitForGraph(page, 2);
    expect(await visibleNodeIds(page)).toEqual(['person:aleksandr-darchiyev', 'person:sonata-coulter']);
    await page.context().close();
  });
});
