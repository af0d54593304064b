import type { GraphNode, SharedMeeting } from '../../../../contract';

/** A person–person edge of the who-met-whom view: the meetings both attended. */
export interface MetEdge {
  /** `met:<a>|<b>` with a < b */
  id: string;
  source: string;
  target: string;
  /** number of shared meetings */
  weight: number;
  /** the shared meetings, by date (undated last), then id */
  meetings: SharedMeeting[];
}

export interface MetProjection {
  /** the people (every Person in the input, met or not) */
  nodes: GraphNode[];
  edges: MetEdge[];
}
