// title: Finish an import record
// description: Sets an import's status (committed, rolling-back, failed, undone) with its counts or error.
// params: {"id": "imp-example", "status": "committed", "now": "2025-01-01T00:00:00.000Z", "counts": null, "error": null}
MATCH (i:ParleyImport {id: $id})
SET i.status = $status, i.finishedAt = $now, i.heartbeatAt = $now,
    i.counts = coalesce($counts, i.counts), i.error = $error
RETURN i.status AS status
