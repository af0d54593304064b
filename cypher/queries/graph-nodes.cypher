// title: Subgraph nodes
// description: Nodes to draw, most connected first, optionally only some labels. With a date range ($from/$to, YYYY-MM-DD), nodes of the labels $dateLabels are kept only when their date-like property $dateProperty falls in it (a year covers its whole year, 2025-02 its month; undated ones are left out); other labels are unaffected. Parley's default is Meeting.date. Returns $limit + 1 rows so the caller can tell a cut.
// params: {"labels": null, "from": null, "to": null, "dateProperty": "date", "dateLabels": ["Meeting"], "limit": 500}
MATCH (n)
WHERE NOT n:Snapshot AND NOT n:Source AND NOT n:ParleyInternal AND NOT n:ParleyMerge AND NOT n:ParleyDismissal
  AND NOT n:ParleyMergedAway AND NOT n:ParleySettings
  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
WITH n, ($from IS NOT NULL OR $to IS NOT NULL) AND any(l IN labels(n) WHERE l IN $dateLabels) AS dated
WITH n, dated, CASE WHEN dated THEN n[$dateProperty] END AS v
WITH n, dated, CASE
    WHEN v IS NULL THEN null
    WHEN v IS :: INTEGER THEN [toString(v) + '-01-01', toString(v) + '-12-31']
    WHEN v IS :: DATE OR v IS :: LOCAL DATETIME OR v IS :: ZONED DATETIME THEN [toString(date(v)), toString(date(v))]
    WHEN v IS :: STRING AND v =~ '\\d{4}' THEN [v + '-01-01', v + '-12-31']
    WHEN v IS :: STRING AND v =~ '\\d{4}-\\d{2}' THEN [v + '-01', v + '-31']
    WHEN v IS :: STRING AND v =~ '\\d{4}-\\d{2}-\\d{2}.*' THEN [left(v, 10), left(v, 10)]
  END AS span
WHERE NOT dated OR (span IS NOT NULL AND ($from IS NULL OR span[1] >= $from) AND ($to IS NULL OR span[0] <= $to))
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id, elementId(n)
LIMIT $limit + 1
RETURN n
