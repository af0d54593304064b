/**
 * Where a pop-up menu goes (the "Expand by" menu of a node): never over the node and its label, always on screen.
 * Pure: the panel measures the node's label on the canvas and the menu's size, this decides.
 */

/** A rectangle on screen (CSS pixels of the page). */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The menu's top-left corner, and the height it may take (it scrolls past that). */
export interface Placement {
  left: number;
  top: number;
  maxHeight: number;
}

/** Space between the menu and what it must not cover. */
export const MENU_GAP = 8;
/** Space kept between the menu and the screen's edges. */
export const SCREEN_MARGIN = 8;

/**
 * Places a menu of `menu`'s size next to `avoid` without covering it: right of it, else left, else below, else
 * above — the first side where the whole menu fits on screen; along that side it lines up with `avoid` and is
 * clamped to the screen. When no side holds the whole menu (a phone), it goes below or above, wherever there is
 * more room, shortened to that room (it scrolls).
 */
export function placeMenu(avoid: Rect, menu: Size, screen: Size, gap = MENU_GAP, margin = SCREEN_MARGIN): Placement {
  const clampX = (x: number) => Math.max(margin, Math.min(x, screen.width - menu.width - margin));
  const clampY = (y: number, h: number) => Math.max(margin, Math.min(y, screen.height - h - margin));
  const tallest = screen.height - 2 * margin;
  const height = Math.min(menu.height, tallest);
  const right = avoid.right + gap;
  if (right + menu.width <= screen.width - margin)
    return { left: right, top: clampY(avoid.top, height), maxHeight: height };
  const left = avoid.left - gap - menu.width;
  if (left >= margin) return { left, top: clampY(avoid.top, height), maxHeight: height };
  const below = avoid.bottom + gap;
  const roomBelow = screen.height - margin - below;
  const roomAbove = avoid.top - gap - margin;
  const x = clampX(avoid.left);
  if (menu.height <= roomBelow) return { left: x, top: below, maxHeight: menu.height };
  if (menu.height <= roomAbove) return { left: x, top: avoid.top - gap - menu.height, maxHeight: menu.height };
  if (roomBelow >= roomAbove) return { left: x, top: below, maxHeight: Math.max(0, roomBelow) };
  const h = Math.max(0, roomAbove);
  return { left: x, top: avoid.top - gap - h, maxHeight: h };
}

/** Whether two rectangles overlap (touching edges do not). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
