// title: Revive a merged node
// description: The tombstone with element id $elementId gets its labels $labels back (undo of a merge).
// params: {"elementId": "", "labels": []}
MATCH (m:ParleyMergedAway) WHERE elementId(m) = $elementId
REMOVE m:ParleyMergedAway
SET m:$($labels)
RETURN elementId(m) AS elementId
