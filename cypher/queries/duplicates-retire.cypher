// title: Retire a merged node
// description: The node with element id $elementId loses its labels $labels and becomes a ParleyMergedAway tombstone: no relationships, its properties untouched, so an undo can restore it exactly. Graph and search queries leave tombstones out.
// params: {"elementId": "", "labels": []}
MATCH (m) WHERE elementId(m) = $elementId
REMOVE m:$($labels)
SET m:ParleyMergedAway
RETURN elementId(m) AS elementId
