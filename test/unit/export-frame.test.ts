// The exported page: title, legend and footnote around the graph, never over it; the graph fitted inside the
// rest with every label inside. Exact numbers on a hand-made three-node graph, with a simple text measure
// (half the font size per character) so that every width can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { fitNodes, frameScene, layoutFrame, nodeReach } from '../../client/src/utils/export/frame';
import type { Scene, SceneNode } from '../../client/src/utils/export/scene';
import { writeSvg } from '../../client/src/utils/export/svg';

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

  it('reaches from the node rim to the end of its label', () => {
    expect(nodeReach(nodes[1]!, 10, measure)).toEqual({ left: 5, right: 18, up: 5, down: 6 });
    expect(nodeReach(nodes[2]!, 10, measure)).toEqual({ left: 5, right: 5, up: 5, down: 5 });
  });

  it('scales as much as the widest label allows and centres the drawing', () => {
    const out = fitNodes(nodes, area, { labelSize: 10, labels: true, measure });
    // x: (286 − 18 − 5) / 100 = 2.63 binds (y would allow 3.92); a's rim on the left edge, b's label on the right
    expect(out.map((n) => [n.id, n.x, n.y])).toEqual([
      ['a', 21, 89.25],
      ['b', 284, 89.25],
      ['c', 152.5, 220.75],
    ]);
    expect(out[1]!.x + 5 + 3 + measure('Bb', 10)).toBe(area.x + area.width);
    expect(out[0]!.x - 5).toBe(area.x);
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
      const r = nodeReach(n, 10, measure);
      expect(n.x - r.left).toBeGreaterThanOrEqual(area.x - 1e-6);
      expect(n.x + r.right).toBeLessThanOrEqual(area.x + area.width + 1e-6);
      expect(n.y - r.up).toBeGreaterThanOrEqual(area.y - 1e-6);
      expect(n.y + r.down).toBeLessThanOrEqual(area.y + area.height + 1e-6);
    }
  });

  it('centres a single node in the area', () => {
    const out = fitNodes([{ ...nodes[2]! }], area, { labelSize: 10, labels: true, measure });
    expect([out[0]!.x, out[0]!.y]).toEqual([159, 155]);
  });
});

describe('frameScene and the SVG', () => {
  it('draws every label and the legend inside the page, with no label crossing into the legend', () => {
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
    const framed = frameScene(scene, { labels: true, measure });
    const legend = layoutFrame(scene, measure).panels[0]!;
    for (const n of framed.nodes) {
      expect(n.label).not.toBeNull();
      expect(n.x + n.size + 3 + measure(n.label!, 10)).toBeLessThanOrEqual(legend.x - 12 + 1e-9);
      expect(n.x - n.size).toBeGreaterThanOrEqual(16);
    }
    const svg = writeSvg(framed);
    expect(svg).toContain(`>${long}</text>`);
    expect(svg).toContain('>Diplomatic expulsions</text>');
  });
});
