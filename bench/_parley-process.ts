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
      err = (err + d.toString()).slice(-20_000); // the last lines, for an error
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

/**
 * Stops a Parley started by `startParleyProcess`: SIGTERM, then SIGKILL if it has not exited in `ms` (its own
 * shutdown takes at most 9.5 s, server/src/index.ts). The wait's timer is cleared once it exits, and the stderr
 * pipe is closed on this side: a process that tsx started for the child (esbuild's service inherits its stderr)
 * may hold the pipe's other end after the child is gone, and an open pipe keeps this process from exiting.
 */
export async function stopParleyProcess(child: ChildProcess, ms = 12_000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ms);
    });
    if ((await Promise.race([exited, late])) === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
    clearTimeout(timer);
  }
  child.stderr?.destroy();
}
