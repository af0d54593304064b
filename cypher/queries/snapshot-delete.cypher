// title: Delete a snapshot
// description: Deletes the snapshot with id $id; `deleted` is 0 when there was none.
// params: {"id": "0b6f5c1e-4a0e-4c7e-9d59-8f1f7a9f2b11"}
OPTIONAL MATCH (s:Snapshot {id: $id})
DETACH DELETE s
RETURN count(s) AS deleted
