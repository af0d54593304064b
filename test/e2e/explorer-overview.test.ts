/**
 * A large database opens on an overview (issue 13): above the threshold the explorer draws the most connected
 * entities and says "N of M shown", and the count grows as search brings more in. The threshold is lowered for
 * this file's server (PARLEY_OVERVIEW_ABOVE) and 400 people of its own (ids of this run, a hub and a ring) are
 * added to the shared Neo4j and removed after; M is read from the API at the time, never a global count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OverviewResponse } from '../../contract';
import { browserSuite, screenshotPath } from '../_helpers';
import { chooseFromCombobox, visibleNodeIds, waitForGraph } from './explorer-helpers';

const RUN = `ove-${process.pid}-${Date.now().toString(36)}`;
const N = 400;
const t = browserSuite({ config: { PARLEY_OVERVIEW_ABOVE: 100 } });

beforeAll(async () => {
  // person 0 knows everyone; each knows the next (a ring)
  await t.parley.db.query(
    `UNWIND range(0, $n - 1) AS i
     CREATE (:Person {id: $prefix + toString(i), name: 'Overview ' + $run + ' ' + toString(i) + ' person'})`,
    { n: N, prefix: `person:${RUN}-`, run: RUN },
    { mode: 'write' },
  );
  await t.parley.db.query(
    `UNWIND range(1, $n - 1) AS i
     MATCH (p:Person {id: $prefix + toString(i)})
     MATCH (h:Person {id: $prefix + '0'})
     MATCH (q:Person {id: $prefix + toString((i + 1) % $n)})
     CREATE (p)-[:KNOWS]->(h), (p)-[:KNOWS]->(q)`,
    { n: N, prefix: `person:${RUN}-` },
    { mode: 'write' },
  );
}, 120_000);
afterAll(async () => {
  await t.parley?.db.query(
    'MATCH (p:Person) WHERE p.id STARTS WITH $prefix DETACH DELETE p',
    { prefix: `person:${RUN}-` },
    { mode: 'write' },
  );
});

const open = (width: number, height: number) => t.open('/', { width, height });

const shownNote = (page: Page) => page.getByRole('status').filter({ hasText: / shown/ });

describe('a large database opens on an overview', () => {
  it('draws the most connected entities, says "N of M shown", and grows by search', async () => {
    const total = ((await (await fetch(`${t.parley.baseUrl}/api/graph/overview`)).json()) as OverviewResponse).total;
    expect(total).toBeGreaterThan(300);
    const page = await open(1440, 900);
    await waitForGraph(page, 300);
    expect(await visibleNodeIds(page)).toHaveLength(300);
    await expect
      .poll(() => shownNote(page).innerText())
      .toMatch(new RegExp(`^300 of ${total.toLocaleString('en')} shown \\(the most connected\\)\\. Search`));
    expect(await visibleNodeIds(page)).toContain(`person:${RUN}-0`);
    await page.screenshot({ path: screenshotPath('explorer-overview.png') });
    // a person not in the overview (degree 3, like 399 others), found by search, comes in and the count follows
    const shown = new Set(await visibleNodeIds(page));
    const absent = Array.from({ length: N }, (_, i) => `person:${RUN}-${i}`).find((id) => !shown.has(id))!;
    const name = `Overview ${RUN} ${absent.split('-').pop()} person`;
    await chooseFromCombobox(page, 'Search', name, name);
    await page.waitForFunction((id) => window.__parley!.visibleNodeIds().includes(id), absent);
    const now = (await visibleNodeIds(page)).length;
    expect(now).toBeGreaterThan(300);
    await expect
      .poll(() => shownNote(page).innerText())
      .toMatch(new RegExp(`^${now} of ${total.toLocaleString('en')} shown`));
    await page.close();
  });

  it('says it at 1024×768 and on a phone too', async () => {
    for (const [w, h] of [
      [1024, 768],
      [390, 844],
    ] as const) {
      const page = await open(w, h);
      await waitForGraph(page, 300);
      const note = shownNote(page);
      await note.waitFor();
      expect(await note.innerText()).toMatch(/^300 of [\d,]+ shown/);
      // the note fits the screen (no sideways scroll)
      const box = (await note.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(w + 1);
      await page.screenshot({ path: screenshotPath(`explorer-overview-${w}x${h}.png`) });
      await page.close();
    }
  });
});
