// title: Save a snapshot
// description: Stores a snapshot as its own Snapshot node (kept out of the explorer's graph and search); the view, with the nodes and edges it drew, is one JSON string property; createdBy is the signed-in account (accounts on), else null.
// params: {"id": "0b6f5c1e-4a0e-4c7e-9d59-8f1f7a9f2b11", "title": "Istanbul talks", "created": "2025-03-01T12:00:00.000Z", "version": 1, "payload": "{}", "nodeCount": 0, "edgeCount": 0, "createdBy": null}
CREATE (s:Snapshot {
  id: $id,
  title: $title,
  created: $created,
  version: $version,
  payload: $payload,
  nodeCount: $nodeCount,
  edgeCount: $edgeCount,
  createdBy: $createdBy
})
RETURN s.id AS id, s.created AS created
