// Issue 12, "the local Neo4j dying": the real server (server/src/index.ts) as a child process with its own local
// Neo4j (a fresh data folder, a free port). Snapshots and imports are written without pause; the JVM is killed
// with SIGKILL in the middle of them. The supervisor starts it again, the server recovers without a restart (the
// same process answers health 200 again), no write is answered 500, and every write that was answered 201 —
// before the kill, while it was down, after — is there afterwards.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config';
import { findFreePort } from '../../server/src/neo4j/local';

let parent = '';
afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
});

const snapshot = (n: number) => ({
  format: 'parley-snapshot',
  version: 1,
  title: `written under fire ${n}`,
  caption: '',
  view: {
    mode: 'graph',
    camera: { x: 0.5, y: 0.5, ratio: 1, angle: 0 },
    viewport: { width: 800, height: 600 },
    filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
    selection: [],
    query: null,
    styles: {},
    legend: [],
  },
  graph: {
    nodes: [
      { id: 'person:sonata-coulter', label: 'Sonata Coulter', kind: 'Person', x: 0, y: 0, size: 8, color: '#4e79a7' },
    ],
    edges: [],
  },
  sources: [],
});

const dataFile = (n: number) =>
  JSON.stringify({
    version: 1,
    sources: [],
    nodes: [
      {
        id: `person:restart-test-${n}`,
        label: 'Person',
        name: `Restart Test ${n}`,
        aliases: [],
        description: 'Written while the local Neo4j was being killed.',
        properties: {},
      },
    ],
    relationships: [],
  });

describe('the local Neo4j killed under the server', () => {
  it(
    'is restarted; the server recovers without a restart and every committed write is there',
    { timeout: 600_000 },
    async () => {
      parent = await mkdtemp(path.join(tmpdir(), 'parley-restart-test-'));
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'src', 'index.ts')], {
        cwd: repoRoot,
        env: {
          ...process.env,
          NEO4J_URI: '',
          PORT: '0',
          HOST: '127.0.0.1',
          PARLEY_NEO4J_PORT: String(await findFreePort()),
          PARLEY_DATA_DIR: path.join(parent, 'data'),
          PARLEY_NEO4J_HEAP: '512m',
          PARLEY_NEO4J_PAGECACHE: '64m',
          PARLEY_LOG_LEVEL: 'warn',
          PARLEY_RATE_LIMIT: '100000',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
      const waitFor = async (re: RegExp, ms: number): Promise<RegExpExecArray> => {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          const m = re.exec(stderr);
          if (m) return m;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`the server did not log ${String(re)} within ${ms} ms; it logged:\n${stderr}`);
      };
      try {
        const jvm = Number((await waitFor(/the local Neo4j is ready \(pid (\d+)/, 240_000))[1]);
        const base = `http://127.0.0.1:${(await waitFor(/ready in [\d.]+ s: http:\/\/localhost:(\d+)/, 240_000))[1]}`;

        // writers: snapshots (two at a time) and imports, without pause, until told to stop
        const snapshots: string[] = [];
        const imported: string[] = [];
        const statuses: number[] = [];
        let phase: 'before' | 'down' | 'after' = 'before';
        const committedIn = { before: 0, down: 0, after: 0 };
        let running = true;
        let n = 0;
        const snapshotWriter = async () => {
          while (running) {
            const i = n++;
            const res = await fetch(`${base}/api/snapshots`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(snapshot(i)),
            }).catch(() => undefined);
            if (!res) continue;
            statuses.push(res.status);
            if (res.status === 201) {
              snapshots.push((await res.json()).id as string);
              committedIn[phase]++;
            } else {
              await res.arrayBuffer();
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        };
        const importWriter = async () => {
          while (running) {
            const i = n++;
            const form = new FormData();
            form.append('file', new Blob([dataFile(i)], { type: 'application/json' }), `restart-${i}.json`);
            const res = await fetch(`${base}/api/imports`, { method: 'POST', body: form }).catch(() => undefined);
            if (!res) continue;
            statuses.push(res.status);
            await res.arrayBuffer();
            if (res.status === 201) {
              imported.push(`person:restart-test-${i}`);
              committedIn[phase]++;
            } else await new Promise((r) => setTimeout(r, 100));
          }
        };
        const writers = [snapshotWriter(), snapshotWriter(), importWriter()];

        await new Promise((r) => setTimeout(r, 3_000));
        process.kill(jvm, 'SIGKILL');
        const killedAt = Date.now();
        phase = 'down';
        await waitFor(/restarting it in [\d.]+ s/, 30_000);
        const back = Number((await waitFor(/the local Neo4j is back \(pid (\d+)/, 240_000))[1]);
        expect(back).not.toBe(jvm);
        // the breaker closes by itself once its probe reaches the new JVM
        const until = Date.now() + 60_000;
        let health = 0;
        while (Date.now() < until) {
          health = (await fetch(`${base}/api/health`).catch(() => undefined))?.status ?? 0;
          if (health === 200) break;
          await new Promise((r) => setTimeout(r, 250));
        }
        expect(health).toBe(200);
        const recoveredMs = Date.now() - killedAt;
        phase = 'after';
        const afterFrom = committedIn.after;
        while (committedIn.after < afterFrom + 5) await new Promise((r) => setTimeout(r, 100));
        running = false;
        await Promise.all(writers);

        expect(child.exitCode).toBeNull(); // the same server process throughout
        expect(committedIn.before).toBeGreaterThan(0);
        expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]); // refused while down, never a 500
        expect(statuses).toContain(503);
        for (const id of snapshots) {
          expect((await fetch(`${base}/api/snapshots/${encodeURIComponent(id)}`)).status, `snapshot ${id}`).toBe(200);
        }
        for (const id of imported) {
          expect((await fetch(`${base}/api/nodes/${encodeURIComponent(id)}`)).status, `node ${id}`).toBe(200);
        }
        const list = (await (await fetch(`${base}/api/snapshots`)).json()) as { snapshots: { id: string }[] };
        const listed = new Set(list.snapshots.map((s) => s.id));
        expect(snapshots.filter((id) => !listed.has(id))).toEqual([]);
        // a write whose answer was lost with the dying connection (a 503) may still have committed: only those
        // can be listed beyond the 201s
        expect(listed.size - snapshots.length).toBeLessThanOrEqual(statuses.filter((s) => s === 503).length);
        process.stderr.write(
          `[restart test] committed ${snapshots.length} snapshots and ${imported.length} imports (${JSON.stringify(committedIn)}); ` +
            `${statuses.filter((s) => s === 503).length} answers 503; health 200 again ${(recoveredMs / 1000).toFixed(1)} s after the SIGKILL\n`,
        );
      } finally {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
        }
      }
    },
  );
});
