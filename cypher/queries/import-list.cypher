// title: List imports
// description: Every recorded import, newest first: id, files, status, counts (a JSON string), when and by whom.
// params: {"limit": 100}
MATCH (i:ParleyImport)
RETURN i.id AS id, i.status AS status, i.files AS files, i.by AS by, i.rule AS rule, i.startedAt AS startedAt,
       i.finishedAt AS finishedAt, i.done AS done, i.total AS total, i.counts AS counts, i.error AS error
ORDER BY i.startedAt DESC, i.id
LIMIT $limit
