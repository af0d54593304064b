/**
 * Style rules beyond the canvas (issue 9, last part): with a colour rule on, the explorer's legend, the exported
 * SVG's key and a saved snapshot's legend list the rule's values in the rule's colours (state/legend, one
 * producer); a snapshot's "Open in explorer" continues from exactly its view (the rule, the colours, size-by and
 * the positions). Real Parley, real Neo4j with the seed, Debian's Chromium.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DOMParser } from '@xmldom/xmldom';
import type { SnapshotResponse } from '../../contract';
import { labelColor } from '../../client/src/graph/palette';
import { VALUE_COLORS } from '../../client/src/state/styles';
import { launchBrowser, screenshotPath, startParley, withTestHook } from '../_helpers';
import { hookState, positions, waitForGraph } from './explorer-helpers';

type Pos = { x: number; y: number };
const HELD = 'meeting:istanbul-april-10';
const PLANNED = 'meeting:follow-up';
const COULTER = 'person:sonata-coulter';

let parley: Awaited<ReturnType<typeof startParley>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const created: string[] = [];

beforeAll(async () => {
  parley = await startParley();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  for (const id of created)
    await fetch(`${parley.baseUrl}/api/snapshots/${encodeURIComponent(id)}`, { method: 'DELETE' });
  await parley?.close();
});
afterEach(() => {
  expect(pageErrors).toEqual([]);
});

const colours = (p: Page, ids: string[]) =>
  p.evaluate((list) => list.map((id) => window.__parley!.nodeDisplay(id)?.color), ids);

describe('a colour rule in the legend, the exports and snapshots', () => {
  let snapshotUrl = '';

  it('the legend and the exported SVG list the rule’s values in its colours, and label colours elsewhere', async () => {
    await page.goto(withTestHook(`${parley.baseUrl}/?style=Meeting.color.status&size=pagerank`));
    await waitForGraph(page, 10);
    await page.waitForFunction((c) => window.__parley!.nodeDisplay('meeting:follow-up')?.color === c, VALUE_COLORS[1]);
    // the explorer's legend: the rule's values under their heading; Meeting has no label swatch, Person has one
    const key = page.getByRole('region', { name: 'Meeting by status' });
    expect(await key.locator('.legend-name').allTextContents()).toEqual(['held', 'planned']);
    const swatch = (label: string) =>
      page.locator('.filter-group .legend-item', { hasText: label }).first().locator('.swatch');
    expect(await swatch('Meeting').count()).toBe(0);
    expect(await swatch('Person').count()).toBe(1);

    await page.locator('.toolbar .export-menu summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'SVG', exact: true }).click(),
    ]);
    const svg = new DOMParser().parseFromString(await readFile(await download.path(), 'utf8'), 'image/svg+xml');
    const legendTexts = Array.from(svg.getElementsByTagName('text'))
      .filter((t) => t.getAttribute('class') === 'legend')
      .map((t) => t.textContent ?? '');
    expect(legendTexts).toContain('Meeting status: held');
    expect(legendTexts).toContain('Meeting status: planned');
    expect(legendTexts).toContain('Person');
    // the label colour of meetings is drawn nowhere, so the key does not offer it
    expect(legendTexts).not.toContain('Meeting');
    const fills = Array.from(svg.getElementsByTagName('circle'))
      .filter((c) => c.getAttribute('class') === 'swatch')
      .map((c) => c.getAttribute('fill'));
    expect(fills).toEqual(expect.arrayContaining([VALUE_COLORS[0], VALUE_COLORS[1], labelColor('Person')]));
    expect(fills).not.toContain(labelColor('Meeting'));
    // and the nodes are drawn in those colours
    const nodeFill = (id: string) =>
      Array.from(svg.getElementsByTagName('circle'))
        .find((c) => c.getAttribute('class') === 'node' && c.getAttribute('data-id') === id)
        ?.getAttribute('fill');
    expect([nodeFill(HELD), nodeFill(PLANNED)]).toEqual([VALUE_COLORS[0], VALUE_COLORS[1]]);
    await page.keyboard.press('Escape');
  });

  it('a saved snapshot keeps the key and shows it under the picture', async () => {
    await page.getByRole('button', { name: 'Save snapshot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save snapshot' });
    await dialog.getByLabel('Title').fill('Meetings by status (e2e)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const saved = page.getByRole('dialog', { name: 'Snapshot saved' });
    await saved.waitFor();
    snapshotUrl = await saved.getByLabel('Snapshot link').inputValue();
    const id = decodeURIComponent(/\/s\/([^/?#]+)$/.exec(snapshotUrl)![1]!);
    created.push(id);
    await saved.getByRole('button', { name: 'Close' }).click();

    const stored = (await (await fetch(`${parley.baseUrl}/api/snapshots/${id}`)).json()) as SnapshotResponse;
    expect(stored.snapshot.view.rules).toEqual([{ label: 'Meeting', kind: 'color', property: 'status' }]);
    expect(stored.snapshot.view.legend).toEqual(
      expect.arrayContaining([
        { label: 'Meeting status: held', color: VALUE_COLORS[0], shape: 'circle' },
        { label: 'Meeting status: planned', color: VALUE_COLORS[1], shape: 'circle' },
      ]),
    );
    expect(stored.snapshot.view.legend.map((l) => l.label)).not.toContain('Meeting');
  });

  it('Open in explorer continues from the snapshot: the rule, the colours, size-by and the positions', async () => {
    const p = await context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(withTestHook(snapshotUrl));
    await p.waitForFunction(
      () => (window as unknown as { __parleySnapshot?: { ready: boolean } }).__parleySnapshot?.ready === true,
    );
    const legend = await p.locator('.snapshot-legend li').allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['Meeting status: held', 'Meeting status: planned', 'Person']));
    const drawn = await p.evaluate(() =>
      (
        window as unknown as { __parleySnapshot: { positions: () => Record<string, Pos> } }
      ).__parleySnapshot.positions(),
    );

    await p.getByRole('link', { name: 'Open in explorer' }).click();
    await waitForGraph(p, Object.keys(drawn).length);
    await p.waitForFunction((c) => window.__parley!.nodeDisplay('meeting:follow-up')?.color === c, VALUE_COLORS[1]);
    const state = (await hookState(p)) as unknown as { styleRules: unknown; sizeBy: string; colorByCommunity: boolean };
    expect(state.styleRules).toEqual([{ label: 'Meeting', kind: 'color', property: 'status' }]);
    expect(state.sizeBy).toBe('pagerank');
    expect(state.colorByCommunity).toBe(false);
    expect(await colours(p, [HELD, PLANNED, COULTER])).toEqual([
      VALUE_COLORS[0],
      VALUE_COLORS[1],
      labelColor('Person'),
    ]);
    // the same nodes where the snapshot drew them
    const now = await positions(p);
    expect(Object.keys(now).sort()).toEqual(Object.keys(drawn).sort());
    for (const [id, at] of Object.entries(drawn)) {
      expect(now[id]!.x, id).toBeCloseTo(at.x, 6);
      expect(now[id]!.y, id).toBeCloseTo(at.y, 6);
    }
    expect(new URL(p.url()).searchParams.get('style')).toBe('Meeting.color.status');
    await p.getByRole('region', { name: 'Meeting by status' }).waitFor();
    await p.screenshot({ path: screenshotPath('snapshot-open-in-explorer.png') });
    await p.close();
  });
});
