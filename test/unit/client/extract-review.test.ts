/**
 * The review screen's pure producers (client/src/state/extract/review.ts) on the proposals of a real two-sentence
 * article, with exact results: a meeting's edited date and attendees (an added attendee's evidence is the
 * meeting's sentence, marked inferred; a removed one loses its attendance), a merge into a node the analyst
 * picked (it becomes the entity's match, so the data set keeps that node's name), and the small graph of what
 * will be added (new nodes apart from existing ones).
 */
import { describe, expect, it } from 'vitest';
import { extractProposals } from '../../../server/src/extract/pipeline';
import {
  datasetRequest,
  editedProposals,
  previewGraph,
  type ReviewState,
} from '../../../client/src/state/extract/review';

const p = extractProposals({
  text: 'Marta Kowalczyk met Hugo Brandt in Geneva on 3 March 2025. Anna Lind, a Swedish diplomat, also travelled to Geneva.',
  published: '2025-03-04',
});
const M = 'meeting:geneva-2025-03-03';
const none: ReviewState = { decisions: {}, edits: {}, meetingEdits: {}, merges: {} };
const acceptAll = (): ReviewState['decisions'] =>
  Object.fromEntries([
    ...p.entities.map((e) => [`e:${e.key}`, 'accepted' as const]),
    ...p.meetings.map((m) => [`m:${m.key}`, 'accepted' as const]),
    ...p.relationships.map((_r, i) => [`r:${i}`, 'accepted' as const]),
  ]);

describe('the review producers', () => {
  it('the article proposes what the tests below assume', () => {
    expect(p.entities.map((e) => e.key)).toEqual([
      'person:marta-kowalczyk',
      'person:hugo-brandt',
      'person:anna-lind',
      'place:geneva',
    ]);
    expect(p.meetings.map((m) => [m.key, m.attendees])).toEqual([
      [M, ['person:marta-kowalczyk', 'person:hugo-brandt']],
    ]);
  });

  it('an edited meeting: new date and name marked as the analyst’s, one attendee removed, one added (inferred)', () => {
    const { proposals, origin } = editedProposals(p, {
      ...none,
      meetingEdits: { [M]: { date: '2025-03-02', attendees: ['person:marta-kowalczyk', 'person:anna-lind'] } },
    });
    const m = proposals.meetings[0]!;
    expect([m.name, m.date, m.monthDay, m.dateInferred]).toEqual([
      'Meeting in Geneva (2025-03-02)',
      '2025-03-02',
      '03-02',
      true,
    ]);
    expect(m.dateInferenceReason).toBe('Date set by the analyst on review; the text says “3 March 2025”.');
    const attendance = proposals.relationships
      .map((r, i) => [r.type, r.source, r.inferred, origin[i]] as const)
      .filter(([type]) => type === 'ATTENDED');
    expect(attendance).toEqual([
      [
        'ATTENDED',
        'person:marta-kowalczyk',
        false,
        p.relationships.findIndex((r) => r.source === 'person:marta-kowalczyk' && r.type === 'ATTENDED'),
      ],
      ['ATTENDED', 'person:anna-lind', true, null],
    ]);
    const added = proposals.relationships.find((r) => r.source === 'person:anna-lind')!;
    expect(added.quote).toBe('Marta Kowalczyk met Hugo Brandt in Geneva on 3 March 2025.');
  });

  it('a merge into a node the analyst picked becomes the match and the merge of the request', () => {
    const s: ReviewState = {
      ...none,
      decisions: acceptAll(),
      merges: { 'person:hugo-brandt': { id: 'person:aleksandr-darchiyev', name: 'Aleksandr Darchiyev', chosen: true } },
    };
    const req = datasetRequest(p, s);
    expect(req.merges).toEqual({ 'person:hugo-brandt': 'person:aleksandr-darchiyev' });
    expect(req.proposals.entities.find((e) => e.key === 'person:hugo-brandt')!.match).toEqual({
      id: 'person:aleksandr-darchiyev',
      name: 'Aleksandr Darchiyev',
      score: 1,
      reason: 'chosen by the analyst',
    });
  });

  it('the preview graph: accepted nodes only, a merged one as the existing node, an added attendance with its meeting', () => {
    const decisions = { ...acceptAll(), 'e:place:geneva': 'rejected' as const };
    const g = previewGraph(p, {
      ...none,
      decisions,
      meetingEdits: {
        [M]: { date: '2025-03-03', attendees: ['person:marta-kowalczyk', 'person:hugo-brandt', 'person:anna-lind'] },
      },
      merges: { 'person:hugo-brandt': { id: 'person:aleksandr-darchiyev', name: 'Aleksandr Darchiyev', chosen: true } },
    });
    expect(g.nodes.map((n) => [n.id, n.existing])).toEqual([
      [M, false],
      ['person:aleksandr-darchiyev', true],
      ['person:anna-lind', false],
      ['person:marta-kowalczyk', false],
    ]);
    expect(g.edges.map((e) => e.id)).toEqual([
      `person:aleksandr-darchiyev|ATTENDED|${M}`,
      `person:anna-lind|ATTENDED|${M}`,
      `person:marta-kowalczyk|ATTENDED|${M}`,
    ]);
  });
});
