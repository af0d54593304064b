// title: A node that can take part in a merge
// description: The live entity node whose API id is $id (its `id` property, else its element id), with how it was found; or, when none has it, the node that absorbed $id in an earlier merge (`mergedIds`).
// params: {"id": "person:sonata-coulter"}
OPTIONAL MATCH (n)
WHERE (n.id = $id OR elementId(n) = $id)
  AND NOT n:Snapshot AND NOT n:ParleyMerge AND NOT n:ParleyDismissal AND NOT n:ParleyMergedAway
WITH n LIMIT 1
OPTIONAL MATCH (k)
WHERE n IS NULL AND $id IN k.mergedIds AND NOT k:ParleyMergedAway
WITH n, k LIMIT 1
RETURN n, k AS mergedInto
