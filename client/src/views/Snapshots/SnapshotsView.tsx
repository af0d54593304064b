import { useEffect, useReducer, useRef, useState, type ChangeEvent } from 'react';
import { matchRoute, navigate, useLocation, usePageTitle } from '../../app/router';
import { ApiRequestError, wantsServerToken } from '../../api/client';
import { snapshotToken, snapshotsApi } from '../../api/snapshots';
import type { SnapshotDocument, SnapshotResponse } from '../../../../contract';
import {
  fileBaseName,
  humanDate,
  initialListState,
  parseSnapshotFile,
  snapshotFileText,
  snapshotListReducer,
} from '../../state/snapshots';
import { download } from '../../utils/export';
import { SnapshotViewer } from './SnapshotViewer';

/** A file opened in this tab without saving it (kept across the /s/local navigation). */
let localSnapshot: SnapshotDocument | null = null;

function errorText(err: unknown): string {
  // words for a person, not the API's route or code
  if (err instanceof ApiRequestError && (err.status === 404 || err.status === 400))
    return 'This snapshot does not exist: it may have been deleted, or the link is incomplete.';
  if (err instanceof ApiRequestError && err.status === 0) return 'The server could not be reached. Try again later.';
  return err instanceof Error ? err.message : String(err);
}

/** /s/<id>: one snapshot, read-only. */
function SnapshotPage({ id }: { id: string }) {
  const isLocal = id === 'local' && localSnapshot !== null;
  const [loaded, setLoaded] = useState<{ id: string; data: SnapshotResponse | null; error: string | null } | null>(
    null,
  );
  useEffect(() => {
    if (isLocal) return;
    let live = true;
    snapshotsApi.get(id).then(
      (data) => live && setLoaded({ id, data, error: null }),
      (err: unknown) => live && setLoaded({ id, data: null, error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [id, isLocal]);
  const shown = loaded?.id === id ? loaded : null;
  usePageTitle(
    isLocal && localSnapshot
      ? localSnapshot.title
      : shown?.error
        ? 'Snapshot not found'
        : (shown?.data?.snapshot.title ?? 'Snapshot'),
  );
  if (isLocal && localSnapshot) return <SnapshotViewer snapshot={localSnapshot} missing={null} />;
  const state = loaded?.id === id ? loaded : { data: null, error: null };
  if (state.error) {
    return (
      <main style={{ padding: 16 }}>
        <h1>Snapshot not found</h1>
        <p role="alert">{state.error}</p>
        <a href="/snapshots">All snapshots</a>
      </main>
    );
  }
  if (!state.data) return <p className="loading">Loading snapshot…</p>;
  return (
    <main>
      <SnapshotViewer snapshot={state.data.snapshot} missing={state.data.missing} />
    </main>
  );
}

/** /snapshots: the saved snapshots, with import, export and delete. */
function SnapshotList() {
  const [list, dispatch] = useReducer(snapshotListReducer, initialListState);
  usePageTitle('Snapshots');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [imported, setImported] = useState<SnapshotDocument | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    dispatch({ type: 'load' });
    snapshotsApi.list().then(
      (res) => dispatch({ type: 'loaded', items: res.snapshots }),
      (err: unknown) => dispatch({ type: 'failed', error: errorText(err) }),
    );
  }, []);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const parsed = parseSnapshotFile(await file.text(), file.size);
    if (!parsed.ok) {
      setImported(null);
      setMessage({ text: `${file.name}: ${parsed.message} Nothing was changed.`, error: true });
      return;
    }
    setImported(parsed.snapshot);
    setMessage({ text: `${file.name} is a valid snapshot (“${parsed.snapshot.title}”).`, error: false });
  }

  async function saveImported(doc: SnapshotDocument) {
    try {
      let token = snapshotToken.get();
      let res;
      try {
        res = await snapshotsApi.create(doc, token);
      } catch (err) {
        if (!wantsServerToken(err)) throw err;
        token = window.prompt('This server needs its token (PARLEY_TOKEN) to save snapshots:') ?? '';
        if (!token) throw err;
        res = await snapshotsApi.create(doc, token);
        snapshotToken.set(token);
      }
      setImported(null);
      dispatch({
        type: 'added',
        item: {
          id: res.id,
          title: doc.title,
          created: res.created,
          nodeCount: doc.graph.nodes.length,
          edgeCount: doc.graph.edges.length,
        },
      });
      setMessage({ text: `Imported “${doc.title}”.`, error: false });
    } catch (err) {
      setMessage({ text: `Import failed: ${errorText(err)}`, error: true });
    }
  }

  async function remove(id: string, title: string) {
    if (!window.confirm(`Delete the snapshot “${title}”?`)) return;
    try {
      let token = snapshotToken.get();
      try {
        await snapshotsApi.remove(id, token);
      } catch (err) {
        if (!wantsServerToken(err)) throw err;
        token = window.prompt('This server needs its token (PARLEY_TOKEN) to delete snapshots:') ?? '';
        if (!token) throw err;
        await snapshotsApi.remove(id, token);
        snapshotToken.set(token);
      }
      dispatch({ type: 'removed', id });
      setMessage({ text: `Deleted “${title}”.`, error: false });
    } catch (err) {
      setMessage({ text: `Delete failed: ${errorText(err)}`, error: true });
    }
  }

  async function exportOne(id: string) {
    try {
      const { snapshot } = await snapshotsApi.get(id);
      download(snapshotFileText(snapshot), `${fileBaseName(snapshot.title)}.parley.json`, 'application/json');
    } catch (err) {
      setMessage({ text: `Export failed: ${errorText(err)}`, error: true });
    }
  }

  return (
    <main aria-label="Snapshots" style={{ padding: 16, display: 'grid', gap: 12, maxWidth: 900 }}>
      <h1 style={{ margin: 0 }}>Snapshots</h1>
      <p style={{ margin: 0 }}>
        Saved views, each with its own address. A snapshot file (JSON, graph included) opens on any Parley, even without
        the database.
      </p>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import a snapshot file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Snapshot file"
          onChange={(e) => void onFile(e)}
        />
        {imported && (
          <>
            <button type="button" onClick={() => void saveImported(imported)}>
              Save “{imported.title}” here
            </button>
            <button
              type="button"
              onClick={() => {
                localSnapshot = imported;
                navigate('/s/local');
              }}
            >
              Open without saving
            </button>
          </>
        )}
      </div>
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          style={{ margin: 0, color: message.error ? '#b42318' : undefined }}
        >
          {message.text}
        </p>
      )}
      {list.status === 'loading' && <p>Loading…</p>}
      {list.status === 'error' && <p role="alert">Could not list snapshots: {list.error}</p>}
      {list.status === 'ready' && list.items.length === 0 && (
        <p>No snapshots yet: use “Save snapshot” in the explorer.</p>
      )}
      {list.items.length > 0 && (
        <table style={{ borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th align="left">Title</th>
              <th align="left">Saved</th>
              <th align="right">Nodes</th>
              <th align="right">Edges</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.items.map((s) => (
              <tr key={s.id}>
                <td>
                  <a
                    href={`/s/${encodeURIComponent(s.id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/s/${encodeURIComponent(s.id)}`);
                    }}
                  >
                    {s.title}
                  </a>
                </td>
                <td>{humanDate(s.created)}</td>
                <td align="right">{s.nodeCount}</td>
                <td align="right">{s.edgeCount}</td>
                <td style={{ display: 'flex', gap: 6, paddingLeft: 12 }}>
                  <button type="button" onClick={() => void exportOne(s.id)}>
                    Export file
                  </button>
                  <button type="button" onClick={() => void remove(s.id, s.title)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** Serves /snapshots (the list) and /s/<id> (one snapshot, read-only). */
export default function SnapshotsView() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  if (route.name === 'snapshot') return <SnapshotPage id={route.id} />;
  return <SnapshotList />;
}
