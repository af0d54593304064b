/** What the canvas draws: derived from the data and the view state, never edited by hand. */
export interface RenderNode {
  id: string;
  /** display name (drawn as canvas text, never as HTML) */
  label: string;
  /** primary label, which decides the colour */
  kind: string;
  x: number;
  y: number;
  /** hidden by a filter (the node keeps its place) */
  hidden: boolean;
}

export interface RenderEdge {
  id: string;
  source: string;
  target: string;
  /** relationship type, or "met ×N" in the who-met-whom view */
  label: string;
  type: string;
  weight: number;
  inferred: boolean;
  hidden: boolean;
}

export interface RenderModel {
  nodes: RenderNode[];
  edges: RenderEdge[];
}

/** A request to move the camera (a new `nonce` each time, so the same request twice moves it twice). */
export type CameraRequest =
  /** centre on one node */
  | { kind: 'focus'; id: string; nonce: number }
  /** fit these nodes (null: everything drawn and not hidden) with room for their labels */
  | { kind: 'fit'; ids: string[] | null; nonce: number };
