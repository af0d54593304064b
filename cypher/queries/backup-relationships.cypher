// title: Backup: every relationship
// description: Every relationship with its type, ends (element ids of the same backup) and properties, for `npm run backup`.
// params: {}
MATCH (a)-[r]->(b)
RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props
