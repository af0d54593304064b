/**
 * The Import page in a real browser against a real Parley over the run's Neo4j: two CSV files (nodes of a label
 * the seed does not have, and their relationships) are chosen, previewed (kinds, columns, counts per label and
 * type), imported (the answer read from the NDJSON stream), opened in the explorer, a renamed node previewed
 * as a conflict with the keep/replace rule, and the import undone, so the database is the seed again;
 * then a file with a dangling relationship lists its problem by file and line. Saves docs/screenshots/import.png.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../server/src/config';
import { browserSuite, screenshotPath } from '../_helpers';

const t = browserSuite();
let page: Page;
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'import-page');
const LAMP = 'gadget:imppage-lamp';

const gadgets = async () =>
  (await t.parley.db.query(`MATCH (g:Gadget) WHERE g.id STARTS WITH 'gadget:imppage-' RETURN count(g) AS n`))[0]?.['n'];

afterAll(async () => {
  // leaves the shared database as the seed even when an assertion failed half-way
  await t.parley?.db.query(
    `MATCH (g:Gadget) WHERE g.id STARTS WITH 'gadget:imppage-' DETACH DELETE g`,
    {},
    { mode: 'write' },
  );
});

describe('the Import page', () => {
  it('previews two CSV files, imports them with progress, and undoes the import', async () => {
    page = await t.open('/import', { width: 1440, height: 900 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);

    await page
      .getByLabel('Choose files')
      .setInputFiles([path.join(fixtures, 'gadgets.csv'), path.join(fixtures, 'gadget-links.csv')]);
    const chosen = page.getByRole('list', { name: 'Chosen files' });
    await chosen.getByText('gadget-links.csv').waitFor();
    expect(await chosen.textContent()).toContain('gadgets.csv');

    await page.getByRole('button', { name: 'Preview' }).click();
    const labels = page.getByRole('table', { name: 'Labels' });
    await labels.waitFor();
    const gadgetRow = labels.getByRole('row', { name: /Gadget/ });
    expect((await gadgetRow.getByRole('cell').allTextContents()).map((t) => t.trim())).toEqual(['3', '0', '0', '0']);
    const types = page.getByRole('table', { name: 'Relationship types' });
    expect(
      (
        await types
          .getByRole('row', { name: /RESTS_ON/ })
          .getByRole('cell')
          .allTextContents()
      )[0],
    ).toBe('1');
    expect((await types.getByRole('row', { name: /FITS/ }).getByRole('cell').allTextContents())[0]).toBe('1');
    const sample = page.getByRole('table', { name: 'First rows of gadgets.csv' });
    expect(await sample.textContent()).toContain('Brass Lamp');
    // graph data is text, never HTML
    expect(await sample.getByRole('cell', { name: '<b>not bold</b>' }).count()).toBe(1);
    expect(await page.locator('.imp-sample b').count()).toBe(0);
    expect(await gadgets()).toBe(0);
    await page.screenshot({ path: screenshotPath('import.png') });

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 3 nodes and 2 relationships' }).waitFor();
    await page.getByRole('link', { name: 'Open in explorer' }).waitFor();
    expect(await gadgets()).toBe(3);
    const lamp = (await (await fetch(`${t.parley.baseUrl}/api/nodes/${encodeURIComponent(LAMP)}`)).json()) as {
      node: { properties: { name: string; aliases: string[] } };
    };
    expect(lamp.node.properties.name).toBe('Brass Lamp');
    expect(lamp.node.properties.aliases).toEqual(['Lamp', 'Old lamp']);

    // "Open in explorer" shows the imported nodes, the first one selected
    await page.getByRole('link', { name: 'Open in explorer' }).click();
    await page.waitForURL(/start=empty/);
    expect(new URL(page.url()).searchParams.get('node')).toBe(LAMP);
    await page.getByRole('heading', { name: 'Brass Lamp' }).first().waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();

    // a stored node with another name: the preview shows the conflict and the rule that resolves it
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Choose files').setInputFiles(path.join(fixtures, 'gadgets-renamed.csv'));
    await page.getByRole('button', { name: 'Preview' }).click();
    const conflicts = page.getByRole('group', { name: 'Conflicts' });
    await conflicts.waitFor();
    const conflictRow = conflicts.getByRole('row', { name: /gadget:imppage-lamp/ });
    expect((await conflictRow.getByRole('cell').allTextContents()).slice(2)).toEqual(['Brass Lamp', 'Brass Desk Lamp']);
    expect(await conflicts.getByRole('radio', { name: /keep the stored value/ }).isChecked()).toBe(true);
    await conflicts.getByRole('radio', { name: /replace it/ }).check();
    await page.getByRole('button', { name: 'Import (replace them)' }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();

    const records = page.getByRole('region', { name: 'Recent imports' });
    const undo = records.getByRole('button', { name: 'Undo import of gadgets.csv, gadget-links.csv' });
    await undo.waitFor();
    page.once('dialog', (d) => void d.accept());
    await undo.click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Undid import/ })
      .waitFor();
    await expect.poll(() => undo.count()).toBe(0);
    await expect.poll(() => records.locator('li').first().textContent()).toContain('undone');
    expect(await gadgets()).toBe(0);

    // a relationship to a node that is nowhere: the problem is listed with its file and line, nothing written
    await page.getByLabel('Choose files').setInputFiles(path.join(fixtures, 'broken-links.csv'));
    await page.getByRole('button', { name: 'Preview' }).click();
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('broken-links.csv:2');
    expect(await page.getByRole('alert').textContent()).toContain('nothing was written');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    expect(t.pageErrors).toEqual([]);
  });
});
