// title: Two nodes and every relationship touching them
// description: The nodes with element ids $keep and $merge and every relationship that touches either (each once), as a merge reads them before it plans.
// params: {"keep": "", "merge": ""}
MATCH (k) WHERE elementId(k) = $keep
MATCH (m) WHERE elementId(m) = $merge
CALL (k, m) {
  UNWIND [k, m] AS n
  MATCH (n)-[r]-()
  RETURN collect(DISTINCT r) AS rels
}
RETURN k, m, rels
