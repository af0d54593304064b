// title: Resolve an API id
// description: The element id of the node whose API id is $id: its `id` property, or else its element id. Each of Parley's labels is looked up through its `id` uniqueness constraint (the label disjunction is planned as a union of index seeks) and the element id by a seek, so the cost does not grow with the database (a label-free `(n {id: $id})` scans every node). A database with other labels is searched by resolve-id-any when this finds nothing; an id merged away by a duplicate merge by resolve-merged-id. Parley's bookkeeping nodes (snapshots, merge records, tombstones) are never resolved.
// params: {"id": "person:sonata-coulter"}
CALL () {
  MATCH (n:Person|Agency|Meeting|Issue|Place|Source {id: $id}) RETURN n
  UNION
  MATCH (n) WHERE elementId(n) = $id AND NOT n:Snapshot AND none(l IN labels(n) WHERE l STARTS WITH 'Parley')
  RETURN n
}
RETURN elementId(n) AS elementId
LIMIT 1
