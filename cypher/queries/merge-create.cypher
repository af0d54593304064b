// title: Record a merge
// description: Stores the merge record $record (flat properties; its plan as a JSON string) as a ParleyMerge node.
// params: {"record": {}}
CREATE (r:ParleyMerge)
SET r = $record
RETURN r
