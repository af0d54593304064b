// title: Labels and relationship types in use
// description: The node labels and relationship types the database holds, from its token store, without reading a node or a relationship. The server tells a database Parley wrote from a foreign one by its labels (then id look-ups may need the label-free fallback).
// params: {}
// expect: rows = 1
CALL () {
  CALL db.labels() YIELD label
  RETURN collect(label) AS labels
}
CALL () {
  CALL db.relationshipTypes() YIELD relationshipType
  RETURN collect(relationshipType) AS types
}
RETURN labels, types
