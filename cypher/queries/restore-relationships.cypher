// title: Restore: create relationships
// description: Creates a batch of relationships from a backup between nodes already restored (by their new element ids), with their exact type and properties.
// params: {"rels": [{"a": "4:x:0", "type": "KNOWS", "b": "4:x:1", "props": {}}]}
UNWIND $rels AS r
MATCH (a) WHERE elementId(a) = r.a
MATCH (b) WHERE elementId(b) = r.b
CREATE (a)-[x:$(r.type)]->(b)
SET x = r.props
RETURN count(x) AS created
