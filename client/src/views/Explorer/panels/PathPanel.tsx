import { SearchBox } from '../../../components/SearchBox';
import { clearPath, findPath, search, setPathEnd, useExplorer } from '../../../core/explorer';

/** "How are they connected?": two ends chosen by search, the path found, its message. */
export function PathPanel() {
  const pathFrom = useExplorer((s) => s.pathFrom);
  const pathTo = useExplorer((s) => s.pathTo);
  const hasPath = useExplorer((s) => s.path !== null);
  const pathMessage = useExplorer((s) => s.pathMessage);
  return (
    <section className="panel-section" aria-labelledby="path-h">
      <h2 id="path-h" className="section-title">
        How are they connected?
      </h2>
      <SearchBox
        label="From"
        placeholder="First person or thing…"
        search={search}
        clearOnChoose={false}
        onChoose={(h) => setPathEnd('from', { id: h.id, name: h.name })}
      />
      <SearchBox
        label="To"
        placeholder="Second person or thing…"
        search={search}
        clearOnChoose={false}
        onChoose={(h) => setPathEnd('to', { id: h.id, name: h.name })}
      />
      <p className="muted small">
        {pathFrom ? `From: ${pathFrom.name}` : 'From: —'} · {pathTo ? `To: ${pathTo.name}` : 'To: —'}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={!pathFrom || !pathTo}
          onClick={() => void findPath(pathFrom, pathTo)}
        >
          Find path
        </button>
        <button type="button" className="button subtle" disabled={!hasPath && !pathMessage} onClick={clearPath}>
          Clear path
        </button>
      </div>
      <p className="path-message" role="status" aria-live="polite">
        {pathMessage}
      </p>
    </section>
  );
}
