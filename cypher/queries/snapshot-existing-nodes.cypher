// title: Which snapshot nodes still exist
// description: Of the node ids $ids (API ids: the `id` property or the element id), those that still name a node outside snapshots. Each id is looked up through the `id` index of Parley's labels and as an element id, so the cost follows the snapshot, not the database (snapshot-existing-nodes-any covers foreign labels).
// params: {"ids": ["person:sonata-coulter", "person:nobody"]}
// expect: rows = 1
// expect: every id = "person:sonata-coulter"
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Person|Agency|Meeting|Issue|Place|Source {id: id}) RETURN n
  UNION
  MATCH (n) WHERE elementId(n) = id AND NOT n:Snapshot RETURN n
}
RETURN DISTINCT id
