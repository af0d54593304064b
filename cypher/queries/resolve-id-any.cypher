// title: Resolve an API id in any database
// description: The element id of the node, with any label, whose `id` property is $id (snapshots left out). It reads every node, so the server runs it only on a database that has labels Parley does not write (a foreign database, README "Another Neo4j") and only when resolve-id found nothing.
// params: {"id": "person:sonata-coulter"}
MATCH (n)
WHERE n.id = $id AND NOT n:Snapshot AND none(l IN labels(n) WHERE l STARTS WITH 'Parley')
RETURN elementId(n) AS elementId
LIMIT 1
