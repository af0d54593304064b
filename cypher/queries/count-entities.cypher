// title: How many entities
// description: The number of nodes that are not snapshots (the server loads the seed when it is 0). Both counts come from Neo4j's count store, so no node is read.
// params: {}
CALL () { MATCH (n) RETURN count(n) AS all }
CALL () { MATCH (s:Snapshot) RETURN count(s) AS snapshots }
CALL () { MATCH (i:ParleyInternal) RETURN count(i) AS internal }
CALL () { MATCH (m:ParleyMerge) RETURN count(m) AS merges }
CALL () { MATCH (d:ParleyDismissal) RETURN count(d) AS dismissals }
CALL () { MATCH (t:ParleyMergedAway) RETURN count(t) AS tombstones }
CALL () { MATCH (s:ParleySettings) RETURN count(s) AS settings }
RETURN all - snapshots - internal - merges - dismissals - tombstones - settings AS count
