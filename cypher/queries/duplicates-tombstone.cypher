// title: A merged node's tombstone
// description: The ParleyMergedAway node with element id $elementId, and any live node that now has its API id $id (which would stop an undo).
// params: {"elementId": "", "id": ""}
OPTIONAL MATCH (m:ParleyMergedAway) WHERE elementId(m) = $elementId
OPTIONAL MATCH (other)
WHERE other.id = $id AND NOT other:ParleyMergedAway AND NOT other:Snapshot AND elementId(other) <> $elementId
RETURN m, count(other) AS clashes
