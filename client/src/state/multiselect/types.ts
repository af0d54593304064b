/** A rectangle in the graph's coordinates (a box drawn on the stage, converted by the canvas). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
