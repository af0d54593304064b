// End to end in Chromium (issue 9): what a new user is told and can reach. Loading, no match and server down are
// said on screen; the keyboard reaches the canvas; the console's shipped query is not flagged, errors have words,
// Back keeps the result; words for people (plurals, keys, titles, dates). Split from screens.test.ts.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, withTestHook } from '../_helpers';
import { nodePoint, visibleNodeIds, waitForGraph } from './explorer-helpers';

const t = browserSuite();
const open = (width: number, height: number, url: string): Promise<Page> => t.open(url, { width, height });

describe('feedback the user can see', () => {
  it('shows loading while the graph loads, not "0 nodes" and "Nothing in view yet"', async () => {
    const context = await t.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/graph**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(withTestHook(`${t.parley.baseUrl}/`));
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
