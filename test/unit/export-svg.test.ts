// The SVG writer on small hand-written scenes: parsed back with an XML parser, checked element by element.
import { describe, expect, it } from 'vitest';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { writeSvg, xmlEscape } from '../../client/src/utils/export/svg';
import { edgeGeometry, safeColor, type Scene } from '../../client/src/utils/export/scene';
import { layoutFrame } from '../../client/src/utils/export/frame';

function parse(svg: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(svg, 'image/svg+xml');
  expect(errors).toEqual([]);
  return doc;
}
const all = (doc: Document, tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));
const byClass = (doc: Document, tag: string, cls: string) =>
  all(doc, tag).filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(cls));

function scene(over: Partial<Scene> = {}): Scene {
  return {
    width: 400,
    height: 300,
    background: '#ffffff',
    nodes: [
      { id: 'a', x: 100, y: 150, size: 10, color: '#4e79a7', label: 'Sonata Coulter' },
      { id: 'b', x: 300, y: 150, size: 8, color: '#f28e2b', label: 'U.S. delegation' },
      { id: 'c', x: 200, y: 50, size: 5, color: 'rgba(225, 87, 89, 0.5)', label: null },
    ],
    edges: [
      { id: 'a|LEADS|b', source: 'a', target: 'b', color: '#b4bcc6', size: 2, arrow: true },
      { id: 'a|MET|c', source: 'a', target: 'c', color: '#e8a33d', size: 1, curvature: 0.25, label: 'MET' },
    ],
    legend: [
      { label: 'Person', color: '#4e79a7', shape: 'circle' },
      { label: 'inferred', color: '#e8a33d', shape: 'line' },
    ],
    title: 'Istanbul talks',
    caption: 'Who led which delegation',
    footnote: 'Source: Article (outlet and date not stated)',
    ...over,
  };
}

