// title: Resolve API ids
// description: For each of the API ids $ids (the `id` property or the element id), the element id of the node it names, outside snapshots and Parley's bookkeeping. Each id is looked up through the `id` index of Parley's labels and as an element id, so the cost follows the list, not the database (resolve-ids-any covers foreign labels). Used for snapshots' missing nodes and for the relationships among the nodes in view.
// params: {"ids": ["person:sonata-coulter", "person:nobody"]}
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Person|Agency|Meeting|Issue|Place|Source {id: id}) RETURN n
  UNION
  MATCH (n) WHERE elementId(n) = id AND NOT n:Snapshot AND none(l IN labels(n) WHERE l STARTS WITH 'Parley')
  RETURN n
}
RETURN DISTINCT id, elementId(n) AS elementId
