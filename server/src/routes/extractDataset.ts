/**
 * POST /api/extract/dataset: the proposals the analyst accepted (by key, relationships by index; edited names and
 * labels travel in the proposals themselves) → the Parley data set of `proposalsToDataset`, for the client to send
 * to POST /api/imports as one file (all or nothing). Nothing is written here, so no token is asked: the import is
 * the gated write. Unknown keys and indexes are a 400 naming them; a data set the loader would refuse is a 422.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../errors';
import {
  ExtractDatasetRequestSchema,
  ExtractDatasetResponseSchema,
  type ExtractDatasetRequest,
} from '../../../contract';
import { proposalsToDataset } from '../extract/dataset';
import { answers } from './answers';

/** The accepted part of the proposals, or the unknown keys/indexes the request names. */
export function acceptedPart(req: ExtractDatasetRequest) {
  const { proposals: p, accepted } = req;
  const entityKeys = new Set(p.entities.map((e) => e.key));
  const meetingKeys = new Set(p.meetings.map((m) => m.key));
  const unknown = [
    ...accepted.entities.filter((k) => !entityKeys.has(k)).map((k) => `entity "${k}"`),
    ...accepted.meetings.filter((k) => !meetingKeys.has(k)).map((k) => `meeting "${k}"`),
    ...accepted.relationships.filter((i) => i >= p.relationships.length).map((i) => `relationship #${i}`),
    ...Object.keys(req.merges ?? {})
      .filter((k) => !accepted.entities.includes(k))
      .map((k) => `merge of "${k}" (not an accepted entity)`),
  ];
  const ents = new Set(accepted.entities);
  const meets = new Set(accepted.meetings);
  const rels = new Set(accepted.relationships);
  return {
    unknown,
    proposals: {
      ...p,
      entities: p.entities.filter((e) => ents.has(e.key)),
      meetings: p.meetings
        .filter((m) => meets.has(m.key))
        .map((m) => ({ ...m, attendees: m.attendees.filter((a) => ents.has(a)) })),
      relationships: p.relationships.filter((_r, i) => rels.has(i)),
    },
  };
}

export const extractDatasetRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/extract/dataset',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        summary: 'Accepted proposals → a Parley data set for POST /api/imports (nothing is written)',
        body: ExtractDatasetRequestSchema,
        response: answers({ 200: ExtractDatasetResponseSchema }),
      },
    },
    async (req) => {
      const part = acceptedPart(req.body);
      if (part.unknown.length) {
        throw new HttpError(
          400,
          'bad_request',
          `Invalid body: accepted names what the proposals do not have: ${part.unknown.slice(0, 5).join(', ')}. Use keys and indexes from the proposals.`,
        );
      }
      if (part.proposals.entities.length + part.proposals.meetings.length === 0) {
        throw new HttpError(400, 'bad_request', 'Invalid body: accept at least one entity or meeting to add.');
      }
      const merges = req.body.merges ?? {};
      // a merged proposal keeps the existing node's name (when its match names it), so the import renames nothing
      const names: Record<string, string> = {};
      for (const e of part.proposals.entities) {
        const id = merges[e.key];
        if (id && e.match?.id === id && e.match.name) names[id] = e.match.name;
      }
      const out = proposalsToDataset(part.proposals, { merges, names });
      if (!out.ok) {
        const first = out.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`);
        throw new HttpError(
          422,
          'invalid_dataset',
          `The accepted proposals do not make a valid data set: ${first.join('; ')}.`,
        );
      }
      return { dataset: out.dataset, dropped: out.dropped };
    },
  );
};
