/**
 * Shared test plumbing: an app over the run's real Neo4j (see global-neo4j.ts), a listening Parley for the
 * browser tests, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp, defaultStaticDir, type AppConfig } from '../server/src/app';
import { loadConfig, repoRoot } from '../server/src/config';
import { Db } from '../server/src/neo4j/db';
import { createRepositories, type Repositories } from '../server/src/repositories';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  repos: Repositories;
  close(): Promise<void>;
}

/** The environment that points Parley (a config, a child process) at the run's Neo4j: its URI and password. */
export function testEnv(): { NEO4J_URI: string; NEO4J_PASSWORD: string } {
  return { NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword') };
}

export function testDb(): Db {
  const config = loadConfig(testEnv());
  return new Db({
    uri: inject('neo4jUri'),
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryTimeoutMs: config.PARLEY_QUERY_TIMEOUT_MS,
  });
}

export async function createTestApp(
  opts: {
    config?: Partial<AppConfig>;
    staticDir?: string | null;
    plugins?: Parameters<typeof buildApp>[0]['plugins'];
    extractor?: Parameters<typeof buildApp>[0]['extractor'];
    /**
     * Another database than the run's (a file's own Neo4j, started in a `beforeAll` registered before this is
     * called): asked for when the app is built; its owner closes it.
     */
    db?: () => Db;
  } = {},
): Promise<TestApp> {
  const db = opts.db ? opts.db() : testDb();
  const repos = createRepositories(db);
  const base = loadConfig(testEnv());
  const app = await buildApp({
    config: { ...base, PARLEY_RATE_LIMIT: 100_000, ...opts.config },
    repos,
    staticDir: opts.staticDir === undefined ? null : opts.staticDir,
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
    ...(opts.extractor ? { extractor: opts.extractor } : {}),
  });
  return {
    app,
    db,
    repos,
    close: async () => {
      await app.close();
      if (!opts.db) await db.close();
    },
  };
}

/** Parley listening on a free loopback port, serving the built client (run `npm run build` first). */
export async function startParley(opts: Parameters<typeof createTestApp>[0] = {}) {
  const t = await createTestApp({ staticDir: defaultStaticDir, ...opts });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * The address of a page of Parley with the test hooks loaded (`window.__parley`, `window.__parleySnapshot`): the
 * production bundle leaves them out unless the page is opened with `?testhook` (client/src/app/testhooks.ts).
 */
export function withTestHook(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}testhook=1`;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (PARLEY_CHROMIUM overrides the path), headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface Viewport {
  width: number;
  height: number;
}

/**
 * Opens a page of Parley at `base` + `path` with the test hook loaded, at this viewport; each script error on
 * the page is pushed to `errors` (when given) for the test to check.
 */
export async function openPage(
  browser: Browser,
  base: string,
  pagePath: string,
  viewport: Viewport,
  errors?: string[],
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  if (errors) page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(withTestHook(`${base}${pagePath}`));
  return page;
}

export interface BrowserSuite {
  /** Parley listening over the run's Neo4j (set before the file's first test). */
  parley: Awaited<ReturnType<typeof startParley>>;
  /** Chromium (set before the file's first test). */
  browser: Browser;
  /** Script errors of the pages `open` opened since the last test ended. */
  pageErrors: string[];
  /** `openPage` on this file's Parley and browser (1440x900 unless told), its errors in `pageErrors`. */
  open(pagePath: string, viewport?: Viewport): Promise<Page>;
}

/**
 * A browser test file's set-up, registered with vitest where it is called (at the top of the file): Parley
 * (`startParley` with these options) and Chromium before the first test, both closed after the last; after
 * each test, no page opened through `open` had a script error (`checkPageErrors: false` leaves that out).
 * A file's own `afterAll` hooks run before these close (vitest runs after-hooks last-registered first).
 */
export function browserSuite(
  opts: Parameters<typeof startParley>[0] & { checkPageErrors?: boolean } = {},
): BrowserSuite {
  const { checkPageErrors = true, ...parleyOpts } = opts;
  const suite: BrowserSuite = {
    parley: undefined as unknown as BrowserSuite['parley'],
    browser: undefined as unknown as Browser,
    pageErrors: [],
    open: (pagePath, viewport = { width: 1440, height: 900 }) =>
      openPage(suite.browser, suite.parley.baseUrl, pagePath, viewport, suite.pageErrors),
  };
  beforeAll(async () => {
    suite.parley = await startParley(parleyOpts);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await (suite.browser as Browser | undefined)?.close();
    await (suite.parley as BrowserSuite['parley'] | undefined)?.close();
  });
  if (checkPageErrors)
    afterEach(() => {
      expect(suite.pageErrors).toEqual([]);
      suite.pageErrors.length = 0;
    });
  return suite;
}

export const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');
export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, name);
}

/** Decodes a PNG in the page; returns its size and how many pixels are not near-white. */
export function decodePng(p: Page, png: Buffer) {
  return p.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) coloured++;
    return { width: bitmap.width, height: bitmap.height, coloured };
  }, png.toString('base64'));
}
