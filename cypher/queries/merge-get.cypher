// title: A merge record
// description: The ParleyMerge record with the id $id.
// params: {"id": "merge-00000000-0000-0000-0000-000000000000"}
MATCH (r:ParleyMerge {id: $id})
RETURN r
