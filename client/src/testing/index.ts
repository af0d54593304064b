/**
 * Test-only scaffolding, loaded as its own chunk when a page is opened with `?testhook` (app/testhooks.ts): the
 * explorer's `window.__parley`, the snapshot viewer's `window.__parleySnapshot`, and the seeded generated graphs
 * of the scale tests (generatedSource.ts). Nothing in the app imports this folder.
 */
import type { TestHooks } from '../app/testhooks';
import { ExplorerTestHook } from './ExplorerTestHook';
import { installSnapshotHook } from './snapshotHook';

export type { ParleyTestHook } from './ExplorerTestHook';
export type { SnapshotTestHook } from './snapshotHook';

export const testHooks: TestHooks = { Explorer: ExplorerTestHook, snapshot: installSnapshotHook };
