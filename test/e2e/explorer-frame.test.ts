/**
 * The canvas frames itself and stays readable (issue 9): the camera fits what matters after search and expand,
 * with room for labels; zoom buttons and keys; the selected node's neighbours and the "+N more" handle are
 * labelled, the handle clear of its anchor; edges are picked within a few pixels and the hovered one is shown;
 * focus goes to the graph after a search hit; Escape in the source dialog closes only the dialog.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HIGHLIGHT_EDGE } from '../../client/src/graph/palette';
import { distanceToSegment } from '../../client/src/state/render/utils';
import { browserSuite, screenshotPath } from '../_helpers';
import {
  chooseFromCombobox,
  hookState,
  nodePoint,
  positions,
  visibleEdgeIds,
  visibleNodeIds,
  waitForGraph,
} from './explorer-helpers';

const t = browserSuite();
const COULTER = 'person:sonata-coulter';

const open = (path: string) => t.open(path);

/** Framed, and at rest: every node drawn is inside the canvas with its whole label (where it is drawn), the camera
 * is not moving, no layout runs, and nothing moved since the last look (a frame passed mid-animation would let a
 * click land where a node or an edge no longer is). */
async function waitForFramed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const h = window.__parley;
      if (!h) return false;
      const r = h.containerRect();
      const ids = h.visibleNodeIds();
      const framed =
        ids.length > 0 &&
        ids.every((id) => {
          const b = h.nodeLabelRect(id);
          // the disc and the whole label are inside the canvas
          return (
            !!b && b.left >= r.left && b.right <= r.left + r.width && b.top >= r.top && b.bottom <= r.top + r.height
          );
        });
      const still = !h.cameraAnimating() && !(h.state() as { layoutRunning: boolean }).layoutRunning;
      const picture = JSON.stringify(ids.map((id) => h.nodeViewportPosition(id)));
      const w = window as unknown as { __lastPicture?: string };
      const same = w.__lastPicture === picture;
      w.__lastPicture = picture;
      return framed && still && same;
    },
    undefined,
    { timeout: 15_000, polling: 150 },
  );
}

