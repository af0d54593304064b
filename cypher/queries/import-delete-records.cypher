// title: Drop undone import records
// description: Deletes an import's pre-image and creation records once they have been undone.
// params: {"pids": []}
MATCH (p:ParleyInternal)
WHERE elementId(p) IN $pids
DELETE p
