// title: Backup: every node
// description: Every node with its labels and properties, Parley's bookkeeping included, for `npm run backup` (the key is the element id, only used to join the relationships of the same backup).
// params: {}
MATCH (n)
RETURN elementId(n) AS k, labels(n) AS labels, properties(n) AS props
