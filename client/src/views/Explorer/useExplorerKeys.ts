import { useEffect, type RefObject } from 'react';
import {
  clearSelectionAndPath,
  collapseNode,
  expandNode,
  fitView,
  getExplorer,
  hideNode,
  redo,
  setModeMet,
  setSettings,
  toggleLayoutRunning,
  togglePresenting,
  toggleTable,
  undo,
  viewOf,
  zoomBy,
} from '../../core/explorer';

/** The explorer's keyboard shortcuts (listed in components/ShortcutsDialog.tsx); none fire while typing. */
export function useExplorerKeys(searchRef: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const textInput = t instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button'].includes(t.type);
      const typing = !!t && (textInput || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      // a modal dialog owns the keyboard: its Escape closes it and nothing else (no selection cleared)
      if (document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        redo();
        return;
      }
      if (typing || mod || e.altKey) return;
      const s = getExplorer();
      const selected = s.selection?.kind === 'node' ? s.selection.id : null;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (e.key === '?') {
        e.preventDefault();
        setSettings({ shortcutsOpen: true });
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.querySelector('input')?.focus();
      } else if (e.key === 'Escape') clearSelectionAndPath();
      else if (e.key === '+' || e.key === '=') zoomBy(1.5);
      else if (e.key === '-' || e.key === '_') zoomBy(1 / 1.5);
      else if (e.key === '0') fitView();
      else if (key === 'p') togglePresenting();
      else if (key === 'm') setModeMet(viewOf(s).mode !== 'met');
      else if (key === 'l') toggleLayoutRunning();
      else if (key === 't') toggleTable();
      else if (selected && key === 'e') void expandNode(selected);
      else if (selected && key === 'c') collapseNode(selected);
      else if (selected && key === 'h') hideNode(selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
