// The exported page: title, legend and footnote around the graph, never over it; the graph fitted inside the
// rest with every label inside, on a side where it fits as on screen. Exact numbers on a hand-made three-node graph, with a simple text measure
// (half the font size per character) so that every width can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { fitNodes, frameScene, layoutFrame, nodeReach } from '../../client/src/utils/export/frame';
import type { Scene, SceneNode } from '../../client/src/utils/export/scene';
import { sceneLabels } from '../../client/src/utils/export/labels';
import { approxTextWidth } from '../../client/src/utils/export/scene';
import { writeSvg } from '../../client/src/utils/export/svg';
import { placeLabels } from '../../client/src/utils/labelPlacer';

const measure = (text: string, size: number) => text.length * size * 0.5;

const page = {
  width: 400,
  height: 300,
  title: 'T',
  caption: '',
  footnote: 'F',
  legend: [{ label: 'Person', color: '#4e79a7', shape: 'circle' as const }],
};

const nodes: SceneNode[] = [
  { id: 'a', x: 0, y: 0, size: 5, color: '#000', label: 'A' },
  { id: 'b', x: 100, y: 0, size: 5, color: '#000', label: 'Bb' },
  { id: 'c', x: 50, y: 50, size: 5, color: '#000', label: null },
];

describe('layoutFrame', () => {
  it('puts the title above, the legend to the right and the footnote below the area left for the graph', () => {
    const f = layoutFrame(page, measure);
    // title baseline 16 + 20; the area starts 4 + 12 below it; footnote 14 high above the 16 margin, 12 gap
    expect(f.area).toEqual({ x: 16, y: 52, width: 286, height: 206 });
    const title = f.texts.find((t) => t.role === 'title')!;
    expect([title.x, title.y]).toEqual([16, 36]);
    const foot = f.texts.find((t) => t.role === 'footnote')!;
    expect([foot.x, foot.y]).toEqual([16, 281]);
    // legend: 36 px of text + 16 padding + 18 for the swatch = 70 wide, against the right margin
    const legend = f.panels.find((p) => p.role === 'legend')!;
    expect([legend.x, legend.y, legend.width]).toEqual([314, 52, 70]);
  });

  it('leaves no title, legend or footnote text inside the graph area', () => {
    const f = layoutFrame(page, measure);
    const { x, y, width, height } = f.area;
    for (const t of f.texts) {
      const inside = t.x >= x && t.x <= x + width && t.y - t.size <= y + height && t.y >= y;
      expect(inside, `${t.role} "${t.text}" at ${t.x},${t.y}`).toBe(false);
    }
    for (const p of f.panels) expect(p.x >= x + width || p.y >= y + height).toBe(true);
  });

  it('gives the whole page less the margins to the graph when there is nothing around it', () => {
    const f = layoutFrame({ ...page, title: '', footnote: '', legend: [] }, measure);
    expect(f.area).toEqual({ x: 16, y: 16, width: 368, height: 268 });
    expect(f.texts).toEqual([]);
  });
});

