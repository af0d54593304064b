// title: Nodes to look for duplicates in
// description: Entity nodes (no sources, snapshots or Parley's own records), only those with the label $label when it is given, with the ids of at most 100 of their neighbours. The duplicate finder blocks and scores them in the server.
// params: {"label": "Person", "limit": 20000}
MATCH (n)
WHERE ($label IS NULL OR $label IN labels(n))
  AND NOT n:Snapshot AND NOT n:Source AND none(l IN labels(n) WHERE l STARTS WITH 'Parley')
WITH n LIMIT $limit
RETURN n, [(n)--(m) WHERE NOT m:Snapshot AND none(l IN labels(m) WHERE l STARTS WITH 'Parley') | coalesce(m.id, elementId(m))][..100] AS neighbours
