// Shared by the import tests: the database's data (not Parley's bookkeeping) as one comparable value.
import type { Db } from '../../server/src/neo4j/db';

/** Counts plus every property of every node and relationship (Parley's own records left out), in a stable order. */
export async function dbFingerprint(db: Db) {
  const nodes = await db.query(
    `MATCH (n) WHERE NOT n:Snapshot AND NOT n:ParleyInternal
     RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, elementId(n)`,
  );
  const rels = await db.query(
    `MATCH (a)-[r]->(b)
     RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props ORDER BY a, type, b, r.id, elementId(r)`,
  );
  return { nodes: nodes.length, rels: rels.length, digest: JSON.stringify([nodes, rels]) };
}
