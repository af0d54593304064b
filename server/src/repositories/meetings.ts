/** Meetings as events: who met whom, through which meetings, on what evidence. */
import { MET_LIMIT, MET_MEETINGS, type MetResponse, type SharedMeeting } from '../../../contract';
import type { Db } from '../neo4j/db';
import { isPlainNode, isPlainRelationship, type Plain } from '../neo4j/convert';
import { badRequest, notFound } from '../errors';
import { evidenceOf, toGraphNode } from './shape';
import type { CatalogRepository } from './catalog';
import type { GraphRepository } from './graph';

export function createMeetingsRepository(db: Db, graph: GraphRepository, catalog: CatalogRepository) {
  /**
   * Two queries: resolve the id (index seeks), then the person and whom they met in one (who-met-whom), bounded:
   * at most MET_LIMIT people with MET_MEETINGS meetings each (a summit's delegate met 5,248 people on the
   * generated L graph: 9 MB per answer, and ten at once kept the server from answering anything else).
   * `withId`: only that person.
   */
  async function met(personId: string, withId?: string): Promise<MetResponse> {
    const elementId = await graph.resolve(personId);
    const [row] = await db.query('who-met-whom', {
      elementId,
      limit: MET_LIMIT,
      meetings: MET_MEETINGS,
      with: withId ?? null,
    });
    if (!row || !isPlainNode(row.p)) throw notFound(`No node has the id "${personId}".`);
    const person = toGraphNode(row.p);
    // On a database without Parley's model, say why the view is empty and what it needs, rather than nothing.
    const model = await catalog.model();
    if (!model.parley) {
      return {
        person,
        met: [],
        total: 0,
        reason:
          'Who met whom needs Parley’s model: Person nodes linked by ATTENDED relationships to Meeting nodes. ' +
          `This database has no ${model.missing.join(' and no ')}.`,
      };
    }
    if (!person.labels.includes('Person')) {
      throw badRequest(`"${personId}" is a ${person.labels.join('/')}, not a Person; who-met-whom needs a person id.`);
    }
    const entries = (Array.isArray(row.met) ? row.met : []) as Record<string, Plain>[];
    const met = entries.flatMap((entry) => {
      const { other, meetings: list, shared } = entry ?? {};
      if (!isPlainNode(other)) return [];
      const meetings: SharedMeeting[] = (Array.isArray(list) ? list : []).flatMap((x: Plain) => {
        const { meeting, places, mine, theirs } = (x ?? {}) as Record<string, Plain>;
        if (!isPlainNode(meeting)) return [];
        const m = toGraphNode(meeting);
        const evidence = [mine, theirs].flatMap((r) => (isPlainRelationship(r) ? evidenceOf(r.properties) : []));
        return [
          {
            id: m.id,
            name: m.name,
            date: typeof m.properties.date === 'string' ? m.properties.date : null,
            status: typeof m.properties.status === 'string' ? m.properties.status : null,
            places: (Array.isArray(places) ? places : []).filter(isPlainNode).map((p) => {
              const g = toGraphNode(p);
              return { id: g.id, name: g.name };
            }),
            evidence: evidence.filter((e, i) => evidence.findIndex((f) => f.quote === e.quote) === i),
          },
        ];
      });
      return [{ person: toGraphNode(other), shared: typeof shared === 'number' ? shared : meetings.length, meetings }];
    });
    return { person, met, total: typeof row.total === 'number' ? row.total : met.length };
  }
  return { met };
}

export type MeetingsRepository = ReturnType<typeof createMeetingsRepository>;
