/**
 * Writes an SVG drawing of a scene: edges (straight or curved, with arrow heads), nodes, labels (where the screen's
 * placer puts them, ./labels.ts), and the
 * title, caption, legend and footnote. Text stays text (<text> elements, selectable and searchable), and every
 * piece of text and every attribute is XML-escaped: a label such as `<img onerror=…>` is just characters.
 * Pure: a string from a plain description, no DOM.
 */
import { layoutFrame } from './frame';
import { sceneLabels } from './labels';
import { DEFAULT_FONT, TEXT_COLOR, edgeGeometry, safeColor, type Scene, type SceneNode } from './scene';

/** Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number as SVG wants it: finite, two decimals at most. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter((kv): kv is [string, string | number] => kv[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : xmlEscape(v)}"`)
    .join('');
}

function text(a: Record<string, string | number | undefined>, content: string): string {
  return `<text${attrs(a)}>${xmlEscape(content)}</text>`;
}

export function writeSvg(scene: Scene): string {
  const font = scene.fontFamily ?? DEFAULT_FONT;
  const labelSize = scene.labelSize ?? 12;
  const byId = new Map<string, SceneNode>(scene.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
      version: '1.1',
      width: scene.width,
      height: scene.height,
      viewBox: `0 0 ${num(scene.width)} ${num(scene.height)}`,
      'font-family': font,
    })}>`,
  );
  if (scene.title.trim()) out.push(`<title>${xmlEscape(scene.title.trim())}</title>`);
  if (scene.caption.trim()) out.push(`<desc>${xmlEscape(scene.caption.trim())}</desc>`);
  if (scene.background && scene.background !== 'transparent') {
    out.push(
      `<rect${attrs({ id: 'background', x: 0, y: 0, width: scene.width, height: scene.height, fill: safeColor(scene.background, '#ffffff') })}/>`,
    );
  }

  out.push('<g id="edges" fill="none" stroke-linecap="round">');
  const edgeLabels: string[] = [];
  for (const e of scene.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const g = edgeGeometry(e, s, t);
    const color = safeColor(e.color);
    const d = g.control
      ? `M${num(g.start.x)} ${num(g.start.y)} Q${num(g.control.x)} ${num(g.control.y)} ${num(g.end.x)} ${num(g.end.y)}`
      : `M${num(g.start.x)} ${num(g.start.y)} L${num(g.end.x)} ${num(g.end.y)}`;
    out.push(`<g${attrs({ class: 'edge', 'data-id': e.id, 'data-source': e.source, 'data-target': e.target })}>`);
    out.push(`<path${attrs({ d, stroke: color, 'stroke-width': Math.max(e.size, 0.5) })}/>`);
    if (g.head) {
      out.push(
        `<polygon${attrs({ points: g.head.map(([x, y]) => `${num(x)},${num(y)}`).join(' '), fill: color, stroke: 'none' })}/>`,
      );
    }
    out.push('</g>');
    if (e.label) {
      edgeLabels.push(
        text(
          {
            class: 'edge-label',
            x: g.middle.x,
            y: g.middle.y,
            'text-anchor': 'middle',
            'font-size': Math.max(labelSize - 2, 8),
            fill: '#52606d',
          },
          e.label,
        ),
      );
    }
  }
  out.push('</g>');

  out.push('<g id="nodes" stroke="#ffffff" stroke-width="0.5">');
  for (const n of scene.nodes) {
    out.push(
      `<circle${attrs({ class: 'node', 'data-id': n.id, cx: n.x, cy: n.y, r: Math.max(n.size, 0.5), fill: safeColor(n.color) })}/>`,
    );
  }
  out.push('</g>');

  const overlay = layoutFrame(scene);
  out.push(`<g id="labels"${attrs({ 'font-size': labelSize, fill: TEXT_COLOR })}>`);
  out.push(...edgeLabels);
  // placed as on screen (./labels.ts), with the approximate text widths of a file read without its fonts
  for (const [id, at] of sceneLabels(scene, overlay.area)) {
    out.push(text({ class: 'node-label', 'data-id': id, 'data-side': at.side, x: at.tx, y: at.ty }, at.text));
  }
  out.push('</g>');

  if (overlay.panels.length) {
    out.push('<g id="overlay">');
    for (const p of overlay.panels) {
      out.push(
        `<rect${attrs({ class: `panel ${p.role}`, x: p.x, y: p.y, width: p.width, height: p.height, rx: 4, fill: '#ffffff', stroke: '#d0d5dc', 'stroke-width': 0.5 })}/>`,
      );
    }
    for (const s of overlay.swatches) {
      const color = safeColor(s.color);
      out.push(
        s.shape === 'circle'
          ? `<circle${attrs({ class: 'swatch', cx: s.x, cy: s.y, r: 5, fill: color })}/>`
          : `<line${attrs({ class: 'swatch', x1: s.x - 6, y1: s.y, x2: s.x + 6, y2: s.y, stroke: color, 'stroke-width': 2 })}/>`,
      );
    }
    for (const t of overlay.texts) {
      out.push(
        text(
          {
            class: t.role,
            x: t.x,
            y: t.y,
            'font-size': t.size,
            'font-weight': t.weight === 'bold' ? 'bold' : undefined,
            fill: t.color,
          },
          t.text,
        ),
      );
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
