// title: Later merges touching some ids
// description: Active merges recorded after $at whose kept or merged node is one of $ids (they must be undone first).
// params: {"at": "", "ids": []}
MATCH (r:ParleyMerge)
WHERE r.status = 'merged' AND r.at > $at AND (r.keep IN $ids OR r.merge IN $ids)
RETURN r.id AS id
ORDER BY r.at
