// title: Relationships among nodes, with their ends
// description: Every relationship between two of the given nodes (by element id; the server resolves API ids with resolve-ids first, so both ends are found by element-id seeks), with its ends, at most $limit + 1.
// params: {"ids": [], "limit": 20000}
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $ids AND elementId(b) IN $ids
WITH a, r, b ORDER BY elementId(r)
LIMIT $limit + 1
RETURN a, r, b
