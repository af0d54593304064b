// title: Paths between two nodes
// description: Any database: every shortest path (in either direction, at most 6 relationships, up to 10 paths) between the nodes $from and $to, each given by its id property or its Neo4j element id (as the explorer shows them).
// params: {"from": "person:sonata-coulter", "to": "person:donald-trump"}
// expect: rows >= 1
// expect: every hops <= 6
// expect: nodes >= 3
MATCH (a) WHERE a.id = $from OR elementId(a) = $from
MATCH (b) WHERE b.id = $to OR elementId(b) = $to
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE a <> b AND none(x IN nodes(p) WHERE x:Snapshot OR x:ParleySettings)
RETURN p, length(p) AS hops
LIMIT 10