describe('fitNodes', () => {
  const area = { x: 16, y: 52, width: 286, height: 206 };

  it('reaches from the node rim to the end of its label beside it, or only to the rim and half the label’s height', () => {
    expect(nodeReach(nodes[1]!, 10, measure)).toEqual({ left: 5, right: 18, up: 5, down: 5 });
    expect(nodeReach(nodes[1]!, 10, measure, false)).toEqual({ left: 5, right: 5, up: 5, down: 5 });
    expect(nodeReach({ ...nodes[1]!, size: 2 }, 10, measure, false)).toEqual({ left: 2, right: 2, up: 5, down: 5 });
    expect(nodeReach(nodes[2]!, 10, measure)).toEqual({ left: 5, right: 5, up: 5, down: 5 });
  });

  it('scales as the rims allow when every label fits on one side (b’s goes left), and centres the drawing', () => {
    const out = fitNodes(nodes, area, { labelSize: 10, labels: true, measure });
    // x: (286 − 5 − 5) / 100 = 2.76 binds (y would allow (206 − 10) / 50 = 3.92); a's rim on the left edge, b's
    // on the right, where its label fits to its left (297 − 5 − 3 − 10 ≥ 16)
    const want = [
      ['a', 21, 86],
      ['b', 297, 86],
      ['c', 159, 224],
    ] as const;
    out.forEach((n, i) => {
      expect(n.id).toBe(want[i]![0]);
      expect(n.x).toBeCloseTo(want[i]![1], 9);
      expect(n.y).toBeCloseTo(want[i]![2], 9);
    });
    expect(out[1]!.x + 5).toBeCloseTo(area.x + area.width, 9);
    expect(out[0]!.x - 5).toBeCloseTo(area.x, 9);
  });

  it('widens the frame to the right of a label that fits on neither side', () => {
    // m, in the middle, has a 150 px label: at 159 it fits neither right (to 318) nor left (from 0), so the frame
    // keeps 5 + 3 + 150 + 1 px right of it: (286 − 159 − 5) / 50 = 2.44 binds
    const m: SceneNode = { id: 'm', x: 50, y: 0, size: 5, color: '#000', label: 'M'.repeat(30) };
    const out = fitNodes([nodes[0]!, nodes[1]!, m], area, { labelSize: 10, labels: true, measure });
    [21, 265, 143].forEach((x, i) => expect(out[i]!.x).toBeCloseTo(x, 9));
    expect(out[2]!.x + 5 + 3 + 150).toBeLessThanOrEqual(area.x + area.width);
  });

  it('keeps every label when labels are on, and drops them all when they are off', () => {
    expect(fitNodes(nodes, area, { labelSize: 10, labels: true, measure }).map((n) => n.label)).toEqual([
      'A',
      'Bb',
      null,
    ]);
    const off = fitNodes(nodes, area, { labelSize: 10, labels: false, measure });
    expect(off.map((n) => n.label)).toEqual([null, null, null]);
    // without labels only the rims count: (286 − 5 − 5) / 100 = 2.76
    expect(off.map((n) => n.x)).toEqual([21, 297, 159]);
  });

  it('keeps every node and label inside the area for a graph too big for the pairwise fit', () => {
    const many: SceneNode[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `n${i}`,
      x: (i * 37) % 1000,
      y: (i * 91) % 700,
      size: 3 + (i % 5),
      color: '#000',
      label: `Node number ${i}`,
    }));
    const out = fitNodes(many, area, { labelSize: 10, labels: true, measure });
    for (const n of out) {
      const r = nodeReach(n, 10, measure, false);
      expect(n.x - r.left).toBeGreaterThanOrEqual(area.x - 1e-6);
      expect(n.x + r.right).toBeLessThanOrEqual(area.x + area.width + 1e-6);
      expect(n.y - r.up).toBeGreaterThanOrEqual(area.y - 1e-6);
      expect(n.y + r.down).toBeLessThanOrEqual(area.y + area.height + 1e-6);
      // the label fits whole on its right or on its left
      const w = n.size + 3 + measure(n.label!, 10);
      expect(n.x + w <= area.x + area.width + 1e-6 || n.x - w >= area.x - 1e-6, n.id).toBe(true);
    }
  });

  it('centres a single node in the area', () => {
    const out = fitNodes([{ ...nodes[2]! }], area, { labelSize: 10, labels: true, measure });
    expect([out[0]!.x, out[0]!.y]).toEqual([159, 155]);
  });
});

describe('frameScene and the SVG', () => {
  it('draws every label inside the graph area, where the placer puts it: the right-hand node’s label on its left', () => {
    const long = 'Previous U.S. administration';
    const scene: Scene = {
      ...page,
      background: '#ffffff',
      labelSize: 10,
      edges: [],
      // laid out as on a screen, with the right-hand node at the very edge (its label cut there before)
      nodes: [
        { id: 'a', x: 10, y: 10, size: 5, color: '#000', label: 'Diplomatic expulsions' },
        { id: 'b', x: 390, y: 150, size: 5, color: '#000', label: long },
      ],
    };
    // as the SVG export frames it (approximate widths: the file is read without its fonts)
    const framed = frameScene(scene, { labels: true });
    const area = layoutFrame(framed).area;
    const legend = layoutFrame(framed).panels[0]!;
    expect(legend.x).toBeGreaterThanOrEqual(area.x + area.width);
    // b's rim on the area's right edge: its label cannot go right
    const b = framed.nodes[1]!;
    expect(b.x + b.size).toBeCloseTo(area.x + area.width, 6);
    // the placer's choice, asked directly
    const width = (t: string) => approxTextWidth(t, 10);
    const bounds = { left: area.x, top: area.y, right: area.x + area.width, bottom: area.y + area.height };
    const items = framed.nodes.map((n) => ({ key: n.id, label: n.label!, x: n.x, y: n.y, r: n.size }));
    const chosen = placeLabels(items, 10, { bounds, avoidDiscs: true }, width);
    expect(chosen.get('a')?.side).toBe('right');
    expect(chosen.get('b')?.side).toBe('left');
    expect(chosen.get('b')?.text).toBe(long);
    expect(chosen.get('b')?.tx).toBeCloseTo(b.x - 5 - 3 - width(long), 6);
    expect(sceneLabels(framed, layoutFrame(framed).area)).toEqual(chosen);
    // the SVG writes them there: same text, same x and y (two decimals), inside the area, left of the legend
    const svg = writeSvg(framed);
    for (const [id, at] of chosen) {
      const m = new RegExp(
        `<text class="node-label" data-id="${id}" data-side="(\\w+)" x="([\\d.]+)" y="([\\d.]+)">([^<]*)</text>`,
      ).exec(svg);
      expect(m, id).not.toBeNull();
      expect(m![1]).toBe(at.side);
      expect(Number(m![2])).toBeCloseTo(at.tx, 2);
      expect(Number(m![3])).toBeCloseTo(at.ty, 2);
      expect(m![4]).toBe(at.text);
      expect(at.left).toBeGreaterThanOrEqual(area.x);
      expect(at.right).toBeLessThanOrEqual(legend.x - 12);
    }
  });
});
