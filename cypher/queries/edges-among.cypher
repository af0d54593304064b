// title: Relationships among nodes by API id
// description: Every relationship between two of the nodes with the given API ids (their `id` property), with its ends, at most $limit + 1.
// params: {"ids": ["person:sonata-coulter", "meeting:istanbul-2025-04-10"], "limit": 20000}
MATCH (a)-[r]->(b)
WHERE a.id IN $ids AND b.id IN $ids AND NOT a:Snapshot AND NOT b:Snapshot
WITH a, r, b ORDER BY elementId(r)
LIMIT $limit + 1
RETURN a, r, b
