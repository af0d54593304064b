/** Browser helpers shared by the explorer's end-to-end tests (uses the test hook `window.__parley`). */
import type { Page } from 'playwright-core';
import type { DrawnLabelBox, ParleyTestHook } from '../../client/src/testing';

declare global {
  interface Window {
    __parley?: ParleyTestHook;
    __parleyLabels?: (selector: string) => {
      canvas: { left: number; top: number; right: number; bottom: number };
      labels: DrawnLabelBox[];
    } | null;
  }
}

/** Waits until the explorer has drawn at least `min` nodes. */
export async function waitForGraph(page: Page, min = 1): Promise<void> {
  try {
    await page.waitForFunction((m) => (window.__parley?.visibleNodeIds().length ?? 0) >= m, min, { timeout: 45_000 });
  } catch (err) {
    const text = await page.evaluate(() => document.body.innerText.slice(0, 500));
    throw new Error(`the explorer did not draw ${min} node(s); the page says: ${JSON.stringify(text)}`, { cause: err });
  }
}

export function visibleNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__parley!.visibleNodeIds());
}

export function visibleEdgeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__parley!.visibleEdgeIds());
}

export function positions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => window.__parley!.positions());
}

export interface HookState {
  origin: string;
  start: string;
  mode: 'graph' | 'met';
  selection: { kind: string; id: string } | null;
  filters: { hiddenLabels: string[]; hiddenTypes: string[]; from: string | null; to: string | null };
  expansions: { anchor: string; added: string[]; loaded: number; total: number }[];
  visibleCount: number;
  layoutRunning: boolean;
  path: { nodes: string[]; edges: string[] } | null;
  undo: string | null;
  redo: string | null;
  presenting: boolean;
  labelSize: number;
}

export function hookState(page: Page): Promise<HookState> {
  return page.evaluate(() => window.__parley!.state() as HookState);
}

/** Page coordinates of a node on the canvas. */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((nid) => {
    const h = window.__parley!;
    const v = h.nodeViewportPosition(nid);
    const r = h.containerRect();
    return v ? { x: r.left + v.x, y: r.top + v.y } : null;
  }, id);
  if (!p) throw new Error(`node ${id} is not on the canvas`);
  return p;
}

/** Types into a combobox and chooses the option whose text contains `option`. */
export async function chooseFromCombobox(page: Page, name: string, text: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name, exact: true });
  await box.fill(text);
  const listbox = page.getByRole('listbox', { name: `${name} results` });
  const opt = listbox.getByRole('option').filter({ hasText: option }).first();
  await opt.waitFor();
  await opt.click();
}

/** The controls laid over a canvas in the app (zoom buttons, the select-area bar, the console's export menu and node card). */
export const OVERLAID_CONTROLS = '.zoom-controls, .area-bar, .console-export, .console-node-card';

/**
 * The labels drawn on the sigma canvas inside `selector` (graph/labels.ts records where each went; the hook is
 * `window.__parleyLabels`), with the pairs that overlap, the labels not wholly inside the canvas, and the labels
 * that run under a control laid over the canvas (`controls`: how many such controls are on the canvas, found by
 * their class names, not by the mark the placer reads).
 */
export async function labelClashes(
  page: Page,
  selector: string,
): Promise<{ drawn: string[]; overlapping: string[]; outside: string[]; covered: string[]; controls: number }> {
  const found = await page.evaluate((sel) => window.__parleyLabels?.(sel) ?? null, selector);
  if (!found) throw new Error(`no sigma canvas in ${selector}, or no label hook (open the page with ?testhook)`);
  const { canvas, labels } = found;
  const controls = await page.evaluate(
    ({ list, c }) =>
      [...document.querySelectorAll(list)]
        .map((el) => {
          const r = el.getBoundingClientRect();
          return {
            name: el.getAttribute('aria-label') ?? el.className,
            left: r.left,
            top: r.top,
            right: r.right,
            bottom: r.bottom,
          };
        })
        .filter((r) => r.right > r.left && r.bottom > r.top)
        .filter((r) => r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top),
    { list: OVERLAID_CONTROLS, c: canvas },
  );
  type Box = { left: number; top: number; right: number; bottom: number };
  const meet = (a: Box, b: Box) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const overlapping: string[] = [];
  for (const [i, a] of labels.entries())
    for (const b of labels.slice(i + 1)) if (meet(a, b)) overlapping.push(`"${a.text}" / "${b.text}"`);
  const outside = labels
    .filter(
      (l) =>
        l.left < canvas.left - 0.5 ||
        l.right > canvas.right + 0.5 ||
        l.top < canvas.top - 0.5 ||
        l.bottom > canvas.bottom + 0.5,
    )
    .map((l) => l.text);
  const covered = labels.flatMap((l) => controls.filter((c) => meet(l, c)).map((c) => `"${l.text}" under ${c.name}`));
  return { drawn: labels.map((l) => l.text), overlapping, outside, covered, controls: controls.length };
}
