// title: Restore: undo a failed restore
// description: Deletes up to $limit nodes with their relationships; a restore that fails runs it until the database is empty again (it only restores into an empty database).
// params: {"limit": 10000}
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
