/** Shared by bench (the reading arms), bench:load and bench:explore: Parley's real server as a child process, and a
 * process's memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/src/config';
import { findFreePort } from '../server/src/neo4j/local';

/** A process's resident memory in MiB (Linux /proc), or null when it is gone. */
export function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * Parley (server/src/index.ts) on 127.0.0.1 and a free port, against the given Neo4j, with the seed off, accounts
 * and token off; `env` adds or overrides settings; `nodeArgs` go to node (e.g. `--cpu-prof`). Resolves with its
 * base URL once it says it is ready (180 s), and `said()`: what it has written to stderr so far.
 */
export async function startParleyProcess(
  neo4jUri: string,
  password: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; base: string; said: () => string }> {
  const port = await findFreePort();
  const args = [...nodeArgs, '--import', 'tsx', path.join(repoRoot, 'server', 'src', 'index.ts')];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      NEO4J_PASSWORD: password,
      HOST: '127.0.0.1',
      PORT: String(port),
      PARLEY_LOAD_SEED: 'false',
      PARLEY_ACCOUNTS: 'off',
      PARLEY_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Parley did not start in 180 s:\n${err}`)), 180_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (/ready in/.test(err)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Parley exited (${String(code)}) before it was ready:\n${err}`));
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, said: () => err };
}
