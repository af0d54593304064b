// title: Most connected nodes
// description: Any database: the nodes with the most relationships (degree), optionally of one label ($label, e.g. "Person", or null for all), with their labels and degree.
// params: {"label": null, "limit": 10}
// expect: rows = 10
// expect: columns = n, labels, degree
// expect: every degree >= 1
// expect: nodes = 10
MATCH (n)
WHERE NOT n:Snapshot AND NOT n:ParleySettings AND ($label IS NULL OR $label IN labels(n))
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, elementId(n)
LIMIT $limit
RETURN n, labels(n) AS labels, degree
