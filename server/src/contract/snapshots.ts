/**
 * Snapshots: saved, shareable pictures of a view (see docs/snapshots.md). A snapshot is self-contained: it
 * carries the nodes and edges it drew, where, and how, so it can be reopened exactly as it was (and without
 * the database, from a file). Types only: the client `import type`s them through contract.ts.
 */
import type { JsonValue } from '../contract';

/** The one format name and the version this Parley writes and reads. */
export type SnapshotFormat = 'parley-snapshot';
export type SnapshotVersion = 1;

export interface SnapshotNode {
  /** the node's stable API id (see contract.ts) */
  id: string;
  /** the text drawn next to it */
  label: string;
  /** primary label (e.g. Person), which chose the colour */
  kind: string;
  /** graph coordinates, as the view had them */
  x: number;
  y: number;
  /** sigma node size (radius at zoom 1) */
  size: number;
  /** CSS colour: #rgb, #rrggbb, #rrggbbaa or rgb()/rgba() */
  color: string;
  /** true for nodes the view made up (not database nodes): they are not checked for existence */
  derived?: boolean;
}

export interface SnapshotEdge {
  id: string;
  source: string;
  target: string;
  /** relationship type (or e.g. "MET" for the who-met-whom view) */
  type: string;
  /** text drawn on the edge, if any */
  label?: string;
  color: string;
  /** sigma edge size (thickness at zoom 1) */
  size: number;
  /** 0 or absent: straight; else the @sigma/edge-curve curvature */
  curvature?: number;
  /** arrow head at the target */
  arrow?: boolean;
  inferred?: boolean;
  /** true for edges the view made up (e.g. "met ×2"): they are not checked for existence */
  derived?: boolean;
}

export interface SnapshotCamera {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

export interface SnapshotBBox {
  x: [number, number];
  y: [number, number];
}

export interface SnapshotLegendItem {
  label: string;
  color: string;
  /** circle for node kinds, line for edge kinds */
  shape: 'circle' | 'line';
}

export interface SnapshotSource {
  id: string;
  name: string;
  outlet: string | null;
  published: string | null;
}

export interface SnapshotFilters {
  hiddenLabels: string[];
  hiddenTypes: string[];
  /** time range (ISO dates), null when open */
  from: string | null;
  to: string | null;
}

export interface SnapshotQuery {
  /** e.g. "cypher", "search", "path", "met", "graph" */
  kind: string;
  text: string;
  params?: Record<string, JsonValue>;
}

export interface SnapshotView {
  mode: 'graph' | 'met';
  camera: SnapshotCamera;
  /** the canvas size (CSS pixels) the picture was taken at */
  viewport: { width: number; height: number };
  /** the graph extent sigma framed the camera in (its bbox), so the camera means the same on reopening */
  bbox?: SnapshotBBox | null;
  filters: SnapshotFilters;
  /** selected node ids */
  selection: string[];
  /** the query that produced the view, if any */
  query: SnapshotQuery | null;
  /** free-form style settings of the view (label size, colour scheme, …) */
  styles: Record<string, JsonValue>;
  legend: SnapshotLegendItem[];
}

/** What `POST /api/snapshots` accepts and what an exported file holds (then with `id` and `created`). */
export interface SnapshotDocument {
  format: SnapshotFormat;
  version: SnapshotVersion;
  title: string;
  caption: string;
  view: SnapshotView;
  graph: { nodes: SnapshotNode[]; edges: SnapshotEdge[] };
  /** the documents the picture rests on, for the footnote */
  sources: SnapshotSource[];
  /** set by the server when saved; ignored on import (a saved copy gets a new id) */
  id?: string;
  created?: string;
}

export interface StoredSnapshot extends SnapshotDocument {
  id: string;
  /** ISO date-time of saving */
  created: string;
}

export interface SnapshotSummary {
  id: string;
  title: string;
  created: string;
  nodeCount: number;
  edgeCount: number;
}

export interface SnapshotListResponse {
  snapshots: SnapshotSummary[];
}

export interface SnapshotResponse {
  snapshot: StoredSnapshot;
  /** ids the snapshot drew that no longer exist in the database (it still draws them, from its own copy) */
  missing: { nodes: string[]; edges: string[] };
}

export interface SnapshotCreatedResponse {
  id: string;
  created: string;
  /** the path that reopens it in the client */
  url: string;
}
