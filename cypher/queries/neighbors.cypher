// title: Neighbours of a node, a page at a time
// description: The node with element id $elementId, its neighbours from $offset (most connected first, then by id), at most $limit, with the relationships that link them to it, and the total count of neighbours. With $type, only neighbours linked by a relationship of that type; with $label, only neighbours carrying that label (both are values compared as parameters, never written into the query).
// params: {"elementId": "", "offset": 0, "limit": 25, "type": null, "label": null}
MATCH (n) WHERE elementId(n) = $elementId
CALL (n) {
  MATCH (n)-[r]-(m) WHERE NOT m:Snapshot AND ($type IS NULL OR type(r) = $type) AND ($label IS NULL OR $label IN labels(m))
  WITH DISTINCT m
  RETURN count(m) AS total
}
CALL (n) {
  MATCH (n)-[r]-(m) WHERE NOT m:Snapshot AND ($type IS NULL OR type(r) = $type) AND ($label IS NULL OR $label IN labels(m))
  WITH DISTINCT m
  WITH m, COUNT { (m)--() } AS degree
  ORDER BY degree DESC, m.id, elementId(m)
  SKIP $offset LIMIT $limit
  RETURN collect(m) AS page
}
UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS m
OPTIONAL MATCH (n)-[r]-(m) WHERE $type IS NULL OR type(r) = $type
RETURN n, total, m, collect(r) AS rels
