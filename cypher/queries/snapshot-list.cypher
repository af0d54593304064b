// title: List snapshots
// description: Saved snapshots, newest first, without their payload.
// params: {"limit": 500}
MATCH (s:Snapshot)
RETURN s.id AS id, s.title AS title, s.created AS created, s.nodeCount AS nodeCount, s.edgeCount AS edgeCount, s.createdBy AS createdBy
ORDER BY s.created DESC, s.id
LIMIT $limit
