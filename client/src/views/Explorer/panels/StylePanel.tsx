import { useMemo } from 'react';
import { StyleRules } from '../../../components/StyleRules';
import { setStyleRule, useDrawnNodes, useExplorer } from '../../../core/explorer';
import { primaryLabel } from '../../../state/data/utils';
import { propertyChoices } from '../../../state/styles';

/** Style rules by property, per label drawn (a folded section of the left panel). */
export function StylePanel() {
  const nodes = useDrawnNodes();
  const rules = useExplorer((s) => s.styleRules);
  const labels = useMemo(() => {
    const names = [...new Set(nodes.map(primaryLabel))].sort();
    return names.map((label) => ({ label, ...propertyChoices(nodes, label) }));
  }, [nodes]);
  return (
    <details className="section style-panel" open={rules.length > 0 || undefined}>
      <summary>
        <h2 className="section-title">Style rules{rules.length ? ` (${rules.length})` : ''}</h2>
      </summary>
      <StyleRules labels={labels} rules={rules} onSet={setStyleRule} />
    </details>
  );
}
