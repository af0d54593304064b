/** The article-to-graph API (contract/extract.ts) and the one import that writes the accepted part. */
import type {
  ApiError,
  ExtractDatasetRequest,
  ExtractDatasetResponse,
  ExtractRequest,
  ExtractResponse,
  ImportResultBody,
} from '../../../contract';
import { ApiRequestError, request, wantsServerToken } from './client';
import { sessionToken } from './session';
import { snapshotToken } from './snapshots';

/** POST /api/imports with one `.json` data set as a multipart file: written all or nothing. */
async function postImport(dataset: unknown, name: string, token: string | null): Promise<ImportResultBody> {
  const form = new FormData();
  form.append('file', new Blob([JSON.stringify(dataset)], { type: 'application/json' }), name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = token ?? sessionToken.get();
  if (auth) headers['authorization'] = `Bearer ${auth}`;
  let res: Response;
  try {
    res = await fetch('/api/imports', { method: 'POST', body: form, headers });
  } catch {
    throw new ApiRequestError(0, 'network', 'The Parley server did not answer. Is it running?');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<ApiError> & Record<string, unknown>;
  if (!res.ok) {
    throw new ApiRequestError(
      res.status,
      typeof body.error === 'string' ? body.error : 'http_error',
      typeof body.message === 'string' ? body.message : `The server answered ${res.status}.`,
      body,
    );
  }
  return body as unknown as ImportResultBody;
}

export const extractApi = {
  propose: (req: ExtractRequest) => request<ExtractResponse>('/extract', { method: 'POST', body: req }),
  dataset: (req: ExtractDatasetRequest) =>
    request<ExtractDatasetResponse>('/extract/dataset', { method: 'POST', body: req }),
  /** Imports the data set with the tab's token; on 401 asks for it once and keeps it. */
  importDataset: async (dataset: unknown, name: string): Promise<ImportResultBody> => {
    try {
      return await postImport(dataset, name, snapshotToken.get());
    } catch (err) {
      if (!wantsServerToken(err)) throw err;
      const token = window.prompt('This server needs its token (PARLEY_TOKEN) to import:') ?? '';
      if (!token) throw err;
      const out = await postImport(dataset, name, token);
      snapshotToken.set(token);
      return out;
    }
  },
};
