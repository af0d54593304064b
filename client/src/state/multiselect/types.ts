/** A rectangle (a box drawn on the stage), in the same coordinates as the nodes it is tested against. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A point (of a lasso's outline, or a node's position). */
export interface Point {
  x: number;
  y: number;
}
