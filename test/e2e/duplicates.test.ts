/**
 * The duplicates review queue in a real browser against a real Parley over the run's Neo4j with the seed plus
 * a second spelling of Darchiyev: the pair is proposed with its reasons, both nodes shown side by side with
 * their relationships and quotes; Merge makes the merged id resolve to the kept node; Undo brings the pair back.
 * Saves docs/screenshots/duplicates.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshotPath } from '../_helpers';

const t = browserSuite();
let page: Page;
const DUP = 'person:e2e-darchiev';
const KEEP = 'person:aleksandr-darchiyev';

beforeAll(async () => {
  await t.parley.db.query(
    `MATCH (m:Meeting {id: 'meeting:istanbul-april-10'})
     CREATE (n:Person {id: $id, name: 'Ambassador Alexander Darchiev', aliases: [], description: 'as a second article names him'})
     CREATE (n)-[:ATTENDED {quotes: ['Darchiev attended the Istanbul talks'], sourceIds: ['source:e2e'], inferred: false}]->(m)`,
    { id: DUP },
    { mode: 'write' },
  );
});

afterAll(async () => {
  await t.parley?.db.query(
    `MATCH (n) WHERE n.id = $id OR n:ParleyMerge OR n:ParleyMergedAway DETACH DELETE n`,
    { id: DUP },
    { mode: 'write' },
  );
});

const pairButton = () => page.getByRole('button', { name: /Aleksandr Darchiyev \/ Ambassador Alexander Darchiev/ });

describe('the duplicates review queue', () => {
  it('shows the pair side by side, merges it, and undoes the merge', async () => {
    page = await t.open('/duplicates', { width: 1400, height: 900 });
    await pairButton().waitFor();
    await page.getByRole('region', { name: 'first: Aleksandr Darchiyev' }).waitFor();
    const second = page.getByRole('region', { name: 'second: Ambassador Alexander Darchiev' });
    await second.waitFor();
    expect(await second.textContent()).toContain('“Darchiev attended the Istanbul talks”');
    const reasons = await page.getByRole('list', { name: 'Reasons' }).textContent();
    expect(reasons).toContain('spellings of one name (transliteration)');
    await page.screenshot({ path: screenshotPath('duplicates.png') });

    await page.getByRole('button', { name: 'Merge into Aleksandr Darchiyev' }).click();
    await page.getByRole('status').filter({ hasText: 'Merged “Ambassador Alexander Darchiev”' }).waitFor();
    const merges = page.getByRole('region', { name: 'Merges' });
    await merges.getByRole('button', { name: 'Undo' }).waitFor();
    expect(await pairButton().count()).toBe(0);
    const resolved = (await (await fetch(`${t.parley.baseUrl}/api/nodes/${encodeURIComponent(DUP)}`)).json()) as {
      node: { id: string; properties: { aliases: string[] } };
    };
    expect(resolved.node.id).toBe(KEEP);
    expect(resolved.node.properties.aliases).toContain('Ambassador Alexander Darchiev');

    await merges.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').filter({ hasText: 'Undid the merge' }).waitFor();
    await pairButton().waitFor();
    expect(await merges.textContent()).toContain('undone');
    const back = (await (await fetch(`${t.parley.baseUrl}/api/nodes/${encodeURIComponent(DUP)}`)).json()) as {
      node: { id: string };
    };
    expect(back.node.id).toBe(DUP);
    expect(t.pageErrors).toEqual([]);
  });
});
