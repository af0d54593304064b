// title: Relationships among nodes
// description: Every relationship between two of the given nodes (by element id), at most $limit + 1.
// params: {"ids": [], "limit": 5000}
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $ids AND elementId(b) IN $ids
WITH r ORDER BY elementId(r)
LIMIT $limit + 1
RETURN r
