// title: Restore: create nodes
// description: Creates a batch of nodes from a backup with their exact labels and properties, and returns the new element id of each backup key.
// params: {"nodes": [{"k": "4:x:0", "labels": ["Person"], "props": {"id": "person:example"}}]}
UNWIND $nodes AS n
CREATE (x)
SET x = n.props
SET x:$(n.labels)
RETURN n.k AS k, elementId(x) AS e
