// title: How many entities
// description: The number of nodes that are not snapshots (the server loads the seed when it is 0). Both counts come from Neo4j's count store, so no node is read.
// params: {}
CALL () { MATCH (n) RETURN count(n) AS all }
CALL () { MATCH (s:Snapshot) RETURN count(s) AS snapshots }
RETURN all - snapshots AS count
