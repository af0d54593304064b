// title: Overview: the most connected entities
// description: What the explorer opens on when the database is large: the element ids of the $limit entities with the most relationships (degree, by COUNT {}, which Neo4j answers from each node's degree without reading the relationships), most connected first; sources, snapshots and Parley's bookkeeping left out. A ranking reads every node once; the server keeps the answer until the database's node or relationship count changes.
// params: {"limit": 300}
// expect: rows >= 10
// expect: columns = elementId, degree
// expect: some degree >= 5
MATCH (n)
WHERE NOT n:Snapshot AND NOT n:Source AND none(l IN labels(n) WHERE l STARTS WITH 'Parley')
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id, elementId(n)
LIMIT $limit
RETURN elementId(n) AS elementId, degree
