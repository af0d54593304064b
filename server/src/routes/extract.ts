/**
 * POST /api/extract: an article (JSON `{text, title?, outlet?, published?, format?}`, or a file sent as the body
 * with its Content-Type — text/plain, text/html or application/pdf — and the other fields in the query string)
 * → proposals. Nothing is written. Proposed entities are matched against the graph through the search
 * repository (the duplicate finder replaces that matcher at merge).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../errors';
import {
  ExtractRequestSchema,
  ExtractResponseSchema,
  MAX_TEXT_CHARS,
  MAX_UPLOAD_BYTES,
  type ExtractRequest,
} from '../../../contract';
import { InputError, kindOf, toArticleText, type InputKind } from '../extract/input';
import { finderMatcher } from '../extract/match';
import { answers } from './answers';
import { matchProposals } from '../extract/pipeline';
import { ExtractBusyError, ExtractTimeoutError } from '../extract/pool';

const UploadQuerySchema = ExtractRequestSchema.omit({ text: true, format: true }).extend({
  filename: z.string().max(300).optional(),
});

function describe(error: z.ZodError, what: string): string {
  const parts = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || what}: ${i.message}`);
  return `Invalid ${what}: ${parts.join('; ')}.`;
}

async function readRequest(req: FastifyRequest): Promise<ExtractRequest> {
  const body = req.body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    const q = UploadQuerySchema.safeParse(req.query ?? {});
    if (!q.success) throw new HttpError(400, 'bad_request', describe(q.error, 'querystring'));
    const kind: InputKind | undefined = kindOf(req.headers['content-type'], q.data.filename);
    if (!kind) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'Send the file as text/plain, text/html or application/pdf (or give ?filename= ending in .txt, .html or .pdf).',
      );
    }
    const size = Buffer.isBuffer(body) ? body.length : Buffer.byteLength(body);
    if (size === 0) throw new HttpError(400, 'bad_request', 'The uploaded file is empty: send the article.');
    let article;
    try {
      article = await toArticleText(kind, Buffer.isBuffer(body) ? new Uint8Array(body) : body);
    } catch (e) {
      if (e instanceof InputError) throw new HttpError(422, e.code, e.message);
      throw e;
    }
    const { filename: _f, ...fields } = q.data;
    return { text: article.text, ...fields };
  }
  const parsed = ExtractRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'bad_request', describe(parsed.error, 'body'));
  if (parsed.data.format === 'html') {
    const article = await toArticleText('html', parsed.data.text);
    return { ...parsed.data, text: article.text };
  }
  return parsed.data;
}

export const extractRoutes: FastifyPluginAsync = async (app) => {
  // this plugin's own parsers: files come as the raw body (scoped to this plugin)
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    ['text/plain', 'text/html', 'application/xhtml+xml', 'application/pdf', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/extract',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      // reading an article takes about a second of CPU: a tighter limit than the API's, like the console's
      config: { rateLimit: { max: Math.max(1, Math.ceil(app.config.PARLEY_RATE_LIMIT / 10)), timeWindow: '1 minute' } },
      schema: {
        summary: 'Propose entities, meetings and relationships from an article (nothing is written)',
        description:
          'JSON {text, title?, outlet?, published?, format?: "text"|"html"}, or a file as the body (text/plain, text/html, application/pdf) with title, outlet, published in the query string.',
        response: answers({ 200: ExtractResponseSchema }),
      },
    },
    async (req, reply) => {
      const input = await readRequest(req);
      if (input.text.length > MAX_TEXT_CHARS) {
        throw new HttpError(
          413,
          'payload_too_large',
          `The article is ${input.text.length.toLocaleString('en')} characters; Parley reads at most ${MAX_TEXT_CHARS.toLocaleString('en')} (about 9,000 words) at a time: send it in parts.`,
        );
      }
      // read in the worker thread (extract/pool.ts): the event loop stays free for every other request
      let proposals;
      try {
        proposals = await app.extractor.run(input);
      } catch (e) {
        if (e instanceof ExtractBusyError) {
          void reply.header('retry-after', String(e.retryAfterS));
          throw new HttpError(503, 'extractor_busy', e.message);
        }
        if (e instanceof ExtractTimeoutError) throw new HttpError(422, 'article_too_slow', e.message);
        throw e;
      }
      return matchProposals(
        proposals,
        finderMatcher(async (label) => (await app.repos.duplicates.existing(label)).nodes),
      );
    },
  );
};
