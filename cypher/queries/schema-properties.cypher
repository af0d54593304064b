// title: Properties per label (sampled)
// description: For every label (snapshots and Parley's own bookkeeping labels, all starting with Parley, left out), its node count and, over a sample of $sample of its nodes, each property key with the value types seen and how many values look like dates (ISO-like strings: 2025, 2025-02, 2025-02-27, 2025-02-27T10:00…) or years (whole numbers from 1000 to 2100). The server derives each label's caption, string and date-like properties from it.
// params: {"sample": 200}
CALL db.labels() YIELD label
WITH label WHERE label <> 'Snapshot' AND NOT label STARTS WITH 'Parley'
CALL (label) {
  MATCH (n:$(label))
  RETURN count(n) AS count
}
// a label whose last node was deleted stays in the token store: it is not shown
WITH label, count WHERE count > 0
CALL (label) {
  MATCH (n:$(label))
  WITH n LIMIT $sample
  UNWIND keys(n) AS key
  WITH key, n[key] AS v
  WITH key, valueType(v) AS type,
    CASE WHEN v IS :: STRING THEN v =~ '\\d{4}(-\\d{2}(-\\d{2}([T ].*)?)?)?' ELSE false END AS iso,
    CASE WHEN v IS :: INTEGER THEN v >= 1000 AND v <= 2100 ELSE false END AS year
  WITH key, collect(DISTINCT type) AS types, count(*) AS seen,
    sum(CASE WHEN iso THEN 1 ELSE 0 END) AS isoLike, sum(CASE WHEN year THEN 1 ELSE 0 END) AS yearLike
  ORDER BY key
  RETURN collect({key: key, types: types, seen: seen, isoLike: isoLike, yearLike: yearLike}) AS properties
}
RETURN label, count, properties
ORDER BY label
