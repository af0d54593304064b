// title: The evidence about someone
// description: Every relationship of the node with id $id (a person, agency, meeting, ...), with the exact quotes that support it and whether it is inferred. The labels let Neo4j find $id through their indexes instead of reading every node.
// params: {"id": "person:sonata-coulter"}
// expect: rows >= 3
// expect: every quotes != []
// expect: some type = "ATTENDED"
MATCH (n:Person|Agency|Meeting|Issue|Place {id: $id})-[r]-(other)
WHERE NOT other:Snapshot AND NOT other:Source
RETURN type(r) AS type, other.name AS counterpart, r.quotes AS quotes, r.inferred AS inferred, r.sourceIds AS sources, n, r, other
ORDER BY type, counterpart
