import type { History } from './types';

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0;
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

/** The label of the step an undo would take back, or null. */
export function undoLabel<T>(h: History<T>): string | null {
  return h.past.length > 0 ? h.presentLabel : null;
}

/** The label of the step a redo would do again, or null. */
export function redoLabel<T>(h: History<T>): string | null {
  return h.future[0]?.label ?? null;
}
