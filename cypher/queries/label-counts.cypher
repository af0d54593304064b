// title: Labels and relationship types, counted
// description: Any database: how many nodes carry each label and how many relationships have each type, largest first (kind is "label" or "relationship type").
// params: {}
// expect: rows >= 8
// expect: columns = kind, name, count
// expect: some name = "Person"
// expect: some name = "ATTENDED"
CALL () {
  CALL db.labels() YIELD label
  WITH label WHERE NOT label IN ['Snapshot', 'ParleySettings']
  CALL (label) { MATCH (n:$(label)) RETURN count(n) AS count }
  RETURN 'label' AS kind, label AS name, count
  UNION ALL
  CALL db.relationshipTypes() YIELD relationshipType
  CALL (relationshipType) { MATCH ()-[r:$(relationshipType)]->() RETURN count(r) AS count }
  RETURN 'relationship type' AS kind, relationshipType AS name, count
}
RETURN kind, name, count
ORDER BY kind, count DESC, name
