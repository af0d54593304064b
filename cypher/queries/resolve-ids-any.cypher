// title: Resolve API ids, in any database
// description: For each of the API ids $ids (the `id` property or the element id), the element id of the node it names, whatever its labels (outside snapshots and Parley's bookkeeping). It reads every node, so the server runs it only on a database with labels Parley does not write, for the ids resolve-ids did not find.
// params: {"ids": ["person:sonata-coulter", "person:nobody"]}
MATCH (n)
WHERE NOT n:Snapshot AND none(l IN labels(n) WHERE l STARTS WITH 'Parley') AND (n.id IN $ids OR elementId(n) IN $ids)
UNWIND [x IN [n.id, elementId(n)] WHERE x IN $ids] AS id
RETURN DISTINCT id, elementId(n) AS elementId
