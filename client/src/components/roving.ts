import type { KeyboardEvent } from 'react';

/**
 * A group with one Tab stop (ARIA "roving tabindex"): arrow keys, Home and End move between the group's
 * `selector` elements. Returns the index focused, or null when the key is not one of these.
 */
export function moveInGroup(e: KeyboardEvent<HTMLElement>, selector: string): number | null {
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(selector));
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (at < 0 || items.length === 0) return null;
  let next: number;
  if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = (at + 1) % items.length;
  else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = (at - 1 + items.length) % items.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  else return null;
  e.preventDefault();
  items[next]!.focus();
  return next;
}
