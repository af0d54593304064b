// title: Pre-images of an import
// description: A batch of the stored values an import changed (one JSON string per node or relationship), to put back when the import is undone.
// params: {"importId": "imp-example", "limit": 1000}
MATCH (p:ParleyPreImage {importId: $importId})
RETURN elementId(p) AS pid, p.kind AS kind, p.label AS label, p.itemId AS itemId, p.type AS type,
       p.source AS source, p.sourceLabel AS sourceLabel, p.target AS target, p.targetLabel AS targetLabel,
       p.before AS before, p.addedLabels AS addedLabels
LIMIT $limit
