/**
 * Issue 9's leftovers: box and lasso selection on the canvas (Shift+drag, and the toolbar's "Select area" for
 * touch and mouse users), the "Expand by" menu placed beside the node and its label (never over them, always on
 * screen) at 1440x900, 1024x768 and 390x844, and the data table listing who met whom's derived links. Screenshots
 * go to docs/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshotPath, type Viewport } from '../_helpers';
import { hookState, nodePoint, waitForGraph } from './explorer-helpers';

const t = browserSuite();
const COULTER = 'person:sonata-coulter';
const DARCH = 'person:aleksandr-darchiyev';
const APRIL = 'meeting:istanbul-april-10';
const PLANNED = 'meeting:follow-up';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;

const open = (path: string, size: Viewport = SIZES[0]) => t.open(path, size);

const show = (...ids: string[]) => `/?start=empty&show=${ids.map(encodeURIComponent).join(',')}`;
const multi = async (page: Page) => ((await hookState(page)) as unknown as { multi: string[] }).multi;

/**
 * The points of these nodes once the picture has settled: the relationships among them drawn (they arrive after
 * the nodes, and the camera frames the picture again), then no move for a second.
 */
async function steadyPoints(page: Page, ids: readonly string[]): Promise<Record<string, { x: number; y: number }>> {
  await page.waitForFunction(() => window.__parley!.visibleEdgeIds().length > 0);
  if (!(await page.evaluate(() => document.activeElement?.id === 'graph-canvas'))) {
    // the canvas focused and framed (0) as a person would: the frame no longer changes on the first click
    await page.locator('#graph-canvas').focus();
    await page.keyboard.press('0');
  }
  const read = async () =>
    Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await nodePoint(page, id)])));
  let last = await read();
  let still = 0;
  for (let i = 0; i < 80 && still < 4; i++) {
    await page.waitForTimeout(250);
    const now = await read();
    const same = ids.every((id) => Math.abs(now[id].x - last[id].x) < 0.5 && Math.abs(now[id].y - last[id].y) < 0.5);
    still = same ? still + 1 : 0;
    last = now;
  }
  return last;
}

type Pt = { x: number; y: number };
/** A box around `inside` (padded) that holds none of `outside`, and whose first corner is on the empty stage. */
function boxAround(inside: Pt[], outside: Pt[], pad = 28): { from: Pt; to: Pt } | null {
  const from = { x: Math.min(...inside.map((p) => p.x)) - pad, y: Math.min(...inside.map((p) => p.y)) - pad };
  const to = { x: Math.max(...inside.map((p) => p.x)) + pad, y: Math.max(...inside.map((p) => p.y)) + pad };
  const within = (p: Pt, m: number) => p.x >= from.x - m && p.x <= to.x + m && p.y >= from.y - m && p.y <= to.y + m;
  return outside.some((p) => within(p, 4)) ? null : { from, to };
}