describe('writeSvg', () => {
  it('draws every node as a circle at its position, with its colour and radius', () => {
    const doc = parse(writeSvg(scene()));
    const svg = doc.documentElement!;
    expect(svg.tagName).toBe('svg');
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('width')).toBe('400');
    expect(svg.getAttribute('viewBox')).toBe('0 0 400 300');
    const circles = byClass(doc, 'circle', 'node');
    expect(
      circles.map((c) => [
        c.getAttribute('data-id'),
        c.getAttribute('cx'),
        c.getAttribute('cy'),
        c.getAttribute('r'),
        c.getAttribute('fill'),
      ]),
    ).toEqual([
      ['a', '100', '150', '10', '#4e79a7'],
      ['b', '300', '150', '8', '#f28e2b'],
      ['c', '200', '50', '5', 'rgba(225, 87, 89, 0.5)'],
    ]);
    const bg = all(doc, 'rect').find((r) => r.getAttribute('id') === 'background');
    expect(bg?.getAttribute('fill')).toBe('#ffffff');
  });

  it('leaves the background out when it is transparent', () => {
    const doc = parse(writeSvg(scene({ background: null })));
    expect(all(doc, 'rect').some((r) => r.getAttribute('id') === 'background')).toBe(false);
  });

  it('writes labels as text where the placer puts them (right, else left…), and none for an unlabelled node', () => {
    // the graph area: x 16 to 284 (the legend's column is 88 px wide), y 70 to 258; labels 12 px, 6.72 px a letter
    const nodes = scene().nodes.map((n) => (n.id === 'b' ? { ...n, x: 270, y: 200 } : n));
    const doc = parse(writeSvg(scene({ nodes })));
    const labels = byClass(doc, 'text', 'node-label');
    expect(labels.map((t) => [t.getAttribute('data-id'), t.textContent, t.getAttribute('data-side')])).toEqual([
      ['a', 'Sonata Coulter', 'right'],
      ['b', 'U.S. delegation', 'left'],
    ]);
    expect(Number(labels[0]!.getAttribute('x'))).toBe(113); // 100 + radius 10 + 3
    expect(Number(labels[0]!.getAttribute('y'))).toBe(154); // 150 − 6 + 6 + 12 / 3
    // b's label would end at 281 + 100.8 on its right, past the area: on its left, from 270 − 8 − 3 − 100.8
    expect(Number(labels[1]!.getAttribute('x'))).toBe(158.2);
    expect(Number(labels[1]!.getAttribute('y'))).toBe(204);
  });

  it('draws a straight edge ending at the arrow head, whose tip touches the target', () => {
    const doc = parse(writeSvg(scene()));
    const edge = all(doc, 'g').find((g) => g.getAttribute('data-id') === 'a|LEADS|b')!;
    const path = edge.getElementsByTagName('path')[0]!;
    expect(path.getAttribute('stroke')).toBe('#b4bcc6');
    expect(path.getAttribute('stroke-width')).toBe('2');
    // head length 2 × 2.5 = 5, tip at 300 - 8 = 292: the line stops at 287
    expect(path.getAttribute('d')).toBe('M100 150 L287 150');
    const head = edge.getElementsByTagName('polygon')[0]!;
    expect(head.getAttribute('fill')).toBe('#b4bcc6');
    expect(head.getAttribute('points')!.split(' ')[0]).toBe('292,150');
  });

  it('draws a curved edge as a quadratic curve through the control point sigma uses', () => {
    const doc = parse(writeSvg(scene()));
    const edge = all(doc, 'g').find((g) => g.getAttribute('data-id') === 'a|MET|c')!;
    const d = edge.getElementsByTagName('path')[0]!.getAttribute('d')!;
    // chord (100,150) → (200,50): dx 100, dy -100; control = middle (150,100) + (dy, -dx) × 0.25
    expect(d).toBe('M100 150 Q125 75 200 50');
    expect(edge.getElementsByTagName('polygon').length).toBe(0);
    const label = byClass(doc, 'text', 'edge-label')[0]!;
    expect(label.textContent).toBe('MET');
  });

  it('writes title, caption, legend and footnote as text', () => {
    const svg = writeSvg(scene());
    const doc = parse(svg);
    expect(all(doc, 'title')[0]!.textContent).toBe('Istanbul talks');
    expect(byClass(doc, 'text', 'title').map((t) => t.textContent)).toEqual(['Istanbul talks']);
    expect(byClass(doc, 'text', 'caption').map((t) => t.textContent)).toEqual(['Who led which delegation']);
    expect(byClass(doc, 'text', 'legend').map((t) => t.textContent)).toEqual(['Person', 'inferred']);
    expect(byClass(doc, 'text', 'footnote').map((t) => t.textContent)).toEqual([
      'Source: Article (outlet and date not stated)',
    ]);
    const swatches = byClass(doc, 'circle', 'swatch').concat(byClass(doc, 'line', 'swatch'));
    expect(swatches.map((s) => s.getAttribute('fill') ?? s.getAttribute('stroke'))).toEqual(['#4e79a7', '#e8a33d']);
  });

  it('escapes markup in labels, titles and ids: it stays text, never elements', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const svg = writeSvg(
      scene({
        width: 900,
        title: `${evil} & "quotes"`,
        nodes: [{ id: `"><script>alert(1)</script>`, x: 100, y: 150, size: 3, color: '#000000', label: evil }],
        edges: [],
        legend: [{ label: evil, color: '#000', shape: 'circle' }],
      }),
    );
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    const doc = parse(svg);
    expect(all(doc, 'img').length).toBe(0);
    expect(all(doc, 'script').length).toBe(0);
    expect(byClass(doc, 'text', 'node-label')[0]!.textContent).toBe(evil);
    expect(byClass(doc, 'circle', 'node')[0]!.getAttribute('data-id')).toBe(`"><script>alert(1)</script>`);
    // the title wraps over lines in the drawing; <title> holds it whole
    expect(
      byClass(doc, 'text', 'title')
        .map((t) => t.textContent)
        .join(' '),
    ).toBe(`${evil} & "quotes"`);
    expect(all(doc, 'title')[0]!.textContent).toBe(`${evil} & "quotes"`);
  });

  it('replaces colours that are not plain hex or rgb() and drops characters XML forbids', () => {
    const svg = writeSvg(
      scene({
        nodes: [{ id: 'a', x: 100, y: 150, size: 1, color: 'url(#x) javascript:', label: 'bell\u0007 tab\tok' }],
        edges: [],
      }),
    );
    const doc = parse(svg);
    expect(byClass(doc, 'circle', 'node')[0]!.getAttribute('fill')).toBe('#999999');
    expect(byClass(doc, 'text', 'node-label')[0]!.textContent).toBe('bell tab\tok');
  });

  it('skips an edge whose end is not in the scene', () => {
    const doc = parse(
      writeSvg(scene({ edges: [{ id: 'x', source: 'a', target: 'nowhere', color: '#000', size: 1 }] })),
    );
    expect(all(doc, 'path').length).toBe(0);
  });
});

describe('scene helpers', () => {
  it('xmlEscape escapes the five XML characters', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
  it('safeColor keeps hex and rgb(), rejects the rest', () => {
    expect(safeColor('#abc')).toBe('#abc');
    expect(safeColor('rgb(1, 2, 3)')).toBe('rgb(1, 2, 3)');
    expect(safeColor('red;fill:url(x)')).toBe('#999999');
    expect(safeColor(42)).toBe('#999999');
  });
  it('edgeGeometry puts a straight edge’s label in the middle', () => {
    const g = edgeGeometry(
      { id: 'e', source: 'a', target: 'b', color: '#000', size: 1 },
      { id: 'a', x: 0, y: 0, size: 1, color: '#000', label: null },
      { id: 'b', x: 10, y: 20, size: 1, color: '#000', label: null },
    );
    expect(g.middle).toEqual({ x: 5, y: 10 });
    expect(g.control).toBeNull();
    expect(g.head).toBeNull();
  });
  it('layoutFrame keeps the legend in the top right corner and the footnote at the bottom', () => {
    const o = layoutFrame({
      width: 800,
      height: 600,
      title: 'T',
      caption: '',
      footnote: 'F',
      legend: [{ label: 'Person', color: '#000', shape: 'circle' }],
    });
    const legend = o.panels.find((p) => p.role === 'legend')!;
    expect(legend.x + legend.width).toBe(784);
    const foot = o.texts.find((t) => t.role === 'footnote')!;
    expect(foot.y).toBe(581);
  });
});
