import type { GraphEdge, GraphNode } from '../../../../contract';

/**
 * Every node and relationship the client has fetched so far, by id. This is the data, not the picture:
 * what is drawn is derived from it and the view state (see state/render).
 */
export interface GraphData {
  nodes: Record<string, GraphNode>;
  edges: Record<string, GraphEdge>;
}
