/**
 * The Cypher console in a real browser against a real Parley over the run's Neo4j with the seed: type a query,
 * run it with Ctrl+Enter, see the table and the graph, see an error marked inline, find the query in the history
 * after a reload, run a library query. Saves docs/screenshots/console.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startParley } from '../_helpers';

let parley: Awaited<ReturnType<typeof startParley>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const QUERY =
  'MATCH (p:Person)-[r:ATTENDED]->(m:Meeting)-[h:HELD_IN]->(pl:Place) RETURN p.name AS name, p, r, m, h, pl ORDER BY name';

async function typeQuery(text: string) {
  await page.click('[data-testid="console-editor"] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

beforeAll(async () => {
  parley = await startParley();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${parley.baseUrl}/console`);
  await page.waitForSelector('[data-testid="console-editor"] .cm-content');
});

afterAll(async () => {
  await browser?.close();
  await parley?.close();
});

describe('the Cypher console', () => {
  it('types a query, runs it with Ctrl+Enter, and shows the table and the graph', async () => {
    await typeQuery(QUERY);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="console-table"] tbody tr');
    const cells = await page.$$eval('[data-testid="console-table"] tbody tr td:first-child', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(cells).toEqual(['Aleksandr Darchiyev', 'Sonata Coulter']);
    await page.click('[data-testid="console-tab-graph"]');
    await page.waitForSelector('[data-testid="console-graph"] canvas');
    // the result's own 4 nodes and 3 relationships, plus those among them the query did not return
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="console-connect-note"]')?.textContent?.startsWith('Adding'),
    );
    const counts = await page.$eval('[data-testid="console-graph"]', (el) => [
      Number(el.getAttribute('data-nodes')),
      Number(el.getAttribute('data-edges')) - Number(el.getAttribute('data-connected')),
    ]);
    expect(counts).toEqual([4, 3]);
    expect(await page.textContent('[data-testid="console-summary"]')).toContain('2 rows');
    await page.screenshot({ path: screenshotPath('console.png') });
    expect(pageErrors).toEqual([]);
  });

  it('connects returned nodes that have relationships among them (as Neo4j Browser does) and keeps the legend off the canvas', async () => {
    const who = "MATCH (p:Person {name: 'Sonata Coulter'}), (m:Meeting)";
    // the expected count, asked of the database directly: relationships whose two ends are among the returned nodes
    const res = await fetch(`${parley.baseUrl}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `${who} WITH collect(DISTINCT p) + collect(DISTINCT m) AS ns UNWIND ns AS a MATCH (a)-[r]->(b) WHERE b IN ns RETURN count(DISTINCT r) AS c`,
        params: {},
      }),
    });
    const expected = ((await res.json()) as { rows: { c: number }[] }).rows[0]!.c;
    expect(expected).toBeGreaterThan(0);
    await typeQuery(`${who} RETURN p, m`);
    await page.click('[data-testid="console-run"]');
    await page.click('[data-testid="console-tab-graph"]');
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="console-graph"]')?.getAttribute('data-connected')) === n,
      expected,
    );
    const graph = await page.$eval('[data-testid="console-graph"]', (el) => [
      Number(el.getAttribute('data-edges')),
      el.querySelector('[data-testid="console-connect-note"]')?.textContent ?? '',
    ]);
    expect(graph[0]).toBe(expected);
    expect(graph[1]).toContain(`${expected} relationship`);
    // the legend sits under the canvas, not over it
    const canvasBox = await page.locator('.console-graph-canvas').boundingBox();
    const legendBox = await page.locator('.console-legend').boundingBox();
    expect(legendBox!.y).toBeGreaterThanOrEqual(canvasBox!.y + canvasBox!.height - 1);
    await page.screenshot({ path: screenshotPath('console-connected.png') });
    // turned off, the graph is the result alone: nodes only
    await page.getByLabel('Connect result nodes').uncheck();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="console-graph"]')?.getAttribute('data-edges') === '0',
    );
    await page.getByLabel('Connect result nodes').check();
  });

  it('shows a refusal and a syntax error inline, with the position marked', async () => {
    await typeQuery('CREATE (:Canary)');
    await page.click('[data-testid="console-run"]');
    await page.waitForSelector('[data-testid="console-error"]');
    expect(await page.textContent('[data-testid="console-error"]')).toMatch(/write queries are not allowed/i);
    await typeQuery('MATCH (n)\nRETURN n LIMT 3');
    await page.click('[data-testid="console-run"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="console-error"]')?.textContent?.includes('line 2, column 10'),
    );
    expect(await page.textContent('.console-error-at')).toContain('RETURN n LIMT 3');
  });

  it('keeps the history across a reload and runs library queries with a click', async () => {
    await page.reload();
    await page.waitForSelector('[data-testid="console-history"] li');
    const history = await page.$$eval('[data-testid="console-history"] li', (lis) => lis.map((li) => li.textContent));
    expect(history.some((h) => h?.includes('HELD_IN'))).toBe(true);
    await page.click('[data-testid="console-library"] button:has-text("Timeline of meetings")');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="console-table"]')?.textContent?.includes('Istanbul'),
    );
    expect(await page.$$eval('[data-testid="console-table"] tbody tr', (trs) => trs.length)).toBe(3);
    expect(pageErrors).toEqual([]);
  });
});
