// title: Resolve an API id
// description: The element id of the node whose API id is $id: its `id` property, or else its element id; an id merged into another node (`mergedIds`) resolves to the node that kept it.
// params: {"id": "person:sonata-coulter"}
MATCH (n)
WHERE (n.id = $id OR elementId(n) = $id OR $id IN n.mergedIds)
  AND NOT n:Snapshot AND NOT n:ParleyMergedAway AND NOT n:ParleyMerge AND NOT n:ParleyDismissal
RETURN elementId(n) AS elementId
ORDER BY CASE WHEN n.id = $id OR elementId(n) = $id THEN 0 ELSE 1 END
LIMIT 1
