// title: Which snapshot edges still exist
// description: Of the relationship ids $ids, those that still name a relationship: Parley's ids (`source|TYPE|target`) are found from their source node, through its `id` index, and other ids as element ids, so the cost follows the snapshot, not the database (snapshot-existing-edges-any covers foreign ids).
// params: {"ids": ["person:sonata-coulter|ATTENDED|meeting:istanbul-2025-02-27"]}
UNWIND $ids AS id
CALL (id) {
  WITH id, split(id, '|') AS parts
  WHERE size(parts) = 3
  MATCH (a:Person|Agency|Meeting|Issue|Place|Source {id: parts[0]})-[r]->()
  WHERE type(r) = parts[1] AND r.id = id
  RETURN r
  UNION
  MATCH ()-[r]->() WHERE elementId(r) = id RETURN r
}
RETURN DISTINCT id
