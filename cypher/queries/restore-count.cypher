// title: Restore: is the database empty
// description: How many nodes and relationships the database holds (from the count store), checked before a restore and after it.
// params: {}
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
