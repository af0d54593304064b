import type { History } from './types';

export type { History } from './types';
export * from './utils';

export const HISTORY_LIMIT = 100;

export function createHistory<T>(present: T, label = 'start'): History<T> {
  return { past: [], present, presentLabel: label, future: [] };
}

/** Records a step; a step that changes nothing (same object) is not recorded. Clears the redo list. */
export function push<T>(h: History<T>, next: T, label: string, limit = HISTORY_LIMIT): History<T> {
  if (next === h.present) return h;
  const past = [...h.past, { state: h.present, label: h.presentLabel }];
  return { past: past.slice(Math.max(0, past.length - limit)), present: next, presentLabel: label, future: [] };
}

/** Changes the present without recording a step (e.g. positions streaming in from a running layout). */
export function replace<T>(h: History<T>, next: T): History<T> {
  return next === h.present ? h : { ...h, present: next };
}

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (!prev) return h;
  return {
    past: h.past.slice(0, -1),
    present: prev.state,
    presentLabel: prev.label,
    future: [{ state: h.present, label: h.presentLabel }, ...h.future],
  };
}

export function redo<T>(h: History<T>): History<T> {
  const next = h.future[0];
  if (!next) return h;
  return {
    past: [...h.past, { state: h.present, label: h.presentLabel }],
    present: next.state,
    presentLabel: next.label,
    future: h.future.slice(1),
  };
}
