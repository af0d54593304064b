import { Switch } from '../../../components/Switch';
import { setModeMet, setSettings, useExplorer, useModel, useView } from '../../../core/explorer';
import { DEFAULT_EXPANSION_CAP } from '../../../state/expansion';
import { BETWEENNESS_MAX_NODES, type SizeBy } from '../../../utils/metrics';

/** "View": who met whom, size by, community colours, neighbours per expansion. */
export function ViewOptionsPanel() {
  const mode = useView().mode;
  const bigGraph = useModel().nodes.length > BETWEENNESS_MAX_NODES;
  const sizeBy = useExplorer((s) => s.sizeBy);
  const colorByCommunity = useExplorer((s) => s.colorByCommunity);
  const cap = useExplorer((s) => s.cap);
  return (
    <section className="panel-section" aria-labelledby="view-h">
      <h2 id="view-h" className="section-title">
        View
      </h2>
      <Switch label="Who met whom" checked={mode === 'met'} onChange={setModeMet} />
      <label className="field">
        <span className="field-label">Size by</span>
        <select value={sizeBy} onChange={(e) => setSettings({ sizeBy: e.target.value as SizeBy })}>
          <option value="degree">Degree</option>
          <option value="betweenness" disabled={bigGraph}>
            Betweenness{bigGraph ? ' (too many nodes)' : ''}
          </option>
          <option value="pagerank">PageRank</option>
          <option value="uniform">Same size</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={colorByCommunity}
          onChange={(e) => setSettings({ colorByCommunity: e.target.checked })}
        />
        Colour by community (Louvain)
      </label>
      <label className="field">
        <span className="field-label">Neighbours per expansion</span>
        <input
          type="number"
          min={1}
          max={500}
          value={cap}
          onChange={(e) =>
            setSettings({ cap: Math.max(1, Math.min(500, Number(e.target.value) || DEFAULT_EXPANSION_CAP)) })
          }
        />
      </label>
    </section>
  );
}
