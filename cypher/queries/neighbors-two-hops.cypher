// title: Neighbours within two hops, a page at a time
// description: The node with element id $elementId and the nodes at most two relationships away from it (itself left out), a page from $offset of at most $limit: those one hop away first, then those two hops away, each ring most connected first, then by id; with the total count. A node one hop away comes with the relationships that link it to the node; a node two hops away with one node between them (the most connected, then by id) and the two relationships of that way. With $type, every relationship on the way has that type; with $label, only nodes carrying that label are paged (the nodes between may carry any). Snapshots are never on the way.
// params: {"elementId": "", "offset": 0, "limit": 25, "type": null, "label": null}
MATCH (n) WHERE elementId(n) = $elementId
CALL (n) {
  MATCH (n)-[r1]-(a)
  WHERE NOT a:Snapshot AND ($type IS NULL OR type(r1) = $type)
  WITH DISTINCT n, a
  CALL (n, a) {
    RETURN a AS m
    UNION
    MATCH (a)-[r2]-(m)
    WHERE m <> n AND NOT m:Snapshot AND ($type IS NULL OR type(r2) = $type)
    RETURN m
  }
  WITH DISTINCT n, m
  WHERE $label IS NULL OR $label IN labels(m)
  WITH m,
       CASE WHEN EXISTS { (n)-[r]-(m) WHERE $type IS NULL OR type(r) = $type } THEN 1 ELSE 2 END AS hop,
       COUNT { (m)--() } AS degree
  ORDER BY hop, degree DESC, m.id, elementId(m)
  RETURN collect({m: m, hop: hop}) AS ranked
}
WITH n, size(ranked) AS total, ranked[$offset..$offset + $limit] AS page
UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS p
WITH n, total, p.m AS m, p.hop AS hop
CALL (n, m, hop) {
  OPTIONAL MATCH (n)-[r]-(m) WHERE hop = 1 AND ($type IS NULL OR type(r) = $type)
  RETURN collect(r) AS direct
}
OPTIONAL CALL (n, m, hop) {
  MATCH (n)-[r1]-(via)-[r2]-(m)
  WHERE hop = 2 AND NOT via:Snapshot AND ($type IS NULL OR (type(r1) = $type AND type(r2) = $type))
  WITH via, r1, r2
  ORDER BY COUNT { (via)--() } DESC, via.id, elementId(via), elementId(r1), elementId(r2)
  LIMIT 1
  RETURN via, [r1, r2] AS way
}
RETURN n, total, m, hop, via, direct + coalesce(way, []) AS rels
