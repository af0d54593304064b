/**
 * "The ambassador" without a name: the one person of the article the title fits. "Brazilian Ambassador Paulo
 * Mendes … The ambassador delivered a letter" makes "The ambassador" a mention of Paulo Mendes — only when exactly
 * one person of the article is written with that title word; with two ambassadors, or none, the phrase is left
 * alone. What a resolved phrase brings (a meeting's attendee) is marked inferred with the reason (meetings.ts reads
 * `ctx.corefAt`).
 */
import { matchAll, rangeText } from './nlp';
import { TITLE_COREFERENCE } from './rules';
import type { EntityDraft } from './entities';
import type { Context } from './types';

export function titleCoreference(
  ctx: Context,
  mark: (ctx: Context, r: { sent: number; from: number; to: number }, e: EntityDraft) => void,
): void {
  for (const word of TITLE_COREFERENCE) {
    const written = (e: EntityDraft) =>
      [e.name, ...e.aliases, ...e.mentions.map((m) => m.surface)].some((n) =>
        new RegExp(`(^|\\s)${word}(\\s|$)`, 'i').test(n),
      );
    const fits = ctx.entities.filter((e) => e.label === 'Person' && !e.properties.unnamed && written(e));
    if (fits.length !== 1) continue;
    const person = fits[0]!;
    for (const m of matchAll(ctx.p, `(the|The) ${word}`)) {
      if (ctx.skipped.has(m.sent)) continue;
      const s = ctx.p.sentences[m.sent]!;
      const next = s.tokens[m.to];
      // "the ambassador, Paulo Mendes" / "the Ambassador Paulo Mendes" name someone themselves
      if (next && (/^\p{Lu}/u.test(next.text) || ctx.entityAt.has(`${m.sent}:${m.to}`))) continue;
      if (/,/.test(s.tokens[m.to - 1]!.post) && next && ctx.entityAt.has(`${m.sent}:${m.to}`)) continue;
      if (ctx.entityAt.has(`${m.sent}:${m.from}`) || ctx.entityAt.has(`${m.sent}:${m.to - 1}`)) continue;
      const phrase = rangeText(ctx.p, m);
      mark(ctx, m, person);
      for (let i = m.from; i < m.to; i++)
        ctx.corefAt.set(
          `${m.sent}:${i}`,
          `“${phrase}” is taken to be ${person.name}, the only ${word} the article names; the sentence does not name ${person.name}.`,
        );
    }
  }
}
