// title: Relationships by element id
// description: The relationships whose element ids are $ids, as they are now (an undo checks that nothing changed them).
// params: {"ids": []}
UNWIND $ids AS id
MATCH ()-[r]->() WHERE elementId(r) = id
RETURN r
