import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  createHistory,
  push,
  redo,
  redoLabel,
  replace,
  undo,
  undoLabel,
} from '../../../client/src/state/history';

describe('undo stack', () => {
  it('undoes and redoes steps in order, with their labels', () => {
    let h = createHistory(0);
    h = push(h, 1, 'one');
    h = push(h, 2, 'two');
    expect(undoLabel(h)).toBe('two');
    h = undo(h);
    expect(h.present).toBe(1);
    expect(redoLabel(h)).toBe('two');
    h = undo(h);
    expect(h.present).toBe(0);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe(1);
    h = redo(h);
    expect(h.present).toBe(2);
    expect(canRedo(h)).toBe(false);
  });

  it('a new step clears the redo list; an unchanged state is not a step', () => {
    let h = push(push(createHistory('a'), 'b', 'b'), 'c', 'c');
    h = undo(h);
    h = push(h, 'd', 'd');
    expect(canRedo(h)).toBe(false);
    expect(h.past.map((p) => p.state)).toEqual(['a', 'b']);
    expect(push(h, h.present, 'same')).toBe(h);
  });

  it('replace changes the present without a step, and the limit drops the oldest steps', () => {
    const h = replace(push(createHistory(0), 1, 'one'), 5);
    expect(h.present).toBe(5);
    expect(h.past).toHaveLength(1);
    let l = createHistory(0);
    for (let i = 1; i <= 10; i++) l = push(l, i, `s${i}`, 3);
    expect(l.past.map((p) => p.state)).toEqual([7, 8, 9]);
  });
});
