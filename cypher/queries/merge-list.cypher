// title: Merge records, newest first
// description: At most $limit ParleyMerge records (without their plans), newest first.
// params: {"limit": 200}
MATCH (r:ParleyMerge)
RETURN r {.*, plan: null} AS r
ORDER BY r.at DESC, r.id
LIMIT $limit
