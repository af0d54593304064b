import type { GraphEdge, GraphNode, JsonValue, NodeDetails, SourceSummary } from '../../../contract';
import type { MetEdge } from '../state/met/types';
import { humanKey } from '../utils/words';
import { EvidenceList, InferredBadge } from './Evidence';

function formatValue(v: JsonValue): string {
  if (v === null) return '—';
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const HIDDEN_PROPS = new Set(['name', 'aliases', 'id']);

export function PropertyTable({
  properties,
  skip = HIDDEN_PROPS,
}: {
  properties: Record<string, JsonValue>;
  skip?: Set<string>;
}) {
  const entries = Object.entries(properties).filter(([k]) => !skip.has(k));
  if (entries.length === 0) return null;
  return (
    <dl className="props">
      {entries.map(([k, v]) => (
        <div key={k} className="prop">
          <dt title={k}>{humanKey(k)}</dt>
          <dd>{formatValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface NodePanelProps {
  node: GraphNode;
  details: NodeDetails | null;
  loading: boolean;
  error: string | null;
  sources: Record<string, SourceSummary>;
  inView: boolean;
  expanded: boolean;
  remaining: number;
  busy: boolean;
  onExpand: () => void;
  /** opens the "Expand by" menu next to the button (keyboard-reachable twin of the right-click menu) */
  onExpandBy?: (at: { x: number; y: number }) => void;
  onMore: () => void;
  onCollapse: () => void;
  onHide: () => void;
  onShow: () => void;
  onPathFrom: () => void;
  onPathTo: () => void;
  onSelectNode: (id: string) => void;
  onSelectEdge: (id: string) => void;
  onOpenSource: (sourceId: string, quote: string) => void;
  /** a snapshot's details: no actions that change the view (expand, hide, path, select a relationship) */
  readOnly?: boolean;
}

/** The selected node: properties, aliases, actions, and every relationship with its evidence. */
export function NodePanel(p: NodePanelProps) {
  const aliases = p.node.properties['aliases'];
  const rels = p.details?.relationships ?? [];
  return (
    <div className="details">
      <p className="kicker">{p.node.labels.join(' · ')}</p>
      <h2 className="details-title">{p.node.name}</h2>
      {Array.isArray(aliases) && aliases.length > 0 && (
        <p className="aliases">
          <span className="muted">Also known as </span>
          {aliases.map(formatValue).join('; ')}
        </p>
      )}
      {!p.readOnly && (
        <div className="actions" role="group" aria-label="Node actions">
          {p.inView ? (
            <>
              <button
                type="button"
                className="button"
                onClick={p.expanded && p.remaining > 0 ? p.onMore : p.onExpand}
                disabled={p.busy || (p.expanded && p.remaining === 0)}
              >
                {p.expanded
                  ? p.remaining > 0
                    ? `Load ${p.remaining} more`
                    : 'All neighbours shown'
                  : 'Expand neighbours'}
              </button>
              {p.onExpandBy && (
                <button
                  type="button"
                  className="button"
                  aria-haspopup="menu"
                  disabled={p.busy}
                  onClick={(e) => {
                    const r = e.currentTarget.getBoundingClientRect();
                    p.onExpandBy?.({ x: r.left, y: r.bottom + 4 });
                  }}
                >
                  Expand by…
                </button>
              )}
              <button type="button" className="button" onClick={p.onCollapse} disabled={!p.expanded}>
                Collapse
              </button>
              <button type="button" className="button" onClick={p.onHide}>
                Hide
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={p.onShow}>
              Show in graph
            </button>
          )}
          <button type="button" className="button subtle" onClick={p.onPathFrom}>
            Path from here
          </button>
          <button type="button" className="button subtle" onClick={p.onPathTo}>
            Path to here
          </button>
        </div>
      )}
      <PropertyTable properties={p.node.properties} />
      <p className="muted small">id: {p.node.id}</p>
      <h3>Relationships {p.details ? `(${rels.length})` : ''}</h3>
      {p.loading && <p className="muted">Loading…</p>}
      {p.error && <p className="error">{p.error}</p>}
      <ul className="relationships">
        {rels.map(({ edge, direction, other }) => (
          <li key={edge.id} className="relationship">
            <div className="rel-head">
              <span className="rel-type">{direction === 'out' ? `${edge.type} →` : `← ${edge.type}`}</span>{' '}
              <button type="button" className="link-button" onClick={() => p.onSelectNode(other.id)}>
                {other.name}
              </button>
              <span className="muted small"> ({other.labels.join(', ')})</span>
              {!p.readOnly && (
                <button
                  type="button"
                  className="link-button small right"
                  onClick={() => p.onSelectEdge(edge.id)}
                  aria-label={`Select relationship ${edge.type} with ${other.name}`}
                >
                  select
                </button>
              )}
            </div>
            <PropertyTable properties={edge.properties} skip={new Set(['inferenceReason'])} />
            <InferredBadge edge={edge} />
            <EvidenceList evidence={edge.evidence} sources={p.sources} onOpen={p.onOpenSource} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The selected relationship: its ends, properties, inference and evidence. */
export function EdgePanel({
  edge,
  source,
  target,
  sources,
  onSelectNode,
  onOpenSource,
}: {
  edge: GraphEdge;
  source: GraphNode | undefined;
  target: GraphNode | undefined;
  sources: Record<string, SourceSummary>;
  onSelectNode: (id: string) => void;
  onOpenSource: (sourceId: string, quote: string) => void;
}) {
  return (
    <div className="details">
      <p className="kicker">Relationship</p>
      <h2 className="details-title">{edge.type}</h2>
      <p>
        <button type="button" className="link-button" onClick={() => onSelectNode(edge.source)}>
          {source?.name ?? edge.source}
        </button>{' '}
        → {edge.type} →{' '}
        <button type="button" className="link-button" onClick={() => onSelectNode(edge.target)}>
          {target?.name ?? edge.target}
        </button>
      </p>
      <PropertyTable properties={edge.properties} skip={new Set(['inferenceReason'])} />
      <InferredBadge edge={edge} />
      <h3>Evidence</h3>
      <EvidenceList evidence={edge.evidence} sources={sources} onOpen={onOpenSource} />
    </div>
  );
}

/** A who-met-whom edge: the meetings both people attended, with dates, places and evidence. */
export function MetEdgePanel({
  edge,
  names,
  sources,
  onSelectNode,
  onOpenSource,
  serverCheck,
}: {
  edge: MetEdge;
  names: Record<string, string>;
  sources: Record<string, SourceSummary>;
  onSelectNode: (id: string) => void;
  onOpenSource: (sourceId: string, quote: string) => void;
  /** what /api/met says about this pair, when checked */
  serverCheck: string | null;
}) {
  return (
    <div className="details">
      <p className="kicker">Who met whom</p>
      <h2 className="details-title">
        {names[edge.source] ?? edge.source} and {names[edge.target] ?? edge.target}
      </h2>
      <p>
        Met at {edge.weight} meeting{edge.weight === 1 ? '' : 's'}.{' '}
        <button type="button" className="link-button" onClick={() => onSelectNode(edge.source)}>
          {names[edge.source] ?? edge.source}
        </button>{' '}
        ·{' '}
        <button type="button" className="link-button" onClick={() => onSelectNode(edge.target)}>
          {names[edge.target] ?? edge.target}
        </button>
      </p>
      {serverCheck && <p className="muted small">{serverCheck}</p>}
      <ul className="relationships">
        {edge.meetings.map((m) => (
          <li key={m.id} className="relationship">
            <div className="rel-head">
              <button type="button" className="link-button" onClick={() => onSelectNode(m.id)}>
                {m.name}
              </button>
            </div>
            <dl className="props">
              <div className="prop">
                <dt>date</dt>
                <dd>{m.date ?? 'not stated'}</dd>
              </div>
              <div className="prop">
                <dt>status</dt>
                <dd>{m.status ?? '—'}</dd>
              </div>
              <div className="prop">
                <dt>place</dt>
                <dd>{m.places.length ? m.places.map((x) => x.name).join(', ') : 'not stated'}</dd>
              </div>
            </dl>
            <EvidenceList evidence={m.evidence} sources={sources} onOpen={onOpenSource} />
          </li>
        ))}
      </ul>
    </div>
  );
}
