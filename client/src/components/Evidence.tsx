import type { Evidence, GraphEdge, SourceSummary } from '../../../contract';

export function sourceLine(s: SourceSummary | undefined, sourceId: string): string {
  if (!s) return sourceId;
  const outlet = s.outlet ?? 'outlet not stated';
  return `${s.name} — ${outlet}${s.published ? `, ${s.published}` : ', date not stated'}`;
}

/** The reason an inferred relationship gives for itself. */
export function inferenceReason(edge: GraphEdge): string | null {
  for (const k of ['inferenceReason', 'reason', 'inference_reason']) {
    const v = edge.properties[k];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

export function InferredBadge({ edge }: { edge: GraphEdge }) {
  if (!edge.inferred) return null;
  const reason = inferenceReason(edge);
  return (
    <p className="inferred">
      <span className="badge badge-inferred">inferred</span> {reason ?? 'No reason was recorded.'}
    </p>
  );
}

/** The quotes behind a relationship, each with its source and a button that opens the article at the quote; nothing when it has none. */
export function EvidenceList({
  evidence,
  sources,
  onOpen,
}: {
  evidence: Evidence[];
  sources: Record<string, SourceSummary>;
  onOpen: (sourceId: string, quote: string) => void;
}) {
  // A relationship from no document (any database's own data) says nothing about quotes: there is none to miss.
  if (evidence.length === 0) return null;
  return (
    <ul className="evidence">
      {evidence.map((ev, i) => (
        <li key={`${ev.sourceId}-${i}`}>
          <blockquote>“{ev.quote}”</blockquote>
          <div className="evidence-source">
            <span>{sourceLine(sources[ev.sourceId], ev.sourceId)}</span>
            <button type="button" className="link-button" onClick={() => onOpen(ev.sourceId, ev.quote)}>
              Show in source
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
