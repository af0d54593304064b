// title: Resolve a merged-away id
// description: The API id of the node that kept $id when a duplicate merge retired it (the newest merge still in force), through the merge records' index; the server then resolves that id in turn (a chain of merges is followed a few steps). Run only when resolve-id found nothing.
// params: {"id": "person:sonata-coulter"}
MATCH (r:ParleyMerge {merge: $id})
WHERE r.status = 'merged'
RETURN r.keep AS keep
ORDER BY r.at DESC
LIMIT 1
