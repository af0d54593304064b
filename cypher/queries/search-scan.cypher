// title: Search by scanning captions
// description: Search without a full-text index: scans at most $scanLimit nodes of the labels $labels and keeps those whose caption property ($captions: label → property) contains every one of $words (lower-case), case ignored. Returns how many nodes it scanned (more than $scanLimit means it stopped at the cap) and at most $limit matches.
// params: {"labels": ["Movie"], "captions": {"Movie": "title"}, "words": ["matrix"], "scanLimit": 20000, "limit": 10}
MATCH (n)
WHERE any(l IN labels(n) WHERE l IN $labels)
WITH n LIMIT $scanLimit + 1
WITH n, [l IN labels(n) WHERE l IN $labels AND $captions[l] IS NOT NULL | n[$captions[l]]] AS values
WITH n, [v IN values WHERE v IS :: STRING | toLower(v)] AS texts
WITH count(n) AS scanned,
  collect(CASE WHEN size(texts) > 0 AND all(w IN $words WHERE any(t IN texts WHERE t CONTAINS w)) THEN n END) AS hits
RETURN scanned, hits[0..$limit * 5] AS hits
