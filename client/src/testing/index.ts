/**
 * Test-only scaffolding, loaded as its own chunk when a page is opened with `?testhook` (app/testhooks.ts): the
 * explorer's `window.__parley`, the snapshot viewer's `window.__parleySnapshot`,
 * where every canvas drew its labels (`window.__parleyLabels`), and the seeded generated graphs
 * of the scale tests (generatedSource.ts). Nothing in the app imports this folder.
 */
import type { TestHooks } from '../app/testhooks';
import { ExplorerTestHook } from './ExplorerTestHook';
import { installLabelsHook } from './labelsHook';
import { installSnapshotHook } from './snapshotHook';

export type { ParleyTestHook } from './ExplorerTestHook';
export type { SnapshotTestHook } from './snapshotHook';
export type { DrawnLabelBox } from './labelsHook';

// where the labels of any canvas were drawn (window.__parleyLabels), for the label-overlap checks
installLabelsHook();

export const testHooks: TestHooks = { Explorer: ExplorerTestHook, snapshot: installSnapshotHook };
