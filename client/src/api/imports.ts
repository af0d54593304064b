/** The imports API, typed by the shared contract (contract/imports.ts): multipart uploads, NDJSON progress. */
import type {
  ApiError,
  ImportPreviewBody,
  ImportRecordBody,
  ImportResultBody,
  ImportStreamLineBody,
  ImportMappingBody,
} from '../../../contract';
import { ApiRequestError, request } from './client';
import { snapshotToken } from './snapshots';
import { sessionToken, signInRequired } from './session';

export type ImportRule = 'keep' | 'replace';
export type ImportProgress = Extract<ImportStreamLineBody, { type: 'progress' }>;

const enc = encodeURIComponent;

function form(files: File[], mapping: ImportMappingBody): FormData {
  const data = new FormData();
  // the edited column mapping (contract/import-mapping.ts) goes first, as a field
  if (Object.keys(mapping).length > 0) data.append('mapping', JSON.stringify(mapping));
  for (const f of files) data.append('file', f, f.name);
  return data;
}

async function failure(res: Response): Promise<ApiRequestError> {
  let body: Partial<ApiError> & Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await res.text());
    if (parsed && typeof parsed === 'object') body = parsed as typeof body;
  } catch {
    /* not JSON: the status says enough */
  }
  return new ApiRequestError(
    res.status,
    typeof body.error === 'string' ? body.error : 'http_error',
    typeof body.message === 'string' ? body.message : `The server answered ${res.status}.`,
    body,
  );
}

/** POSTs the files; on 401 asks once for PARLEY_TOKEN and keeps it for the tab (as snapshots and merges do). */
async function upload(query: string, files: File[], accept: string, mapping: ImportMappingBody): Promise<Response> {
  const send = async (token: string | null) => {
    const headers: Record<string, string> = { accept };
    const auth = token ?? sessionToken.get();
    if (auth) headers['authorization'] = `Bearer ${auth}`;
    try {
      return await fetch(`/api/imports${query}`, { method: 'POST', headers, body: form(files, mapping) });
    } catch {
      throw new ApiRequestError(0, 'network', 'The Parley server did not answer. Is it running?');
    }
  };
  let res = await send(snapshotToken.get());
  // accounts on and not signed in: the app's sign-in form, not the PARLEY_TOKEN prompt
  if (res.status === 401 && (await res.clone().text()).includes('"sign_in_required"')) signInRequired();
  else if (res.status === 401) {
    const token = window.prompt('This server needs its token (PARLEY_TOKEN) to import:') ?? '';
    if (token) {
      res = await send(token);
      if (res.ok) snapshotToken.set(token);
    }
  }
  if (!res.ok) throw await failure(res);
  return res;
}

export const importsApi = {
  /** `?dryRun=1`: checks the files and says what would happen; a 400 `invalid_import` carries `problems` */
  preview: async (files: File[], rule: ImportRule, mapping: ImportMappingBody = {}): Promise<ImportPreviewBody> => {
    const res = await upload(`?dryRun=1&rule=${rule}`, files, 'application/json', mapping);
    return (await res.json()) as ImportPreviewBody;
  },
  /** writes all or nothing, calling `onProgress` for each NDJSON progress line; resolves with the result */
  run: async (
    files: File[],
    rule: ImportRule,
    onProgress: (p: ImportProgress) => void,
    mapping: ImportMappingBody = {},
  ): Promise<ImportResultBody> => {
    const res = await upload(`?rule=${rule}`, files, 'application/x-ndjson', mapping);
    if (!res.body) throw new ApiRequestError(0, 'network', 'The server sent no answer to the import.');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffered += value;
      const lines = buffered.split('\n');
      buffered = done ? '' : (lines.pop() ?? '');
      for (const text of lines) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as ImportStreamLineBody;
        if (line.type === 'progress') onProgress(line);
        else if (line.type === 'result') return line.result;
        else throw new ApiRequestError(line.status, line.error, line.message, { ...line });
      }
      if (done) break;
    }
    throw new ApiRequestError(0, 'network', 'The import stream ended without a result; see the list of imports.');
  },
  list: () => request<{ imports: ImportRecordBody[] }>('/imports'),
  undo: async (id: string): Promise<ImportRecordBody> => {
    const path = `/imports/${enc(id)}/undo`;
    try {
      return await request<ImportRecordBody>(path, { method: 'POST', body: {}, token: snapshotToken.get() });
    } catch (err) {
      if ((err as { status?: number }).status !== 401) throw err;
      const token = window.prompt('This server needs its token (PARLEY_TOKEN) to undo an import:') ?? '';
      if (!token) throw err;
      const out = await request<ImportRecordBody>(path, { method: 'POST', body: {}, token });
      snapshotToken.set(token);
      return out;
    }
  },
};
