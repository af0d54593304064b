// title: Delete relationships by element id
// description: Deletes the relationships whose element ids are $ids; answers how many there were.
// params: {"ids": []}
UNWIND $ids AS id
MATCH ()-[r]->() WHERE elementId(r) = id
DELETE r
RETURN count(*) AS deleted
