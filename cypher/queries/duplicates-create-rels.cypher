// title: Create relationships between nodes given by element id
// description: For each row, a relationship of type row.type (validated by the server, passed as a value) from the node row.start to the node row.end with the properties row.properties; answers their element ids in row order.
// params: {"rows": []}
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.properties
RETURN i, elementId(r) AS elementId
ORDER BY i
