// title: How are they connected?
// description: The shortest path (ignoring direction) between the nodes with element ids $from and $to, if it has at most $maxHops relationships. The hop limit is checked after the search (a predicate inside it would make Neo4j fall back to an exhaustive search).
// params: {"from": "", "to": "", "maxHops": 6}
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = shortestPath((a)-[*..15]-(b))
WITH p
WHERE length(p) <= $maxHops AND none(x IN nodes(p) WHERE x:Snapshot)
RETURN p
