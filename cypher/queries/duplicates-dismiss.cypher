// title: Mark a pair "not the same"
// description: Records that the nodes with API ids $a and $b are different entities ($key is the unordered pair); recording it twice keeps the first record.
// params: {"key": "a|b", "a": "person:a", "b": "person:b", "at": "2025-01-01T00:00:00.000Z", "by": null}
MERGE (d:ParleyDismissal {key: $key})
ON CREATE SET d.a = $a, d.b = $b, d.at = $at, d.by = $by, d.created = true
WITH d, d.created AS created
REMOVE d.created
RETURN d.a AS a, d.b AS b, d.at AS at, d.by AS by, coalesce(created, false) AS created
