// title: Start an import record
// description: The record of one import (status running), written before any of its data; kept out of the explorer. A killed import is found by its status and stale heartbeat and undone at the next start.
// params: {"id": "imp-example", "files": ["nodes.csv"], "by": null, "rule": "keep", "now": "2025-01-01T00:00:00.000Z", "total": 0}
CREATE (i:ParleyInternal:ParleyImport {
  id: $id,
  status: 'running',
  files: $files,
  by: $by,
  rule: $rule,
  startedAt: $now,
  heartbeatAt: $now,
  finishedAt: null,
  done: 0,
  total: $total,
  counts: null,
  error: null
})
RETURN i.id AS id
