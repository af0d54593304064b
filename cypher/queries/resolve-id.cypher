// title: Resolve an API id
// description: The element id of the node whose API id is $id: its `id` property, or else its element id.
// params: {"id": "person:sonata-coulter"}
MATCH (n)
WHERE (n.id = $id OR elementId(n) = $id) AND NOT n:Snapshot AND NOT n:ParleyInternal
RETURN elementId(n) AS elementId
LIMIT 1
