/**
 * The explorer on a database Parley did not create (the movies graph in a Neo4j of its own, test/_movies.ts), in
 * a real browser: the time bar reads the date-like property picked (`released`, kept in the URL), search says it
 * scans and creates the full-text index only when asked, who-met-whom says why it is empty, and the Captions
 * panel saves a caption for the database. Saves docs/screenshots/anydb-*.png at 1440×900 and 390×844.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshotPath } from '../_helpers';
import { startMoviesDb, type MoviesDb } from '../_movies';

let movies: MoviesDb;
let page: Page;

// the movies Neo4j starts before the suite's Parley is built over it, and stops after it is closed (vitest runs
// beforeAll hooks in the order they were registered, afterAll hooks in the reverse order)
beforeAll(async () => {
  movies = await startMoviesDb();
});
afterAll(async () => {
  await movies?.stop();
});
const t = browserSuite({ db: () => movies.db, config: { PARLEY_QUERY_TIMEOUT_MS: 60_000 } });
const baseUrl = () => t.parley.baseUrl;

const timeRange = () => page.locator('.timebar-range').textContent();

/**
 * The time bar's year labels as drawn: their text and the box of the text itself (a label may be wider than its
 * bin), and the histogram's box.
 */
const yearLabels = () =>
  page.evaluate(() => {
    const track = document.querySelector('.histogram')!.getBoundingClientRect();
    const labels = [...document.querySelectorAll('.bin-label')]
      .filter((el) => el.textContent)
      .map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        return { text: el.textContent!, left: r.left, right: r.right };
      });
    return { left: track.left, right: track.right, labels };
  });

/** Every label is a whole year, inside the track, apart from its neighbours, and there are at least `least`. */
async function expectWholeYears(least: number) {
  await expect.poll(async () => (await yearLabels()).labels.length).toBeGreaterThanOrEqual(least);
  const { left, right, labels } = await yearLabels();
  for (const [i, l] of labels.entries()) {
    expect(l.text).toMatch(/^(19|20)\d\d$/);
    expect(l.left).toBeGreaterThanOrEqual(left - 0.5);
    expect(l.right).toBeLessThanOrEqual(right + 0.5);
    if (i > 0) expect(l.left).toBeGreaterThan(labels[i - 1]!.right);
  }
}

describe('the explorer on the movies graph', () => {
  it('reads the time bar from the date property picked, and keeps it in the address', async () => {
    // opened without the test hook (`t.open` adds it): with the hooks loaded the phone's time bar below did not
    // draw (18:33 UTC, twice), and this file never needed them
    page = await t.browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => t.pageErrors.push(e.message));
    await page.goto(`${baseUrl()}/`);
    const picker = page.getByLabel('Dates from');
    // the graph has loaded (the choice is a filter step of it)
    await page.getByRole('checkbox', { name: /Movie/ }).waitFor();
    await picker.waitFor();
    expect(await picker.isEnabled()).toBe(true);
    const options = (await picker.locator('option').allTextContents()).map((t) => t.trim());
    // no Meeting label here: the properties the server found
    expect(options).toEqual(['no date chosen', 'born (Person)', 'released (Movie)']);
    await picker.selectOption('released');
    await page.waitForURL(/dateProp=released/);
    await expect.poll(timeRange).toMatch(/ · 38 of 38 dated nodes$/);
    // 1975 to 2012: more years than room for their labels; those drawn are whole (not cut to "197")
    await expectWholeYears(8);

    const [row] = await movies.db.query('MATCH (m:Movie) WHERE m.released = 1999 RETURN count(m) AS n');
    await page.goto(`${baseUrl()}/?dateProp=released&from=1999-01-01&to=1999-12-31`);
    await expect.poll(timeRange).toBe(`1999-01-01 → 1999-12-31 · ${String(row!['n'])} of 38 dated nodes`);
    expect(await page.getByLabel('Dates from').inputValue()).toBe('released');
    await page.screenshot({ path: screenshotPath('anydb-explorer.png') });
  });

  it('says search scans until the index exists, and creates it only when asked', async () => {
    const note = page.getByRole('note', { name: 'Search coverage' });
    await note.waitFor();
    expect(await note.textContent()).toContain('No full-text index covers Movie, Person');
    await note.getByRole('button', { name: 'Create a full-text index…' }).click();
    const consent = page.getByRole('group', { name: 'Create the index?' });
    expect(await consent.textContent()).toContain('CREATE FULLTEXT INDEX');
    expect(await consent.textContent()).toContain('This database is not Parley’s');
    expect(
      (await movies.db.query("SHOW FULLTEXT INDEXES YIELD name WHERE name = 'parley_search' RETURN name")).length,
    ).toBe(0);
    await page.screenshot({ path: screenshotPath('anydb-index-consent.png') });
    await consent.getByRole('button', { name: 'Create the index' }).click();
    await page.getByRole('status').filter({ hasText: 'Created the full-text index parley_search' }).waitFor();
    expect(await note.count()).toBe(0);
    expect(
      (await movies.db.query("SHOW FULLTEXT INDEXES YIELD name WHERE name = 'parley_search' RETURN name")).length,
    ).toBe(1);
  });

  it('says why who met whom is empty', async () => {
    await page.getByRole('switch', { name: 'Who met whom' }).click();
    const why = page.getByRole('status', { name: 'Why who met whom is empty' });
    await why.waitFor();
    expect(await why.textContent()).toBe(
      'Who met whom needs Parley’s model: Person nodes linked by ATTENDED relationships to Meeting nodes. ' +
        'This database has no Meeting nodes and no ATTENDED relationships.',
    );
    await page.getByRole('switch', { name: 'Who met whom' }).click();
    expect(await why.count()).toBe(0);
  });

  it('saves a caption per label for the database', async () => {
    await page.locator('summary', { hasText: 'Captions' }).click();
    const movie = page.getByRole('combobox', { name: /^Movie/ });
    expect((await movie.locator('option').allTextContents()).map((t) => t.trim())).toEqual([
      'by the rule (title)',
      'tagline',
      'title',
    ]);
    await movie.selectOption('tagline');
    await page.getByRole('button', { name: 'Save captions' }).click();
    await page.getByRole('button', { name: 'Reload to apply' }).waitFor();
    const saved = (await (await fetch(`${baseUrl()}/api/settings/captions`)).json()) as { captions: object };
    expect(saved.captions).toEqual({ Movie: 'tagline' });
    await movies.db.query('MATCH (s:ParleySettings) DETACH DELETE s', {}, { mode: 'write' });
  });

  it('fits a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl()}/?dateProp=released`);
    await page.getByLabel('Dates from').waitFor();
    await expectWholeYears(4);
    await page.screenshot({ path: screenshotPath('anydb-390x844.png') });
    await page.getByRole('button', { name: '☰ Search and filters' }).click();
    // the legend has loaded (the index now exists, so no coverage note)
    await page.getByRole('checkbox', { name: /Movie/ }).waitFor();
    expect(await page.getByRole('note', { name: 'Search coverage' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('anydb-390x844-drawer.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(t.pageErrors).toEqual([]);
  });
});
