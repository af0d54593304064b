// title: Nodes by element id
// description: The nodes with these element ids ($ids), in no particular order: a seek per id, whatever the database's size.
// params: {"ids": []}
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
RETURN n