describe('box selection', () => {
  it('Shift+drag draws a box, holds the camera still, and picks the nodes inside; Escape cancels a drag', async () => {
    const ids = [COULTER, DARCH, APRIL, PLANNED];
    const page = await open(show(...ids));
    await waitForGraph(page, 4);
    const pts = await steadyPoints(page, ids);
    // a pair of nodes a box can hold without the other two
    let pick: { pair: string[]; box: { from: Pt; to: Pt } } | null = null;
    for (let i = 0; i < ids.length && !pick; i++)
      for (let j = i + 1; j < ids.length && !pick; j++) {
        const pair = [ids[i]!, ids[j]!];
        const box = boxAround(
          pair.map((id) => pts[id]!),
          ids.filter((id) => !pair.includes(id)).map((id) => pts[id]!),
        );
        if (box) pick = { pair, box };
      }
    expect(pick, `no pair of nodes can be boxed alone: ${JSON.stringify(pts)}`).not.toBeNull();
    const { pair, box } = pick!;
    const camera = await page.evaluate(() => window.__parley!.cameraRatio());

    // a drag cancelled with Escape picks nothing
    await page.keyboard.down('Shift');
    await page.mouse.move(box.from.x, box.from.y);
    await page.mouse.down();
    await page.mouse.move(box.to.x, box.to.y, { steps: 8 });
    await page.locator('.area-outline rect').waitFor();
    await page.screenshot({ path: screenshotPath('explorer-box-select.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('.area-outline').count()).toBe(0);
    await page.mouse.up();
    expect(await multi(page)).toEqual([]);

    expect(await steadyPoints(page, ids)).toEqual(pts); // (the cancelled drag moved nothing)
    // the same drag to the end: the two nodes join the selection, nothing moved
    await page.mouse.move(box.from.x, box.from.y);
    await page.mouse.down();
    await page.mouse.move(box.to.x, box.to.y, { steps: 8 });
    const during = await nodePoint(page, pair[0]!);
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.waitForFunction(() => (window.__parley!.state() as { multi: string[] }).multi.length > 0);
    expect((await multi(page)).sort()).toEqual([...pair].sort());
    expect(during).toEqual(pts[pair[0]!]);
    expect(await page.evaluate(() => window.__parley!.cameraRatio())).toBe(camera);
    expect(await page.locator('.area-outline').count()).toBe(0);

    const details = page.getByRole('complementary', { name: 'Details' });
    await details.getByRole('heading', { name: '2 selected' }).waitFor();
    await details.getByRole('button', { name: 'Show relationships among the selected' }).click();
    await details.getByText(/relationships? among the 2 selected\.$/).waitFor();
    await page.close();
  });
});

describe('"Select area" in the toolbar', () => {
  for (const size of SIZES) {
    it(`a plain drag draws a lasso around a node and adds it to the selection (${size.width}x${size.height})`, async () => {
      const ids = [COULTER, DARCH, APRIL];
      const page = await open(show(...ids), size);
      await waitForGraph(page, 3);
      const pts = await steadyPoints(page, ids);
      await page.getByRole('button', { name: 'Select area' }).click();
      const bar = page.getByRole('group', { name: 'Select area' });
      await bar.getByRole('button', { name: 'Lasso' }).click();
      // a ring around one node, small enough to miss the others
      const c = pts[COULTER]!;
      const others = ids.filter((id) => id !== COULTER).map((id) => pts[id]!);
      const r = Math.max(14, Math.min(40, ...others.map((p) => Math.hypot(p.x - c.x, p.y - c.y) - 6)));
      const ring = Array.from({ length: 17 }, (_, i) => ({
        x: c.x + r * Math.cos((i / 16) * 2 * Math.PI),
        y: c.y + r * Math.sin((i / 16) * 2 * Math.PI),
      }));
      await page.mouse.move(ring[0]!.x, ring[0]!.y);
      await page.mouse.down();
      for (const p of ring.slice(1)) await page.mouse.move(p.x, p.y, { steps: 2 });
      await page.locator('.area-outline polygon').waitFor();
      await page.screenshot({ path: screenshotPath(`explorer-lasso-${size.width}x${size.height}.png`) });
      await page.mouse.up();
      await page.waitForFunction(() => (window.__parley!.state() as { multi: string[] }).multi.length > 0);
      expect(await multi(page)).toEqual([COULTER]);
      expect(await nodePoint(page, COULTER)).toEqual(c);
      // Escape leaves "Select area" (and keeps the selection); then a drag pans again
      await page.keyboard.press('Escape');
      expect(await bar.count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Select area' }).getAttribute('aria-pressed')).toBe('false');
      expect(await multi(page)).toEqual([COULTER]);
      await page.close();
    });
  }
});

describe('the "Expand by" menu', () => {
  for (const size of SIZES) {
    it(`never covers the node and its label, and stays on screen (${size.width}x${size.height})`, async () => {
      const ids = [COULTER, DARCH, APRIL];
      const page = await open(show(...ids), size);
      await waitForGraph(page, 3);
      for (const id of ids) {
        const pts = await steadyPoints(page, ids);
        await page.mouse.click(pts[id]!.x, pts[id]!.y, { button: 'right' });
        const menu = page.getByRole('menu', { name: /Expand .* by/ });
        await menu.getByRole('menuitem', { name: /^ATTENDED\s*\d+$/ }).waitFor();
        const m = (await menu.boundingBox())!;
        const label = (await page.evaluate((n) => window.__parley!.nodeLabelRect(n), id))!;
        const overlap =
          m.x < label.right && label.left < m.x + m.width && m.y < label.bottom && label.top < m.y + m.height;
        expect(overlap, `menu ${JSON.stringify(m)} covers ${id}'s label ${JSON.stringify(label)}`).toBe(false);
        expect(m.x).toBeGreaterThanOrEqual(0);
        expect(m.y).toBeGreaterThanOrEqual(0);
        expect(m.x + m.width).toBeLessThanOrEqual(size.width);
        expect(m.y + m.height).toBeLessThanOrEqual(size.height);
        if (id === COULTER)
          await page.screenshot({ path: screenshotPath(`explorer-expand-by-placed-${size.width}x${size.height}.png`) });
        await page.keyboard.press('Escape');
        await menu.waitFor({ state: 'detached' });
      }
      await page.close();
    });
  }
});

describe('the data table in who met whom', () => {
  it('lists the derived co-attendance links the picture draws, marked derived, with their meetings', async () => {
    const page = await open('/?mode=met');
    await waitForGraph(page, 3);
    await page.waitForFunction(() => window.__parley!.visibleEdgeIds().length > 0);
    const drawn = await page.evaluate(() => window.__parley!.visibleEdgeIds());
    expect(drawn.every((id) => id.startsWith('met:'))).toBe(true);
    await page.getByRole('button', { name: 'Table' }).click();
    const table = page.getByRole('region', { name: 'Data table' });
    await table.getByRole('tab', { name: `Relationships (${drawn.length})` }).click();
    const headers = await table.locator('thead tr').first().locator('th').allTextContents();
    const col = (name: string) => headers.findIndex((h) => h.trim() === name) + 1;
    expect(col('Basis')).toBeGreaterThan(0);
    expect(col('Meetings')).toBeGreaterThan(0);
    const basis = await table.locator(`tbody tr td:nth-child(${col('Basis')})`).allTextContents();
    expect(basis).toHaveLength(drawn.length);
    expect(new Set(basis)).toEqual(new Set(['derived']));
    const types = await table.locator(`tbody tr td:nth-child(${col('Type')})`).allTextContents();
    expect(new Set(types)).toEqual(new Set(['MET']));
    const meetings = await table.locator(`tbody tr td:nth-child(${col('Meetings')})`).allTextContents();
    expect(meetings.every((m) => /\((\d{4}-\d{2}-\d{2}|undated)\)/.test(m))).toBe(true);
    // a row selects the link it lists, as a click on the picture does
    await table.locator('tbody tr').first().click();
    const sel = (await hookState(page)).selection!;
    expect(sel.kind).toBe('edge');
    expect(drawn).toContain(sel.id);
    await page.screenshot({ path: screenshotPath('explorer-met-table.png') });
    await page.close();
  });
});
