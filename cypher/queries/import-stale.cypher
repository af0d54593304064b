// title: Imports left unfinished
// description: Imports still running or rolling back whose heartbeat is older than the given time: their process died, so they are undone.
// params: {"before": "2025-01-01T00:00:00.000Z"}
MATCH (i:ParleyImport)
WHERE i.status IN ['running', 'rolling-back'] AND i.heartbeatAt < $before
RETURN i.id AS id
ORDER BY i.startedAt