describe('the canvas frames itself', () => {
  it('search then E from an empty canvas: focus is on the graph, the expansion is framed and labelled', async () => {
    const page = await open('/?start=empty');
    await page.getByRole('combobox', { name: 'Search' }).waitFor();
    await chooseFromCombobox(page, 'Search', 'Coulter', 'Sonata Coulter');
    await waitForGraph(page, 1);
    // the keyboard is on the graph: E expands without another click
    expect(
      await page.evaluate(() => {
        const a = document.activeElement;
        return a !== null && a.tagName !== 'INPUT' && a.closest('.canvas-wrap') !== null;
      }),
    ).toBe(true);
    await page.keyboard.press('e');
    await page.waitForFunction(() => (window.__parley?.visibleNodeIds().length ?? 0) > 1);
    await waitForFramed(page);
    const ids = await visibleNodeIds(page);
    expect(ids.length).toBeGreaterThan(3);
    // the selected node's neighbours are labelled whatever the zoom
    const shown = await page.evaluate(
      (all) => all.map((id) => window.__parley!.nodeDisplay(id)),
      ids.filter((id) => id !== COULTER),
    );
    for (const d of shown) expect(d).toMatchObject({ forceLabel: true, hidden: false });
    await page.screenshot({ path: screenshotPath('explorer-framed-expand.png') });

    // zoom keys and buttons, and fit brings everything back with its labels
    const r0 = await page.evaluate(() => window.__parley!.cameraRatio());
    await page.keyboard.press('+');
    await page.waitForFunction((r) => window.__parley!.cameraRatio() < r * 0.8, r0);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.waitForFunction((r) => window.__parley!.cameraRatio() > r * 1.2, r0);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.getByRole('button', { name: 'Fit the graph' }).click();
    await waitForFramed(page);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.locator('.sigma-container').focus();
    await page.keyboard.press('0');
    await waitForFramed(page);
    await page.close();
  });

  it('the "+N more" handle is labelled and sits clear of its anchor, which a click still selects', async () => {
    const page = await open('/');
    await waitForGraph(page, 1);
    await page.evaluate(() => window.__parley!.loadGenerated(60, 80, 3, ['gen:0']));
    await page.evaluate(() => window.__parley!.expand('gen:0'));
    await page.waitForFunction(() => !!window.__parley!.nodeDisplay('more:gen:0'));
    await waitForFramed(page);
    const handle = await page.evaluate(() => window.__parley!.nodeDisplay('more:gen:0'));
    expect(handle).toMatchObject({ label: '+34 more', forceLabel: true });
    const anchor = await page.evaluate(() => window.__parley!.nodeDisplay('gen:0'));
    const a = await nodePoint(page, 'gen:0');
    const m = await page.evaluate(() => {
      const h = window.__parley!;
      const v = h.nodeViewportPosition('more:gen:0')!;
      const r = h.containerRect();
      return { x: r.left + v.x, y: r.top + v.y };
    });
    // the two discs and a margin fit between the centres
    expect(Math.hypot(m.x - a.x, m.y - a.y)).toBeGreaterThan(anchor!.size + handle!.size + 8);
    await page.mouse.click(a.x, a.y);
    await page.waitForFunction(() => JSON.stringify(window.__parley!.state()).includes('"id":"gen:0"'));
    expect((await hookState(page)).selection).toEqual({ kind: 'node', id: 'gen:0' });
    expect((await hookState(page)).expansions[0]?.loaded).toBe(25);
    await page.screenshot({ path: screenshotPath('explorer-more-handle.png') });
    await page.close();
  });

  it('expanding Darchiyev from an empty canvas draws every relationship whose two ends are in view', async () => {
    const seed = (await (await fetch(`${t.parley.baseUrl}/api/graph?limit=5000`)).json()) as {
      edges: { id: string; source: string; target: string }[];
    };
    const page = await open('/?start=empty');
    await page.getByRole('combobox', { name: 'Search' }).waitFor();
    await chooseFromCombobox(page, 'Search', 'Darchiyev', 'Darchiyev');
    await waitForGraph(page, 1);
    await page.keyboard.press('e');
    await page.waitForFunction(() => (window.__parley?.state() as { expansions: unknown[] }).expansions.length === 1);
    const ids = new Set(await visibleNodeIds(page));
    const want = seed.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => e.id);
    // more than the anchor's own relationships: e.g. Coulter ATTENDED the April 10 meeting
    expect(
      want.filter(
        (id) => !seed.edges.find((e) => e.id === id && [e.source, e.target].some((x) => x.includes('darchiyev'))),
      ).length,
    ).toBeGreaterThan(0);
    await page.waitForFunction((n) => window.__parley!.visibleEdgeIds().length >= n, want.length);
    expect(await visibleEdgeIds(page)).toEqual(want.sort());
    await page.close();
  });

  it('an edge is picked within a few pixels of its line, and the hovered edge is shown', async () => {
    const page = await open(`/?start=empty&show=${encodeURIComponent(COULTER)}`);
    await waitForGraph(page, 1);
    await page.evaluate((id) => window.__parley!.expand(id), COULTER);
    await waitForFramed(page);
    // the relationships among the nodes in view have come in (POST /api/graph/among)
    const seedEdges = (
      (await (await fetch(`${t.parley.baseUrl}/api/graph?limit=5000`)).json()) as {
        edges: { source: string; target: string }[];
      }
    ).edges;
    const inView = new Set(await visibleNodeIds(page));
    const among = seedEdges.filter((x) => inView.has(x.source) && inView.has(x.target)).length;
    await page.waitForFunction((n) => window.__parley!.visibleEdgeIds().length === n, among);
    await waitForFramed(page);
    const edges = await visibleEdgeIds(page);
    const geo = await page.evaluate((ids) => {
      const h = window.__parley!;
      const r = h.containerRect();
      return ids.map((id) => {
        const d = h.edgeDisplay(id)!;
        const s = h.nodeViewportPosition(d.source)!;
        const t = h.nodeViewportPosition(d.target)!;
        return { id, x1: r.left + s.x, y1: r.top + s.y, x2: r.left + t.x, y2: r.top + t.y };
      });
    }, edges);
    // for each edge, the point 5 px to the side of its middle; take the edge whose point is farthest from the others
    const candidates = geo.map((e) => {
      const l = Math.hypot(e.x2 - e.x1, e.y2 - e.y1);
      const point = {
        x: (e.x1 + e.x2) / 2 + (-(e.y2 - e.y1) / l) * 5,
        y: (e.y1 + e.y2) / 2 + ((e.x2 - e.x1) / l) * 5,
      };
      const clear = Math.min(...geo.filter((o) => o.id !== e.id).map((o) => distanceToSegment(point, o)));
      return { e, point, clear };
    });
    const { e, point, clear } = candidates.sort((x, y) => y.clear - x.clear)[0]!;
    expect(clear).toBeGreaterThan(10);
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(([id, c]) => window.__parley!.edgeDisplay(id!)?.color === c, [
      e.id,
      HIGHLIGHT_EDGE,
    ] as const);
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction(() => (window.__parley!.state() as { selection: unknown }).selection !== null);
    expect((await hookState(page)).selection).toEqual({ kind: 'edge', id: e.id });
    // far from every edge and node, a click clears the selection
    const r = await page.evaluate(() => window.__parley!.containerRect());
    // sigma takes a second click within 300 ms for a double-click: this one is a single click
    await page.waitForTimeout(400);
    await page.mouse.click(r.left + r.width / 2, r.top + 10);
    await page.waitForFunction(() => (window.__parley!.state() as { selection: unknown }).selection === null);
    await page.close();
  });

  it('Escape in the source dialog closes the dialog only; focus goes back to what opened it', async () => {
    const page = await open(`/?start=empty&show=${encodeURIComponent(COULTER)}&node=${encodeURIComponent(COULTER)}`);
    await waitForGraph(page, 1);
    const opener = page.getByRole('button', { name: 'Show in source' }).first();
    await opener.waitFor();
    await opener.focus();
    await opener.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Source' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await hookState(page)).selection).toEqual({ kind: 'node', id: COULTER });
    expect(page.url()).toContain(`node=${encodeURIComponent(COULTER)}`);
    // back on a "Show in source" button of the details panel (what opened the dialog)
    await page.waitForFunction(() => document.activeElement?.textContent === 'Show in source');
    await page.close();
  });
});

