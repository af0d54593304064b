// title: Neighbours of a label
// description: Any database: the nodes linked to nodes of the label $label (e.g. "Movie" or "Meeting"), most linked first, with their labels, the relationship types that link them and how many $label nodes they touch.
// params: {"label": "Meeting", "limit": 25}
// expect: rows >= 5
// expect: columns = neighbour, labels, types, links
// expect: some types contains "ATTENDED"
// expect: every links >= 1
MATCH (n:$($label))-[r]-(m)
WHERE NOT m:Snapshot AND NOT m:ParleySettings
WITH m, collect(DISTINCT type(r)) AS types, count(DISTINCT n) AS links
ORDER BY links DESC, elementId(m)
LIMIT $limit
RETURN m AS neighbour, labels(m) AS labels, types, links
