import type { NodeDetails } from '../../../../contract';
import { InferredBadge } from '../../components/Evidence';

const HIDDEN = new Set(['id', 'name', 'aliases', 'description', 'mergedValues']);

/** One side of a candidate pair: its names, properties, and every relationship with its quotes. */
export function NodeCard({ details, title }: { details: NodeDetails | null; title: string }) {
  if (!details) return <section className="dup-card muted">Loading {title}…</section>;
  const { node, relationships } = details;
  const aliases = Array.isArray(node.properties.aliases) ? node.properties.aliases.map(String) : [];
  const description = typeof node.properties.description === 'string' ? node.properties.description : '';
  const props = Object.entries(node.properties).filter(([k]) => !HIDDEN.has(k));
  return (
    <section className="dup-card" aria-label={`${title}: ${node.name}`}>
      <h2>{node.name}</h2>
      <p className="muted">
        <code>{node.id}</code> · {node.labels.join(', ')}
      </p>
      {description && <p>{description}</p>}
      <p>
        <strong>Aliases:</strong> {aliases.length > 0 ? aliases.join('; ') : <span className="muted">none</span>}
      </p>
      {props.length > 0 && (
        <dl className="dup-props">
          {props.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>{relationships.length} relationships</h3>
      <ul className="dup-rels">
        {relationships.map((r) => (
          <li key={r.edge.id}>
            {r.direction === 'out' ? '→' : '←'} <strong>{r.edge.type}</strong> {r.other.name}
            <InferredBadge edge={r.edge} />
            {r.edge.evidence.map((e, i) => (
              <blockquote key={i}>“{e.quote}”</blockquote>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