describe('a shared view is the same picture', () => {
  it('a Circular + PageRank + Louvain view with a hidden node reopens from its address as it was', async () => {
    const a = await open('/');
    await waitForGraph(a, 10);
    await a.getByRole('button', { name: 'Circular', exact: true }).click();
    await a.getByRole('region', { name: 'View', exact: true }).getByLabel('Size by').selectOption('pagerank');
    await a.getByLabel('Colour by community (Louvain)').check();
    await chooseFromCombobox(a, 'Search', 'Coulter', 'Sonata Coulter');
    await a.keyboard.press('h');
    await a.waitForFunction((id) => !window.__parley!.visibleNodeIds().includes(id), COULTER);
    await a.waitForFunction(() => location.search.includes('hide=') && location.search.includes('layout=circular'));
    const url = new URL(a.url());
    expect(url.searchParams.get('size')).toBe('pagerank');
    expect(url.searchParams.get('color')).toBe('community');
    expect(url.searchParams.get('hide')).toBe(COULTER);
    const want = await positions(a);

    const b = await open(`/${url.search}`);
    await waitForGraph(b, 10);
    await b.waitForFunction(() => new URLSearchParams(location.search).get('layout') === 'circular');
    expect(await visibleNodeIds(b)).toEqual(await visibleNodeIds(a));
    expect(await positions(b)).toEqual(want);
    expect(await b.getByRole('region', { name: 'View', exact: true }).getByLabel('Size by').inputValue()).toBe(
      'pagerank',
    );
    expect(await b.getByLabel('Colour by community (Louvain)').isChecked()).toBe(true);
    await a.close();
    await b.close();
  });

  it('the path and the expansions are in the address too', async () => {
    const a = await open('/?start=empty');
    await a.getByRole('combobox', { name: 'Search' }).waitFor();
    await chooseFromCombobox(a, 'Search', 'Darchiyev', 'Darchiyev');
    await waitForGraph(a, 1);
    await a.keyboard.press('e');
    await a.waitForFunction(() => new URLSearchParams(location.search).get('expand') !== null);
    const b = await open(`/${new URL(a.url()).search}`);
    await b.waitForFunction(() => (window.__parley?.state() as { expansions?: unknown[] })?.expansions?.length === 1);
    // the same picture once both have settled (the relationships among the nodes in view arrive after the expansion)
    await expect
      .poll(async () => JSON.stringify(await visibleNodeIds(b)) === JSON.stringify(await visibleNodeIds(a)))
      .toBe(true);
    await expect
      .poll(async () => JSON.stringify(await visibleEdgeIds(b)) === JSON.stringify(await visibleEdgeIds(a)))
      .toBe(true);
    const c = await open(`/?path=${encodeURIComponent(`${COULTER},person:aleksandr-darchiyev`)}`);
    await c.waitForFunction(
      () => ((window.__parley?.state() as { path?: { nodes: string[] } })?.path?.nodes.length ?? 0) > 1,
    );
    expect((await hookState(c)).path?.nodes[0]).toBe(COULTER);
    for (const p of [a, b, c]) await p.close();
  });

  it('Share gives the link, or says the view is too big for one and offers Save snapshot', async () => {
    const page = await open('/');
    await waitForGraph(page, 10);
    await page.getByRole('button', { name: 'Share' }).click();
    const pop = page.getByRole('dialog', { name: 'Share this view' });
    expect(await pop.getByRole('textbox', { name: 'Link to this view' }).inputValue()).toBe(page.url());
    await page.getByRole('button', { name: 'Share' }).click();
    await page.evaluate(() => window.__parley!.loadGenerated(1500, 1600, 3, ['gen:0']));
    await page.waitForFunction(() => location.search.length > 2000);
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(pop.getByRole('status').textContent()).resolves.toMatch(/too big for a link/);
    expect(await pop.getByRole('button', { name: /Save snapshot/ }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('explorer-share-too-big.png') });
    await page.close();
  });
});

