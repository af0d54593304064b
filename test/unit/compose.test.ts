// docker-compose.yml cannot run on our machines (no Docker engine), so this test keeps it honest by reading
// it: the services, image, ports and environment keys must match what the server reads (server/src/config.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configKeys, loadConfig, repoRoot } from '../../server/src/config';

interface Service {
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  build?: { context: string; dockerfile_inline?: string };
  healthcheck?: { test: string[] };
}
const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};

describe('docker-compose.yml', () => {
  const neo4j = compose.services.neo4j;
  const parley = compose.services.parley;

  it('has a neo4j service on the official 5.26 community image and a parley service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['neo4j', 'parley']);
    expect(neo4j?.image).toBe('neo4j:5.26-community');
    expect(parley?.build?.context).toBe('.');
    expect(parley?.depends_on?.neo4j?.condition).toBe('service_healthy');
    expect(neo4j?.healthcheck?.test.join(' ')).toContain('cypher-shell');
  });

  it('gives parley only environment keys that the server reads', () => {
    const env = parley?.environment ?? {};
    for (const key of Object.keys(env)) expect(configKeys).toContain(key);
  });

  it('points parley at the neo4j service by name on the Bolt port, with the same password', () => {
    const env = parley?.environment ?? {};
    expect(env.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(neo4j?.environment?.NEO4J_AUTH).toBe(`${env.NEO4J_USER}/${env.NEO4J_PASSWORD}`);
  });

  it('publishes the port the server listens on, on all interfaces inside the container', () => {
    const env = parley?.environment ?? {};
    const config = loadConfig({ ...env, NEO4J_PASSWORD: 'parley-password', PARLEY_TOKEN: '' });
    expect(config.HOST).toBe('0.0.0.0');
    expect(parley?.ports).toContain(`${config.PORT}:${config.PORT}`);
  });

  it('mirrors the local launcher’s safety settings on Neo4j', () => {
    const env = neo4j?.environment ?? {};
    expect(env.NEO4J_dbms_security_allow__csv__import__from__file__urls).toBe('false');
    expect(env.NEO4J_db_transaction_timeout).toMatch(/^\d+s$/);
    expect(env.NEO4J_db_memory_transaction_max).toBeDefined();
    expect(env.NEO4J_server_memory_heap_max__size).toBeDefined();
    expect(env.NEO4J_server_memory_pagecache_size).toBeDefined();
  });
});
