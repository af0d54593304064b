// title: Lock two nodes for a merge
// description: Takes the write locks of the nodes with element ids $ids (a property set and removed in one transaction changes nothing), so two merges of one node cannot interleave.
// params: {"ids": []}
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
SET n.parleyLock = true
REMOVE n.parleyLock
RETURN count(n) AS locked
