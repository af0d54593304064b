/**
 * The project's own Neo4j (server/neo4j launcher + server/src/neo4j/local/), started for real: a JVM on a free
 * loopback port with a temporary data folder. The generous timeouts cover the JVM start, they assert nothing.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cdsArchivePath,
  DEFAULT_HEAP,
  neo4jJvmFlags,
  passwordFileOf,
  resolveJavaHome,
  startLocalNeo4j,
  type LocalNeo4j,
} from '../../server/src/neo4j/local';

const SLOW = 180_000;

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

describe('local Neo4j (temporary data dir)', { timeout: SLOW }, () => {
  let local: LocalNeo4j;
  let driver: Driver;

  beforeAll(async () => {
    local = await startLocalNeo4j({ port: 0 });
    driver = neo4j.driver(local.uri, neo4j.auth.basic(local.user, local.password));
  }, SLOW);

  afterAll(async () => {
    await driver?.close();
    await local?.stop();
  }, SLOW);

  it('listens on loopback with the port it reports', () => {
    expect(local.port).toBeGreaterThan(0);
    expect(local.uri).toBe(`bolt://127.0.0.1:${local.port}`);
    expect(processExists(local.pid)).toBe(true);
    expect(existsSync(local.dataDir)).toBe(true);
  });

  it('answers RETURN 1 with its password', async () => {
    const { records } = await driver.executeQuery('RETURN 1 AS n');
    expect(records).toHaveLength(1);
    expect(records[0]?.get('n').toNumber()).toBe(1);
  });

  it('is Neo4j Community 5.26', async () => {
    const info = await driver.getServerInfo();
    expect(info.agent).toMatch(/^Neo4j\/5\.26\.\d+$/);
    const { records } = await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition');
    expect(records[0]?.get('versions')[0]).toMatch(/^5\.26\.\d+$/);
    expect(records[0]?.get('edition')).toBe('community');
  });

  it('runs with the configured limits', async () => {
    const { records } = await driver.executeQuery(
      'SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value',
      {
        names: [
          'db.transaction.timeout',
          'db.memory.transaction.max',
          'dbms.memory.transaction.total.max',
          'server.memory.pagecache.size',
          'dbms.security.allow_csv_import_from_file_urls',
          'dbms.security.auth_enabled',
          'dbms.usage_report.enabled',
          'server.bolt.listen_address',
          'server.http.enabled',
        ],
      },
    );
    const settings = Object.fromEntries(records.map((r) => [r.get('name') as string, r.get('value') as string]));
    expect(settings).toEqual({
      'db.transaction.timeout': '30s',
      'db.memory.transaction.max': '256.00MiB',
      'dbms.memory.transaction.total.max': '512.00MiB',
      'server.memory.pagecache.size': '256.00MiB',
      'dbms.security.allow_csv_import_from_file_urls': 'false',
      'dbms.security.auth_enabled': 'true',
      'dbms.usage_report.enabled': 'false',
      'server.bolt.listen_address': `127.0.0.1:${local.port}`,
      'server.http.enabled': 'false',
    });
  });

  it('refuses LOAD CSV from a local file', async () => {
    const attempt = driver.executeQuery("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN count(row) AS n");
    await expect(attempt).rejects.toThrow(/file URLs.*disabled|allow_csv_import_from_file_urls/i);
  });

  it('refuses a connection without the password, with a wrong one, and with the default one', async () => {
    for (const token of [
      neo4j.auth.basic('neo4j', 'wrong-password'),
      neo4j.auth.basic('neo4j', 'neo4j'),
      neo4j.auth.basic('someone', local.password),
      undefined,
    ]) {
      const stranger = neo4j.driver(local.uri, token);
      try {
        await expect(stranger.executeQuery('RETURN 1')).rejects.toThrow(/unauthorized|authentication/i);
      } finally {
        await stranger.close();
      }
    }
  });

  it('keeps the password in the data folder, readable by its owner only', async () => {
    const file = passwordFileOf(local.dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(local.dataDir).mode & 0o777).toBe(0o700);
    expect((await readFile(file, 'utf8')).trim()).toBe(local.password);
    expect(local.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses LOAD CSV from a remote URL, run directly as the admin, without fetching it', async () => {
    // a canary on this machine: a request reaching it would mean Neo4j fetched a URL
    let hits = 0;
    const canary = createServer((_req, res) => {
      hits++;
      res.end('a,b\n1,2\n');
    });
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
    const address = canary.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      for (const url of [`http://127.0.0.1:${port}/x.csv`, `http://localhost:${port}/x.csv`]) {
        const attempt = driver.executeQuery('LOAD CSV FROM $url AS row RETURN count(row) AS n', { url });
        await expect(attempt).rejects.toThrow(/blocked|cypher_ip_blocklist/i);
      }
      const literal = driver.executeQuery(`LOAD CSV FROM 'http://127.0.0.1:${port}/y.csv' AS row CREATE (:Canary)`);
      await expect(literal).rejects.toThrow(/blocked|cypher_ip_blocklist/i);
      expect(hits).toBe(0);
    } finally {
      await new Promise((r) => canary.close(r));
    }
  });

  it('refuses a second instance on the same port with a clear error', async () => {
    await expect(startLocalNeo4j({ port: local.port })).rejects.toThrow(
      new RegExp(`port ${local.port} on 127\\.0\\.0\\.1 is already in use`),
    );
    // the first instance is unharmed
    const { records } = await driver.executeQuery('RETURN 2 AS n');
    expect(records[0]?.get('n').toNumber()).toBe(2);
  });

  it('stop() ends the process and deletes the temporary data dir', async () => {
    await driver.close();
    const { pid, dataDir } = local;
    await local.stop();
    expect(processExists(pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
    expect(await local.exited).toEqual({ code: expect.any(Number), signal: null });
    await expect(local.stop()).resolves.toBeUndefined(); // idempotent
  });
});

describe('local Neo4j (persistent data dir)', { timeout: SLOW }, () => {
  let parent: string;
  let dataDir: string;
  let firstPassword = '';

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'parley-neo4j-test-'));
    dataDir = join(parent, 'data');
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  // The two tests run in order: the second restarts on the folder the first wrote to.
  it('writes to the given folder and leaves it in place on stop', async () => {
    const first = await startLocalNeo4j({ dataDir });
    expect(first.dataDir).toBe(dataDir);
    const driver = neo4j.driver(first.uri, neo4j.auth.basic(first.user, first.password));
    firstPassword = first.password;
    try {
      await driver.executeQuery('CREATE (:Probe {name: $name})', { name: 'kept' });
    } finally {
      await driver.close();
      await first.stop();
    }
    expect(processExists(first.pid)).toBe(false);
    expect(existsSync(join(dataDir, 'data', 'databases', 'neo4j'))).toBe(true);
    expect(existsSync(join(dataDir, 'logs', 'debug.log'))).toBe(true);
  });

  it('finds the data again after a restart', async () => {
    const second = await startLocalNeo4j({ dataDir });
    // the folder keeps its password
    expect(second.password).toBe(firstPassword);
    const driver = neo4j.driver(second.uri, neo4j.auth.basic(second.user, second.password));
    try {
      const { records } = await driver.executeQuery('MATCH (p:Probe) RETURN p.name AS name');
      expect(records.map((r) => r.get('name'))).toEqual(['kept']);
    } finally {
      await driver.close();
      await second.stop();
    }
    expect(existsSync(dataDir)).toBe(true);
  });

  it('takes a new password when the password file is gone (the file is the truth); the old one is refused', async () => {
    await rm(passwordFileOf(dataDir));
    const third = await startLocalNeo4j({ dataDir });
    expect(third.password).not.toBe(firstPassword);
    const driver = neo4j.driver(third.uri, neo4j.auth.basic(third.user, third.password));
    const old = neo4j.driver(third.uri, neo4j.auth.basic('neo4j', firstPassword));
    try {
      const { records } = await driver.executeQuery('MATCH (p:Probe) RETURN p.name AS name');
      expect(records.map((r) => r.get('name'))).toEqual(['kept']);
      await expect(old.executeQuery('RETURN 1')).rejects.toThrow(/unauthorized|authentication/i);
    } finally {
      await driver.close();
      await old.close();
      await third.stop();
    }
  });
});

describe('local Neo4j (class-data sharing archive)', { timeout: SLOW }, () => {
  let archive = '';

  beforeAll(async () => {
    archive = await cdsArchivePath((await resolveJavaHome()).javaHome, neo4jJvmFlags(DEFAULT_HEAP));
  });

  const mapped = async (pid: number) => (await readFile(`/proc/${pid}/maps`, 'utf8')).includes(archive);

  // In order: the first writes the archive, the second maps it, the third damages it.
  it('writes the archive when a JVM of a persistent folder that found none stops cleanly', async () => {
    await rm(archive, { force: true });
    const parent = await mkdtemp(join(tmpdir(), 'parley-neo4j-cds-'));
    try {
      const first = await startLocalNeo4j({ dataDir: join(parent, 'data') });
      await first.stop();
      expect(existsSync(archive)).toBe(true);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('maps the archive at the next start', async () => {
    const second = await startLocalNeo4j({ port: 0 });
    try {
      expect(await mapped(second.pid)).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('starts with a damaged archive, and deletes it so that the next start writes a new one', async () => {
    await writeFile(archive, 'not an archive');
    const third = await startLocalNeo4j({ port: 0 });
    const driver = neo4j.driver(third.uri, neo4j.auth.basic(third.user, third.password));
    try {
      const { records } = await driver.executeQuery('RETURN 1 AS one');
      expect(records[0]?.get('one')).toEqual(neo4j.int(1));
      expect(await mapped(third.pid)).toBe(false);
      expect(existsSync(archive)).toBe(false);
    } finally {
      await driver.close();
      await third.stop();
    }
  });
});
