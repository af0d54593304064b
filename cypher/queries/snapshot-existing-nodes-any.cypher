// title: Which snapshot nodes still exist, in any database
// description: Of the node ids $ids (API ids: the `id` property or the element id), those that still name a node outside snapshots, whatever its labels. It reads every node, so the server runs it only on a database with labels Parley does not write, for the ids snapshot-existing-nodes did not find.
// params: {"ids": ["person:sonata-coulter", "person:nobody"]}
MATCH (n)
WHERE NOT n:Snapshot AND (n.id IN $ids OR elementId(n) IN $ids)
UNWIND [x IN [n.id, elementId(n)] WHERE x IN $ids] AS id
RETURN DISTINCT id
