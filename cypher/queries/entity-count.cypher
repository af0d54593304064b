// title: How many entities, and how many relationships
// description: The nodes the explorer can draw (every node but sources, snapshots and Parley's bookkeeping) and every relationship, from Neo4j's count store: no node is read, at any size. The overview's "N of M shown" and the key of its cache.
// params: {}
// expect: rows = 1
// expect: columns = entities, relationships
CALL () { MATCH (n) RETURN count(n) AS all }
CALL () { MATCH (s:Snapshot) RETURN count(s) AS snapshots }
CALL () { MATCH (s:Source) RETURN count(s) AS sources }
CALL () { MATCH (i:ParleyInternal) RETURN count(i) AS internal }
CALL () { MATCH (m:ParleyMerge) RETURN count(m) AS merges }
CALL () { MATCH (d:ParleyDismissal) RETURN count(d) AS dismissals }
CALL () { MATCH (t:ParleyMergedAway) RETURN count(t) AS tombstones }
CALL () { MATCH (s:ParleySettings) RETURN count(s) AS settings }
CALL () { MATCH (u:ParleyUser) RETURN count(u) AS users }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN all - snapshots - sources - internal - merges - dismissals - tombstones - settings - users AS entities, relationships
