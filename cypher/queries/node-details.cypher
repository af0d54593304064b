// title: A node and its relationships
// description: The node with element id $elementId and every relationship touching it, with the node at the other end.
// params: {"elementId": ""}
MATCH (n) WHERE elementId(n) = $elementId
OPTIONAL MATCH (n)-[r]-(m)
WHERE NOT m:Snapshot
RETURN n, collect({r: r, m: m}) AS rels
