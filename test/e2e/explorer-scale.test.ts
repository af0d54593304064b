/**
 * The explorer with a big graph generated in the page (10,000 nodes, 50,000 edges, seeded): ForceAtlas2 runs in a
 * web worker while the page keeps answering, positions stay in the view state so the graph reopens without a new
 * layout, and expanding a node with ~10,000 neighbours holds the cap.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, openPage, screenshotPath } from '../_helpers';
import { hookState, positions, visibleNodeIds, waitForGraph } from './explorer-helpers';

const t = browserSuite();

describe('explorer with a 10,000-node graph', () => {
  it('runs ForceAtlas2 in a worker while the page answers, and reopens with the same positions', async () => {
    const page = await openPage(t.browser, t.parley.baseUrl, '/', { width: 1280, height: 800 });
    page.setDefaultTimeout(240_000);
    await waitForGraph(page, 1);
    await page.evaluate(() => window.__parley!.loadGenerated(10_000, 50_000, 7));
    await page.waitForFunction(() => window.__parley!.visibleNodeIds().length === 10_000, null, { timeout: 240_000 });
    const start = await positions(page);
    expect(Object.keys(start)).toHaveLength(10_000);

    await page.getByRole('button', { name: 'Run ForceAtlas2' }).click();
    expect((await hookState(page)).layoutRunning).toBe(true);
    // The main thread keeps answering while the worker moves the nodes: each evaluate below runs on the page's
    // main thread, and the positions it reads change from one read to the next.
    await page.waitForFunction(
      (p0) => {
        const p = window.__parley!.positions()['gen:1']!;
        return p.x !== p0.x || p.y !== p0.y;
      },
      start['gen:1']!,
      { timeout: 240_000, polling: 200 },
    );
    const a = (await positions(page))['gen:5']!;
    await page.waitForFunction(
      (p0) => {
        const p = window.__parley!.positions()['gen:5']!;
        return p.x !== p0.x || p.y !== p0.y;
      },
      a,
      { timeout: 240_000, polling: 200 },
    );
    await page.getByRole('button', { name: 'Stop ForceAtlas2' }).click();
    await page.waitForFunction(
      () => (window.__parley!.state() as { undo: string | null }).undo === 'layout: ForceAtlas2',
    );
    const laidOut = await positions(page);
    expect(laidOut['gen:1']).not.toEqual(start['gen:1']);
    await page.screenshot({ path: screenshotPath('explorer-10k.png') });

    // leave the explorer and come back: same positions, no layout re-run
    await page.getByRole('link', { name: 'Console' }).click();
    await page.waitForFunction(() => window.__parley === undefined);
    await page.getByRole('link', { name: 'Explorer' }).click();
    await page.waitForFunction(() => window.__parley?.visibleNodeIds().length === 10_000, null, { timeout: 240_000 });
    expect(await positions(page)).toEqual(laidOut);
    expect((await hookState(page)).layoutRunning).toBe(false);
    await page.close();
  }, 300_000);

  it('holds the expansion cap on a node with 9,999 neighbours and pages with "+N more"', async () => {
    const page = await openPage(t.browser, t.parley.baseUrl, '/', { width: 1280, height: 800 });
    page.setDefaultTimeout(240_000);
    await waitForGraph(page, 1);
    await page.evaluate(() => window.__parley!.loadGenerated(10_000, 50_000, 7, ['gen:0']));
    await page.waitForFunction(() => window.__parley!.visibleNodeIds().length === 1);
    await page.evaluate(() => window.__parley!.expand('gen:0'));
    await page.waitForFunction(() => window.__parley!.visibleNodeIds().length === 26);
    let s = await hookState(page);
    expect(s.expansions).toEqual([expect.objectContaining({ anchor: 'gen:0', loaded: 25, total: 9_999 })]);
    expect(s.expansions[0]!.added).toHaveLength(25);
    await page.evaluate(() => window.__parley!.expand('gen:0'));
    await page.waitForFunction(() => window.__parley!.visibleNodeIds().length === 51);
    s = await hookState(page);
    expect(s.expansions[0]).toMatchObject({ loaded: 50, total: 9_999 });
    expect((await visibleNodeIds(page)).includes('gen:0')).toBe(true);
    await page.close();
  }, 300_000);
});
