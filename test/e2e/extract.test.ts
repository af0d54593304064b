/**
 * The review screen end to end in a real browser against a real Parley over the run's Neo4j: paste a short
 * article about people who are not in the seed, propose, review with the keyboard (a accept, r reject) and the
 * buttons, "Add to graph" (one import), and see the new person selected in the explorer; then edit a meeting's date
 * and attendees, merge a proposal into a node found by searching the graph, and watch the small graph of what
 * will be added mark new nodes apart from existing ones. The imports are undone at the end, so the shared
 * database is the seed again. Saves docs/screenshots/extract.png (1440×900), extract-1024.png and extract-390.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startParley, withTestHook } from '../_helpers';
import { hookState, labelClashes, visibleNodeIds, waitForGraph } from './explorer-helpers';

let parley: Awaited<ReturnType<typeof startParley>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const MARTA = 'person:marta-kowalczyk';
const HUGO = 'person:hugo-brandt';
const FILE = /envoys-meet-in-geneva/;
const ARTICLE =
  'Marta Kowalczyk met Hugo Brandt in Geneva on 3 March 2025. Kowalczyk said the talks on fishing quotas were useful.';

interface ImportRow {
  id: string;
  status: string;
  files: string[];
}
const ours = async (): Promise<ImportRow[]> => {
  const res = await fetch(`${parley.baseUrl}/api/imports`);
  const body = (await res.json()) as { imports: ImportRow[] };
  return body.imports.filter((i) => i.status === 'committed' && i.files.some((f) => FILE.test(f)));
};
const nodeStatus = async (id: string) => (await fetch(`${parley.baseUrl}/api/nodes/${encodeURIComponent(id)}`)).status;

beforeAll(async () => {
  parley = await startParley();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  // whatever happened above, the shared database goes back to the seed
  if (parley)
    for (const i of await ours()) await fetch(`${parley.baseUrl}/api/imports/${i.id}/undo`, { method: 'POST' });
  await parley?.close();
});

describe('the article review screen', () => {
  it('proposes from a pasted article, adds the accepted part in one import, and opens the explorer on it', async () => {
    expect(await nodeStatus(MARTA)).toBe(404);
    await page.goto(withTestHook(`${parley.baseUrl}/extract`));
    await page.getByLabel('Title').fill('Envoys meet in Geneva');
    await page.getByLabel('Published').fill('2025-03-04');
    await page.getByLabel('Article text').fill(ARTICLE);
    await page.getByRole('button', { name: 'Propose' }).click();

    const list = page.getByRole('list', { name: 'Proposals' });
    const item = (name: string | RegExp) =>
      list.getByRole('listitem', typeof name === 'string' ? { name, exact: true } : { name });
    await item('Marta Kowalczyk').waitFor();
    // every quote is highlighted in the article, as text
    const marks = await page.getByRole('region', { name: 'Article' }).locator('mark').allTextContents();
    expect(marks.join(' ')).toContain('Marta Kowalczyk met Hugo Brandt in Geneva on 3 March 2025.');

    // keyboard: the first two proposals are the people (accept), the third the place (reject)
    await page.keyboard.press('a');
    await page.keyboard.press('a');
    await page.keyboard.press('r');
    expect(await item('Marta Kowalczyk').getAttribute('class')).toContain('accepted');
    expect(await item('Hugo Brandt').getAttribute('class')).toContain('accepted');
    expect(await item('Geneva').getAttribute('class')).toContain('rejected');
    // buttons: the meeting and who attended it
    const meeting = item('Meeting in Geneva (3 March 2025)');
    await meeting.getByRole('button', { name: 'Accept' }).click();
    for (const who of ['Marta Kowalczyk', 'Hugo Brandt']) {
      await item(new RegExp(`^${who} —ATTENDED→`))
        .getByRole('button', { name: 'Accept' })
        .click();
    }
    expect(await page.getByRole('button', { name: /Add to graph \(5\)/ }).isEnabled()).toBe(true);
    await item('Marta Kowalczyk').click();

    await page.getByRole('button', { name: /Add to graph/ }).click();
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('node') === MARTA);
    await waitForGraph(page, 3);
    const visible = await visibleNodeIds(page);
    expect(visible).toEqual(expect.arrayContaining([MARTA, HUGO]));
    expect(visible).not.toContain('place:geneva');
    expect((await hookState(page)).selection).toEqual({ kind: 'node', id: MARTA });
    expect(await nodeStatus(MARTA)).toBe(200);
    expect(await nodeStatus('place:geneva')).toBe(404);

    const imports = await ours();
    expect(imports).toHaveLength(1);
    const undo = await fetch(`${parley.baseUrl}/api/imports/${imports[0]!.id}/undo`, { method: 'POST' });
    expect(undo.status).toBe(200);
    expect(await nodeStatus(MARTA)).toBe(404);
    expect(pageErrors).toEqual([]);
  });

  it('edits a meeting’s date and attendees, merges with a node found by search, and draws what will be added', async () => {
    const article =
      'Marta Kowalczyk met Hugo Brandt in Geneva on 3 March 2025. ' +
      'Kowalczyk said the talks on fishing quotas were useful. Anna Lind, a Swedish diplomat, also travelled to Geneva.';
    const MEETING = 'meeting:geneva-2025-03-03';
    await page.goto(withTestHook(`${parley.baseUrl}/extract`));
    await page.getByLabel('Title').fill('Envoys meet in Geneva, again');
    await page.getByLabel('Published').fill('2025-03-04');
    await page.getByLabel('Article text').fill(article);
    await page.getByRole('button', { name: 'Propose' }).click();
    const list = page.getByRole('list', { name: 'Proposals' });
    const item = (name: string | RegExp) =>
      list.getByRole('listitem', typeof name === 'string' ? { name, exact: true } : { name });
    await item('Anna Lind').waitFor();
    const mini = page.getByRole('region', { name: 'What will be added' });
    expect(await mini.getByRole('status').textContent()).toMatch(
      /0 new \(coloured by kind\)\s+0 already in the graph · 0 relationships/,
    );

    // accept everything: the small graph draws it, every node new
    await page.getByRole('button', { name: 'Accept all' }).click();
    await mini.getByText(/6 new/).waitFor();
    expect(await mini.getByTestId('mini-graph').locator('canvas').count()).toBeGreaterThan(0);
    expect(await mini.getByRole('status').textContent()).toMatch(
      /6 new \(coloured by kind\)\s+0 already in the graph · 5 relationships/,
    );

    // merge Hugo Brandt with a node the search finds (not a proposed match: the graph has no Hugo Brandt)
    await item('Hugo Brandt').click();
    await item('Hugo Brandt').getByLabel('Merge with a node in the graph').fill('Darchiyev');
    await item('Hugo Brandt')
      .getByRole('button', { name: /Aleksandr Darchiyev/ })
      .click();
    await item('Hugo Brandt')
      .getByText(/merged with Aleksandr Darchiyev, already in the graph \(your choice\)/)
      .waitFor();
    expect(await mini.getByRole('status').textContent()).toMatch(/5 new \(coloured by kind\)\s+1 already in the graph/);

    // the meeting: another date, Anna Lind added to its attendees
    await item('Meeting in Geneva (3 March 2025)').click();
    const meeting = list.locator('li[aria-current="true"]');
    await meeting.getByLabel('Date').fill('2025-03-02');
    await meeting.getByRole('checkbox', { name: 'Anna Lind' }).check();
    expect(await meeting.getByRole('checkbox', { name: 'Hugo Brandt (→ Aleksandr Darchiyev)' }).isChecked()).toBe(true);
    await meeting.getByText(/2025-03-02 · \(date edited\)/).waitFor();
    expect(await meeting.getAttribute('aria-label')).toBe('Meeting in Geneva (2025-03-02)');
    expect(await mini.getByRole('status').textContent()).toMatch(
      /5 new \(coloured by kind\)\s+1 already in the graph · 6 relationships/,
    );

    for (const [w, h, name] of [
      [1440, 900, 'extract.png'],
      [1024, 768, 'extract-1024.png'],
      [390, 844, 'extract-390.png'],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(300); // sigma redraws on resize
      // every label of the mini-graph ends inside its box (measured as drawn; at 390 px the columns stack)
      const box = mini.getByTestId('mini-graph');
      const fit = () =>
        box.evaluate((el: HTMLElement) => ({
          end: Number(el.dataset['labelsEnd']),
          width: el.clientWidth,
          layout: el.dataset['layout'],
        }));
      await expect.poll(async () => (await fit()).layout).toBe(w === 390 ? 'stacked' : 'columns');
      const { end, width } = await fit();
      expect(end).toBeGreaterThan(0);
      expect(end).toBeLessThanOrEqual(width);
      // placed as on every canvas (graph/labels.ts): every node labelled, no two labels overlapping, none outside
      const labels = await labelClashes(page, '[data-testid="mini-graph"]');
      expect(labels.drawn.length).toBe(6); // 5 new, 1 already in the graph
      expect(labels.drawn).toContain('Aleksandr Darchiyev (in graph)');
      expect(labels.overlapping).toEqual([]);
      expect(labels.outside).toEqual([]);
      await page.screenshot({ path: screenshotPath(name) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByRole('button', { name: /Add to graph/ }).click();
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('node') === 'person:marta-kowalczyk');
    const details = (await (await fetch(`${parley.baseUrl}/api/nodes/${encodeURIComponent(MEETING)}`)).json()) as {
      node: { properties: Record<string, unknown> };
      relationships: { edge: { type: string; inferred: boolean }; other: { id: string } }[];
    };
    expect(details.node.properties['date']).toBe('2025-03-02');
    expect(details.node.properties['dateInferenceReason']).toMatch(/set by the analyst/);
    const attended = details.relationships
      .filter((r) => r.edge.type === 'ATTENDED')
      .map((r) => [r.other.id, r.edge.inferred])
      .sort();
    expect(attended).toEqual([
      ['person:aleksandr-darchiyev', false],
      ['person:anna-lind', true],
      ['person:marta-kowalczyk', false],
    ]);
    expect(await nodeStatus(HUGO)).toBe(404);
    for (const i of await ours()) {
      expect((await fetch(`${parley.baseUrl}/api/imports/${i.id}/undo`, { method: 'POST' })).status).toBe(200);
    }
    expect(await nodeStatus('person:anna-lind')).toBe(404);
    expect(pageErrors).toEqual([]);
  });
});
