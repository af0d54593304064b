// title: Subgraph nodes
// description: Nodes to draw, most connected first, optionally only some labels; meetings outside the date range (or undated, when a range is set) are left out. Returns $limit + 1 rows so the caller can tell a cut.
// params: {"labels": null, "from": null, "to": null, "limit": 500}
MATCH (n)
WHERE NOT n:Snapshot AND NOT n:Source AND NOT n:ParleyInternal AND NOT n:ParleyMerge AND NOT n:ParleyDismissal
  AND NOT n:ParleyMergedAway
  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
  AND ($from IS NULL OR NOT n:Meeting OR (n.date IS NOT NULL AND n.date >= $from))
  AND ($to IS NULL OR NOT n:Meeting OR (n.date IS NOT NULL AND n.date <= $to))
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id, elementId(n)
LIMIT $limit + 1
RETURN n
