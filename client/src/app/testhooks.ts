/**
 * Where the test-only hooks plug in. The production bundle holds only this registry: the hooks themselves
 * (`window.__parley`, `window.__parleySnapshot`, the generated graphs of the scale tests) live in client/src/testing/
 * and are loaded by main.tsx, as a separate chunk, only when the page was opened with `?testhook` (remembered for
 * the tab in sessionStorage, so later pages of the same test keep it). See client/src/README.md.
 */
import type { ComponentType } from 'react';
import type Sigma from 'sigma';

export interface TestHooks {
  /** rendered inside the explorer's SigmaContainer: installs `window.__parley` while mounted */
  Explorer: ComponentType;
  /** installs `window.__parleySnapshot` for a snapshot's sigma; returns its removal */
  snapshot: (sigma: Sigma) => () => void;
}

let hooks: TestHooks | null = null;

export const testHooks = (): TestHooks | null => hooks;

export function setTestHooks(h: TestHooks): void {
  hooks = h;
}

const FLAG = 'parley:testhook';

/** Did a test ask for the hooks (`?testhook` in the address now, or earlier in this tab)? */
export function wantsTestHooks(): boolean {
  const asked = new URLSearchParams(window.location.search).has('testhook');
  try {
    if (asked) sessionStorage.setItem(FLAG, '1');
    return asked || sessionStorage.getItem(FLAG) === '1';
  } catch {
    return asked;
  }
}
