// title: Record an import's progress
// description: Rows done so far and a heartbeat, so that a running import is told from one left by a killed process.
// params: {"id": "imp-example", "done": 0, "now": "2025-01-01T00:00:00.000Z"}
MATCH (i:ParleyImport {id: $id})
SET i.done = $done, i.heartbeatAt = $now
RETURN i.status AS status
