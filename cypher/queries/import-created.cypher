// title: What an import created
// description: A batch of the records of what an import created (node ids per label, relationship keys per pair of end labels), to remove when the import is undone.
// params: {"importId": "imp-example", "kind": "node", "limit": 100}
MATCH (c:ParleyCreated {importId: $importId})
WHERE c.kind = $kind
RETURN elementId(c) AS pid, c.label AS label, c.ids AS ids, c.sourceLabel AS sourceLabel,
       c.targetLabel AS targetLabel, c.rows AS rows
LIMIT $limit
