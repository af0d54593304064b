// Issue 12: the supervisor of the local Neo4j (server/src/neo4j/local/supervisor.ts) on stand-in JVMs: a JVM that
// dies is started again after the back-off, the supervised object then shows the new one, a failed start counts as
// a restart, and past the bound it gives up (its `exited` settles). stop() ends it for good.
import { describe, expect, it } from 'vitest';
import { superviseLocalNeo4j, type LocalNeo4j } from '../../server/src/neo4j/local';

type Exit = { code: number | null; signal: NodeJS.Signals | null };

function fakeJvm(pid: number) {
  let die!: (e: Exit) => void;
  const exited = new Promise<Exit>((r) => (die = r));
  let stopped = 0;
  const jvm: LocalNeo4j = {
    uri: 'bolt://127.0.0.1:7000',
    user: 'neo4j',
    password: 'secret-password',
    port: 7000,
    dataDir: '/tmp/x',
    pid,
    exited,
    stop: async () => {
      stopped++;
      die({ code: 0, signal: null });
    },
  };
  return { jvm, kill: () => die({ code: null, signal: 'SIGKILL' }), stopped: () => stopped };
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('the local Neo4j supervisor', () => {
  it('restarts a JVM that died, after the back-off, and shows the new one', async () => {
    const first = fakeJvm(1);
    const second = fakeJvm(2);
    const waits: number[] = [];
    const lines: string[] = [];
    const s = superviseLocalNeo4j(first.jvm, async () => second.jvm, {
      backoffMs: (n) => (waits.push(n), 1),
      log: (l) => lines.push(l),
    });
    expect(s.pid).toBe(1);
    first.kill();
    await tick(20);
    expect(s.pid).toBe(2);
    expect(s.restarts).toBe(1);
    expect(waits).toEqual([1]);
    expect(lines.join('\n')).toMatch(/stopped unexpectedly \(SIGKILL, pid 1\); restarting it/);
    expect(lines.join('\n')).toMatch(/is back \(pid 2/);
    await s.stop();
    expect(second.stopped()).toBe(1);
  });

  it('counts a failed start as a restart and gives up past the bound', async () => {
    const first = fakeJvm(1);
    let starts = 0;
    const lines: string[] = [];
    const s = superviseLocalNeo4j(
      first.jvm,
      async () => {
        starts++;
        throw new Error('port in use');
      },
      { maxRestarts: 3, backoffMs: () => 1, log: (l) => lines.push(l) },
    );
    let gaveUp: Exit | undefined;
    void s.exited.then((e) => (gaveUp = e));
    first.kill();
    await tick(50);
    expect(starts).toBe(3);
    expect(gaveUp).toEqual({ code: null, signal: 'SIGKILL' });
    expect(lines.filter((l) => /restarting the local Neo4j failed: port in use/.test(l))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/after 3 restarts within 10 min: giving up/);
  });

  it('with 0 restarts allowed, gives up at once (the server then stops, as before)', async () => {
    const first = fakeJvm(1);
    let starts = 0;
    const s = superviseLocalNeo4j(first.jvm, async () => (starts++, fakeJvm(2).jvm), { maxRestarts: 0, log: () => {} });
    first.kill();
    await expect(s.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    expect(starts).toBe(0);
  });

  it('a stop() is not a death: nothing is restarted', async () => {
    const first = fakeJvm(1);
    let starts = 0;
    const s = superviseLocalNeo4j(first.jvm, async () => (starts++, fakeJvm(2).jvm), {
      backoffMs: () => 1,
      log: () => {},
    });
    await s.stop();
    await tick(20);
    expect(starts).toBe(0);
    expect(first.stopped()).toBe(1);
  });
});
