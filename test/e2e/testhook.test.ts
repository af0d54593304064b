/**
 * The test-only scaffolding stays out of what a user downloads: a page opened without `?testhook` draws the
 * graph with no `window.__parley`, and none of the scripts it loads holds the hook's code; with the flag, the hook
 * chunk is loaded and the hook is there (client/src/app/testhooks.ts).
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, withTestHook } from '../_helpers';

const t = browserSuite();

describe('test hooks', () => {
  it('are not loaded, nor in any script loaded, when the page does not ask for them', async () => {
    const context = await t.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(r.url());
    });
    await page.goto(`${t.parley.baseUrl}/`);
    await page.getByText(/\d+ nodes · \d+ edges/).waitFor();
    await page.waitForFunction(() => /[1-9]\d* nodes/.test(document.body.innerText));
    expect(await page.evaluate(() => '__parley' in window)).toBe(false);
    expect(scripts.length).toBeGreaterThan(0);
    for (const url of scripts) {
      const text = await (await fetch(url)).text();
      expect(text.includes('__parley'), `${url} holds the test hook`).toBe(false);
      expect(text.includes('loadGenerated'), `${url} holds the generated graphs`).toBe(false);
    }
    await context.close();
  });

  it('are loaded when the page asks for them, and kept for the tab', async () => {
    const context = await t.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(withTestHook(`${t.parley.baseUrl}/`));
    await page.waitForFunction(() => (window.__parley?.visibleNodeIds().length ?? 0) > 0);
    // the explorer rewrites the address (the flag is gone from it); a reload of the tab keeps the hooks
    expect(new URL(page.url()).searchParams.has('testhook')).toBe(false);
    await page.reload();
    await page.waitForFunction(() => (window.__parley?.visibleNodeIds().length ?? 0) > 0);
    await context.close();
  });
});
