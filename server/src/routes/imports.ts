/**
 * Imports API. `POST /api/imports` takes the files as a multipart upload (streamed to a temporary folder, each
 * file capped at PARLEY_IMPORT_MAX_MB: 413 above it), reads and checks them (400 with every problem, nothing
 * written), then previews (`?dryRun=1`) or writes them all or nothing. With `Accept: application/x-ndjson`
 * the write answers a stream of progress lines, then the result. Writes need the token when PARLEY_TOKEN is
 * set. `GET /api/imports` lists the recorded imports, `GET /api/imports/:id` one of them (with its progress),
 * `POST /api/imports/:id/undo` undoes a committed import as a whole.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../errors';
import {
  checkImportMapping,
  ImportPreview,
  ImportQuery,
  ImportRecord,
  ImportResult,
  type ImportMappingBody,
  type ImportStreamLineBody,
} from '../../../contract';
import { answers } from './answers';
import { ImportFailedError, ImportInvalidError, type PossibleDuplicates } from '../import/engine';
import { LIMITS } from '../import/limits';
import { type InputFile } from '../import/read';
import { openImport, previewOpened, runOpened } from '../import/open';
import { checkToken } from './snapshots';

const importId = z.object({ id: z.string().min(1).max(200) });

/** 400 with every problem; a preview's also carries the files read (so the page can offer their mapping) */
function invalid(problems: ImportInvalidError['problems'], files?: unknown[]) {
  const first = problems[0];
  const where = first
    ? `${first.file}${first.line !== undefined ? ` line ${first.line}` : ''}${first.path ? ` ${first.path}` : ''}`
    : '';
  return new HttpError(
    400,
    'invalid_import',
    `The files have ${problems.length} problem${problems.length === 1 ? '' : 's'} and nothing was written${first ? `; the first: ${where}: ${first.message}` : ''}. Fix them and upload again.`,
    files ? { problems, files } : { problems },
  );
}

/** who wrote: a short digest of the token when one is configured (never the token itself) */
function by(token: string | undefined): string | null {
  return token ? `token:${createHash('sha256').update(token).digest('hex').slice(0, 8)}` : null;
}

/** an uploaded file's name as Parley keeps it (and as a mapping may name it) */
const safeName = (name: string) => path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_');

/** the multipart field `mapping` (JSON, contract/import-mapping.ts): a 400 saying what is wrong otherwise */
function parseMapping(value: unknown): ImportMappingBody {
  let json: unknown;
  try {
    json = JSON.parse(String(value));
  } catch {
    throw new HttpError(400, 'bad_request', 'The field "mapping" is not JSON: send {"<file name>": {kind, columns}}.');
  }
  const r = checkImportMapping(json);
  if (!r.ok) throw new HttpError(400, 'bad_request', `The field "mapping" is invalid ${r.problem}.`);
  return Object.fromEntries(Object.entries(r.mapping).map(([file, m]) => [safeName(file), m]));
}

async function receive(
  req: FastifyRequest,
  dir: string,
  maxBytes: number,
): Promise<{ files: InputFile[]; mapping: ImportMappingBody }> {
  if (!req.isMultipart()) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the files as multipart/form-data (one part per file, e.g. curl -F file=@nodes.csv).',
    );
  }
  const files: InputFile[] = [];
  const names = new Set<string>();
  let mapping: ImportMappingBody = {};
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (part.fieldname === 'mapping') mapping = parseMapping(part.value);
      continue;
    }
    const name = safeName(part.filename || 'unnamed');
    if (names.has(name))
      throw new HttpError(400, 'bad_request', `Two files are named ${JSON.stringify(name)}: rename one.`);
    names.add(name);
    const dest = path.join(dir, `${files.length}-${name}`);
    try {
      await pipeline(part.file, createWriteStream(dest));
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated) {
        throw new HttpError(
          413,
          'payload_too_large',
          `${name} is larger than the upload limit of ${maxBytes / 1024 / 1024} MB per file: split it, or load it with \`npm run load\`.`,
        );
      }
      throw err;
    }
    if (part.file.truncated) {
      throw new HttpError(
        413,
        'payload_too_large',
        `${name} is larger than the upload limit of ${maxBytes / 1024 / 1024} MB per file: split it, or load it with \`npm run load\`.`,
      );
    }
    files.push({ path: dest, name });
  }
  if (files.length === 0)
    throw new HttpError(400, 'bad_request', 'No files were sent: add .json, .csv, .gexf, .graphml or .txt files.');
  const unknown = Object.keys(mapping).filter((n) => !names.has(n));
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      'bad_request',
      `The mapping names ${unknown.map((n) => JSON.stringify(n)).join(', ')}, which ${unknown.length === 1 ? 'was' : 'were'} not sent: map the files you upload.`,
    );
  }
  return { files, mapping };
}

