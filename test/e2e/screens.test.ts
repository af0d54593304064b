// End to end in Chromium, as a new user at 1440x900, 1024x768 and 390x844 (issue 9): the canvas keeps most of
// the screen (side panels become drawers), nothing scrolls sideways, the console's editor is on screen on a
// phone; loading, no match and server down are said on screen; the keyboard reaches the canvas; the console's
// shipped query is not flagged, errors have words, Back keeps the result; words for people (plurals, keys,
// titles, dates); a snapshot page shows a clicked node's details, opens in the explorer, and presents full
// screen. Screenshots go to docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SnapshotCreatedResponse, SnapshotDocument } from '../../contract';
import { launchBrowser, screenshotPath, startParley, withTestHook } from '../_helpers';
import { nodePoint, visibleNodeIds, waitForGraph } from './explorer-helpers';

let parley: Awaited<ReturnType<typeof startParley>>;
let browser: Browser;
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
  parley = await startParley();
  browser = await launchBrowser();
  const res = await fetch(`${parley.baseUrl}/api/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(snapshot),
  });
  expect(res.status).toBe(201);
  snapshotId = ((await res.json()) as SnapshotCreatedResponse).id;
});
afterAll(async () => {
  await browser?.close();
  await fetch(`${parley.baseUrl}/api/snapshots/${snapshotId}`, { method: 'DELETE' });
  await parley?.close();
});

async function open(width: number, height: number, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(withTestHook(`${parley.baseUrl}${url}`));
  return page;
}

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
      // the toolbar stays on at most two rows (three at 1024 before), and inside the screen
      const toolbar = await box(page, '[role="toolbar"][aria-label="Graph tools"]');
      expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(size.width);
      if (size.width >= 1024) expect(toolbar.height).toBeLessThan(80);
      await page.screenshot({ path: screenshotPath(`explorer-${size.width}x${size.height}.png`) });

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
      await checkPresentation(page, size, '#graph-canvas', points);
      await page.screenshot({ path: screenshotPath(`presentation-${size.width}x${size.height}.png`) });
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
      await checkPresentation(snap, size, '[data-testid="snapshot-canvas"]', at);
      await snap.screenshot({ path: screenshotPath(`snapshot-presentation-${size.width}x${size.height}.png`) });
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
      await page.screenshot({ path: screenshotPath(`console-graph-${size.width}x${size.height}.png`) });
      await page.context().close();
    }
  });
});

describe('feedback the user can see', () => {
  it('shows loading while the graph loads, not "0 nodes" and "Nothing in view yet"', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/graph**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(withTestHook(`${parley.baseUrl}/`));
    await page.getByText('Loading the graph…').waitFor();
    const status = await page.textContent('.toolbar-status');
    expect(status).toContain('Loading');
    expect(status).not.toContain('0 nodes');
    expect(await page.getByText('Nothing in view yet').count()).toBe(0);
    release();
    await waitForGraph(page, 6);
    expect(await page.getByText('Loading the graph…').count()).toBe(0);
    await context.close();
  });

  it('says on screen when a search has no match, and when the server is down', async () => {
    const page = await open(1440, 900, '/');
    await waitForGraph(page, 6);
    const input = page.getByRole('combobox', { name: 'Search' });
    await input.fill('Zzyzx Quorble');
    const message = page.getByTestId('search-message');
    await message.waitFor();
    expect(await message.innerText()).toBe('No match for “Zzyzx Quorble”.');
    expect(await message.isVisible()).toBe(true);
    await page.route('**/api/search**', (route) => route.abort('connectionrefused'));
    await input.fill('Coulter');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="search-message"]')?.textContent?.startsWith('Search failed'),
    );
    expect(await message.isVisible()).toBe(true);
    await page.context().close();
  });

  it('keyboard: few Tab stops to the toolbar, a skip link to a focusable canvas, a radio group with a focus ring', async () => {
    const page = await open(1440, 900, '/');
    await waitForGraph(page, 6);
    // from the search box to the toolbar: the filter lists are one stop each now (44 stops before)
    await page.getByRole('combobox', { name: 'Search' }).focus();
    let stops = 0;
    for (; stops < 60; stops++) {
      await page.keyboard.press('Tab');
      const inToolbar = await page.evaluate(() => !!document.activeElement?.closest('[role="toolbar"]'));
      if (inToolbar) break;
    }
    expect(stops).toBeLessThan(25);

    // the radio group: one stop, arrows choose, a visible ring
    const whole = page.getByRole('radio', { name: 'Whole graph' });
    await page.getByRole('combobox', { name: 'Search' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Whole graph');
    const ring = await whole.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).not.toBe('none');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => document.querySelector('[role="radio"][aria-checked="true"]')?.textContent === 'Empty canvas',
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Empty canvas');

    // the skip link (first Tab stop of the explorer) leads to the canvas, which takes the keys
    await page.keyboard.press('Shift+Tab');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.focus('.skip-link');
    expect(await page.isVisible('.skip-link')).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'graph-canvas');
    await page.keyboard.press('?');
    await page.getByRole('dialog').waitFor();
    await page.context().close();
  });
});

describe('the console', () => {
  it('does not flag the shipped "Meetings by issue", names errors in words, keeps whole words, and Back keeps the result', async () => {
    const page = await open(1440, 900, '/console');
    await page.waitForSelector('[data-testid="console-editor"] .cm-content');
    await page.getByRole('button', { name: 'Meetings by issue' }).click();
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="console-table"] tbody tr');
    await page.waitForTimeout(800);
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);
    const cell = await page.$eval('[data-testid="console-table"] td', (el) => getComputedStyle(el).wordBreak);
    expect(cell).toBe('normal');
    const rows = await page.locator('[data-testid="console-table"] tbody tr').count();

    // leave and come back with Back: the same result is there
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(await page.title()).toBe('Explorer · Parley');
    await page.goBack();
    await page.waitForSelector('[data-testid="console-table"] tbody tr');
    expect(await page.locator('[data-testid="console-table"] tbody tr').count()).toBe(rows);
    expect(await page.title()).toBe('Console · Parley');

    await page.click('[data-testid="console-editor"] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('MATCH (n)\nRETURN n LIMT 3');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="console-error"]');
    expect(await page.textContent('[data-testid="console-error"] strong')).toBe('The query has an error');
    await page.context().close();
  });
});

describe('words for people', () => {
  it('pluralises one node, humanises property keys, and names the page', async () => {
    const page = await open(1440, 900, '/?start=empty&show=person:aleksandr-darchiyev');
    await waitForGraph(page, 1);
    expect(await visibleNodeIds(page)).toEqual(['person:aleksandr-darchiyev']);
    await page.waitForFunction(() => document.querySelector('.toolbar-status')?.textContent?.includes('1 node '));
    expect(await page.textContent('.toolbar-status')).toContain('1 node · 0 edges');
    const at = await nodePoint(page, 'person:aleksandr-darchiyev');
    await page.mouse.click(at.x, at.y);
    const details = page.getByRole('complementary', { name: 'Details' });
    await details.getByText('Identity inferred').waitFor();
    expect(await details.getByText('identityInferred', { exact: true }).count()).toBe(0);
    expect(await page.title()).toBe('Explorer · Parley');
    await page.context().close();
  });

  it('names the unknown snapshot in words, without an API route', async () => {
    const page = await open(1440, 900, '/s/no-such-snapshot');
    await page.getByRole('heading', { name: 'Snapshot not found' }).waitFor();
    const text = await page.innerText('main');
    expect(text).not.toContain('/api/');
    expect(await page.title()).toBe('Snapshot not found · Parley');
    await page.context().close();
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
