// title: Update a merge record
// description: Adds the properties $set to the ParleyMerge record $id (an undo marks it undone).
// params: {"id": "", "set": {}}
MATCH (r:ParleyMerge {id: $id})
SET r += $set
RETURN r