export function importRoutes(hooks: { possibleDuplicates?: PossibleDuplicates } = {}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const { repos } = fastify;
    const maxBytes = (fastify.config.PARLEY_IMPORT_MAX_MB ?? LIMITS.uploadFileBytes / 1024 / 1024) * 1024 * 1024;
    await fastify.register(multipart, {
      limits: { fileSize: maxBytes, files: LIMITS.files, fields: 10 },
      throwFileSizeLimit: true,
    });
    /** The import record with this id, or a 404 that says where the ids are listed. */
    const recordOr404 = async (id: string) => {
      const rec = await repos.imports.get(id);
      if (!rec)
        throw new HttpError(
          404,
          'not_found',
          `No import has the id ${JSON.stringify(id)}; GET /api/imports lists them.`,
        );
      return rec;
    };
    const requireToken = async (req: FastifyRequest) => checkToken(fastify.config.PARLEY_TOKEN, req);

    app.post(
      '/api/imports',
      {
        onRequest: requireToken,
        bodyLimit: maxBytes * LIMITS.files,
        schema: {
          summary: 'Import files (multipart): ?dryRun=1 previews, otherwise writes all or nothing',
          tags: ['imports'],
          querystring: ImportQuery,
          // 200: the preview (?dryRun=1) or, with `Accept: application/x-ndjson`, a stream of ImportStreamLine
          response: answers({ 200: ImportPreview, 201: ImportResult }),
        },
      },
      async (req, reply) => {
        const dir = await mkdtemp(path.join(tmpdir(), 'parley-upload-'));
        try {
          const { files, mapping } = await receive(req, dir, maxBytes);
          const set = await openImport(files, { mapping });
          if (req.query.dryRun) {
            const preview = await previewOpened(
              repos.imports,
              set,
              req.query.rule,
              hooks.possibleDuplicates ?? repos.duplicates.possibleDuplicates,
            );
            if (!preview.ok) throw invalid(preview.problems, preview.files);
            return preview;
          }
          const stream = /application\/x-ndjson/.test(req.headers.accept ?? '');
          const opts = {
            rule: req.query.rule,
            by: req.parleyUser ? `user:${req.parleyUser.name}` : by(fastify.config.PARLEY_TOKEN),
            files: files.map((f) => f.name),
            ...(req.query.batchSize ? { batchSize: req.query.batchSize } : {}),
          };
          if (!stream) {
            try {
              const result = await runOpened(repos.imports, set, opts);
              return reply.code(201).send(result);
            } catch (err) {
              if (err instanceof ImportInvalidError) throw invalid(err.problems);
              if (err instanceof ImportFailedError)
                throw new HttpError(503, 'import_failed', `${err.message}.`, { importId: err.importId });
              throw err;
            }
          }
          // NDJSON: the headers go out now, progress lines as batches commit, then the result or the error
          reply.hijack();
          const out = reply.raw;
          out.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
          const line = (l: ImportStreamLineBody) => out.write(`${JSON.stringify(l)}\n`);
          let last = 0;
          try {
            const result = await runOpened(repos.imports, set, {
              ...opts,
              onProgress: (p) => {
                const t = Date.now();
                if (p.phase === 'writing' && t - last < 250 && p.done < p.total) return;
                last = t;
                line({ type: 'progress', ...p });
              },
            });
            line({ type: 'result', result });
          } catch (err) {
            if (err instanceof ImportInvalidError) {
              const e = invalid(err.problems);
              line({ type: 'error', status: 400, error: e.code, message: e.message, problems: err.problems });
            } else {
              req.log.error({ err }, 'import failed');
              line({
                type: 'error',
                status: 503,
                error: 'import_failed',
                message: err instanceof Error ? err.message : 'the import failed; it has been logged',
              });
            }
          }
          out.end();
          return reply;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );

    app.get(
      '/api/imports',
      {
        schema: {
          summary: 'Recorded imports, newest first',
          tags: ['imports'],
          response: answers({ 200: z.object({ imports: z.array(ImportRecord) }) }),
        },
      },
      async () => ({
        imports: await repos.imports.list(),
      }),
    );

    app.get(
      '/api/imports/:id',
      {
        schema: {
          summary: 'One import, with its progress',
          tags: ['imports'],
          params: importId,
          response: answers({ 200: ImportRecord }),
        },
      },
      async (req) => {
        const rec = await recordOr404(req.params.id);
        return rec;
      },
    );

    app.post(
      '/api/imports/:id/undo',
      {
        onRequest: requireToken,
        schema: {
          summary: 'Undo a committed import as a whole',
          tags: ['imports'],
          params: importId,
          response: answers({ 200: ImportRecord }),
        },
      },
      async (req) => {
        const rec = await recordOr404(req.params.id);
        if (rec.status !== 'committed') {
          throw new HttpError(
            409,
            'conflict',
            `Import ${rec.id} is ${rec.status}; only a committed import can be undone.`,
          );
        }
        await repos.imports.rollback(rec.id, 'undone', null);
        return repos.imports.get(rec.id);
      },
    );
  };
}
