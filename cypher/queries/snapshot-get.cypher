// title: A snapshot
// description: The snapshot with id $id, with its JSON payload.
// params: {"id": "0b6f5c1e-4a0e-4c7e-9d59-8f1f7a9f2b11"}
MATCH (s:Snapshot {id: $id})
RETURN s.id AS id, s.created AS created, s.payload AS payload
