import { useEffect, useRef, useState } from 'react';
import type Sigma from 'sigma';
import type { SnapshotLegendItem, SnapshotSource } from '../../../../contract';
import {
  csvZip,
  download,
  canvasMeasure,
  exportPng,
  frameScene,
  sceneFromSigma,
  sourcesFootnote,
  toGexf,
  toGraphml,
  toJson,
  visibleFromSigma,
  writeSvg,
  type PngScale,
  type VisibleGraph,
  type ExportAttributes,
  type VisibleOptions,
} from '../../utils/export';
import './export.css';

export interface ExportMenuProps {
  /** the sigma instance whose picture is exported (null: the menu is disabled) */
  sigma: Sigma | null;
  title: string;
  caption: string;
  /** the legend, or how to make it from what is drawn (e.g. state/snapshots' legendFromNodes) */
  legend: SnapshotLegendItem[] | ((nodes: VisibleGraph['nodes'], edges: VisibleGraph['edges']) => SnapshotLegendItem[]);
  /** the documents behind the picture, named in the footnote */
  sources: SnapshotSource[];
  /** base of the file names (default "parley") */
  fileName?: string;
  /** how to tell "+N more" handles and made-up edges apart (defaults suit the explorer) */
  visibleOptions?: VisibleOptions;
  /** false when the user turned labels off: the exported picture has none either (default true) */
  labels?: boolean;
  /** extra data columns for GEXF / GraphML (properties, dates, evidence), by node and edge id */
  attributes?: () => ExportAttributes;
}

/** The "Export" menu: PNG (1×/2×/4×, white or transparent), SVG, GEXF, GraphML, JSON and CSV (zip). */
export function ExportMenu({
  sigma,
  title,
  caption,
  legend,
  sources,
  fileName = 'parley',
  visibleOptions,
  labels = true,
  attributes,
}: ExportMenuProps) {
  const [scale, setScale] = useState<PngScale>(2);
  const [background, setBackground] = useState<'white' | 'transparent'>('white');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const footnote = sourcesFootnote(sources);
  const overlayFor = (s: Sigma) => {
    if (Array.isArray(legend)) return { title, caption, footnote, legend };
    const v = visibleFromSigma(s, visibleOptions);
    return { title, caption, footnote, legend: legend(v.nodes, v.edges) };
  };

  async function run(what: string, work: (s: Sigma) => Promise<void> | void) {
    if (!sigma) return;
    try {
      await work(sigma);
      setStatus({ text: `${what} exported.`, error: false });
    } catch (err) {
      setStatus({ text: `${what} export failed: ${(err as Error).message}`, error: true });
    }
  }

  const data = (s: Sigma) => visibleFromSigma(s, visibleOptions);
  /** the page: title, legend and footnote around the graph, refitted so that every label is inside */
  const page = (s: Sigma, bg: string | null, measured: boolean) =>
    frameScene(sceneFromSigma(s, { ...overlayFor(s), background: bg }, visibleOptions), {
      labels,
      ...(measured ? { measure: canvasMeasure(s.getSetting('labelFont') ?? 'sans-serif') } : {}),
    });

  // the menu closes on a click elsewhere and on Escape, so it never stays over the toolbar
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      const el = menu.current;
      if (el?.open && e.target instanceof Node && !el.contains(e.target)) el.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && menu.current?.open) menu.current.open = false;
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <details className="export-menu" ref={menu}>
      <summary aria-label="Export" className="button">
        Export
      </summary>
      <div className="export-menu-panel">
        <fieldset>
          <legend>Image</legend>
          <label>
            Size{' '}
            <select aria-label="PNG size" value={scale} onChange={(e) => setScale(Number(e.target.value) as PngScale)}>
              <option value={1}>1×</option>
              <option value={2}>2×</option>
              <option value={4}>4×</option>
            </select>
          </label>
          <label>
            Background{' '}
            <select
              aria-label="Background"
              value={background}
              onChange={(e) => setBackground(e.target.value === 'transparent' ? 'transparent' : 'white')}
            >
              <option value="white">white</option>
              <option value="transparent">transparent</option>
            </select>
          </label>
          <button
            type="button"
            className="button"
            disabled={!sigma}
            onClick={() =>
              void run('PNG', async (s) =>
                download(
                  await exportPng(page(s, background === 'white' ? '#ffffff' : null, true), scale),
                  `${fileName}@${scale}x.png`,
                ),
              )
            }
          >
            PNG
          </button>
          <button
            type="button"
            className="button"
            disabled={!sigma}
            onClick={() =>
              void run('SVG', (s) =>
                download(
                  writeSvg(page(s, background === 'white' ? '#ffffff' : null, false)),
                  `${fileName}.svg`,
                  'image/svg+xml',
                ),
              )
            }
          >
            SVG
          </button>
        </fieldset>
        <fieldset>
          <legend>Data (what is visible)</legend>
          <button
            type="button"
            className="button"
            disabled={!sigma}
            onClick={() =>
              void run('GEXF', (s) => download(toGexf(data(s), attributes?.()), `${fileName}.gexf`, 'application/xml'))
            }
          >
            GEXF
          </button>
          <button
            type="button"
            className="button"
            disabled={!sigma}
            onClick={() =>
              void run('GraphML', (s) =>
                download(toGraphml(data(s), attributes?.()), `${fileName}.graphml`, 'application/xml'),
              )
            }
          >
            GraphML
          </button>
          <button
            type="button"
            className="button"
            disabled={!sigma}
            onClick={() =>
              void run('JSON', (s) =>
                download(toJson({ ...data(s), title, caption, footnote }), `${fileName}.json`, 'application/json'),
              )
            }
          >
            JSON
          </button>
          <button
            type="button"
            className="button"
            disabled={!sigma}
            onClick={() =>
              void run('CSV', (s) => download(csvZip(data(s), fileName), `${fileName}-csv.zip`, 'application/zip'))
            }
          >
            CSV (zip)
          </button>
        </fieldset>
        {status && (
          <p role="status" className={status.error ? 'export-status error' : 'export-status'}>
            {status.text}
          </p>
        )}
      </div>
    </details>
  );
}

export default ExportMenu;