describe('legend and time bar follow what is shown', () => {
  it('under a range the undated meeting is left out, the April bar is grey, the counts follow; the rule is said', async () => {
    const page = await open('/?from=2025-02-01&to=2025-02-28');
    await waitForGraph(page, 10);
    const ids = await visibleNodeIds(page);
    expect(ids).toContain('meeting:february-27');
    expect(ids).not.toContain('meeting:istanbul-april-10');
    expect(ids).not.toContain('meeting:follow-up');
    const april = page.locator('.histogram .bin[title^="2025-04"] .bar');
    expect(await april.getAttribute('class')).toBe('bar');
    expect(await april.getAttribute('data-shown')).toBe('0');
    const feb = page.locator('.histogram .bin[title^="2025-02"] .bar');
    expect(await feb.getAttribute('class')).toBe('bar in');
    const meetings = page.locator('.legend-item', { hasText: 'Meeting' }).locator('.count');
    expect(await meetings.textContent()).toBe('1');
    expect(await page.getByText('meetings without a date are left out').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('explorer-time-range.png') });
    await page.close();
  });

  it('colouring by community: the legend says so, lists the communities, and uses colours no label uses', async () => {
    const page = await open('/?color=community');
    await waitForGraph(page, 10);
    const group = page.getByRole('region', { name: 'Communities' });
    await group.waitFor();
    const swatches = await group
      .locator('.swatch')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    expect(swatches.length).toBeGreaterThan(1);
    const labelSwatches = await page.locator('.legend-item .swatch').count();
    // only the communities have swatches: the label entries have none while colours mean communities
    expect(labelSwatches).toBe(swatches.length);
    const sum = await group.locator('.count').evaluateAll((els) => els.reduce((n, e) => n + Number(e.textContent), 0));
    expect(sum).toBe((await visibleNodeIds(page)).length);
    expect(await page.getByText('Colours show communities').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('explorer-communities.png') });
    await page.close();
  });
});
