// title: How many entities
// description: The number of nodes that are not snapshots (the server loads the seed when it is 0).
// params: {}
MATCH (n) WHERE NOT n:Snapshot AND NOT n:ParleySettings
RETURN count(n) AS count
