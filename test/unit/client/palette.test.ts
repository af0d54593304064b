import { beforeEach, describe, expect, it } from 'vitest';
import { EXTRA, FIXED_COLORS, labelColor, registerLabels, resetLabelColors } from '../../../client/src/graph/palette';

const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const distance = (a: string, b: string) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));

beforeEach(() => resetLabelColors());

describe('label colours', () => {
  it('keeps the fixed colours of Parley’s own labels', () => {
    expect(labelColor('Person')).toBe('#4e79a7');
    expect(labelColor('Meeting')).toBe('#59a14f');
  });

  it('has fixed and extra colours all pairwise apart', () => {
    const all = [...Object.values(FIXED_COLORS), ...EXTRA];
    expect(new Set(all).size).toBe(all.length);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        expect(distance(all[i]!, all[j]!), `${all[i]} vs ${all[j]}`).toBeGreaterThanOrEqual(35);
      }
    }
  });

  it('gives 19 unknown labels shown with Parley’s own 19 different colours, none of them a fixed one', () => {
    const unknown = Array.from({ length: 19 }, (_, i) => `Label${i}`);
    const shown = ['Person', 'Agency', ...unknown];
    const colours = shown.map(labelColor);
    expect(new Set(colours).size).toBe(shown.length);
    for (const l of unknown) expect(Object.values(FIXED_COLORS)).not.toContain(labelColor(l));
  });

  it('gives the six labels of a Star Wars graph six colours (Planet and Film once shared one by hash)', () => {
    const labels = ['Character', 'Planet', 'Film', 'Species', 'Starship', 'Vehicle'];
    expect(new Set(labels.map(labelColor)).size).toBe(6);
    expect(labelColor('Planet')).not.toBe(labelColor('Film'));
  });

  it('is stable: a label keeps its colour, and registerLabels assigns a schema in alphabetical order', () => {
    registerLabels(['Movie', 'Actor']);
    expect(labelColor('Actor')).toBe(EXTRA[0]);
    expect(labelColor('Movie')).toBe(EXTRA[1]);
    expect(labelColor('Genre')).toBe(EXTRA[2]);
    expect(labelColor('Actor')).toBe(EXTRA[0]);
  });

  it('falls back to a colour from the palette past its size', () => {
    for (let i = 0; i < EXTRA.length; i++) labelColor(`L${i}`);
    expect(EXTRA).toContain(labelColor('OneTooMany'));
  });
});
