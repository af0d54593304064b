// title: Set some properties of nodes and relationships
// description: For each row, adds the properties of row.set (a null value removes the key) to the node or relationship with element id row.elementId (row.kind "node" or "rel"). Used by merges and their undo.
// params: {"rows": []}
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (n) WHERE row.kind = 'node' AND elementId(n) = row.elementId
  OPTIONAL MATCH ()-[r]->() WHERE row.kind = 'rel' AND elementId(r) = row.elementId
  FOREACH (x IN CASE WHEN n IS NULL THEN [] ELSE [n] END | SET x += row.set)
  FOREACH (x IN CASE WHEN r IS NULL THEN [] ELSE [r] END | SET x += row.set)
  RETURN CASE WHEN n IS NULL AND r IS NULL THEN 0 ELSE 1 END AS found
}
RETURN sum(found) AS found
