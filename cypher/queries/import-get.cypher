// title: One import record
// description: An import's record by id.
// params: {"id": "imp-example"}
MATCH (i:ParleyImport {id: $id})
RETURN i.id AS id, i.status AS status, i.files AS files, i.by AS by, i.rule AS rule, i.startedAt AS startedAt,
       i.finishedAt AS finishedAt, i.heartbeatAt AS heartbeatAt, i.done AS done, i.total AS total,
       i.counts AS counts, i.error AS error
