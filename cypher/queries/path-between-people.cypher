// title: The path between two people
// description: The shortest chain of relationships (in either direction, at most 6) between the nodes with ids $from and $to, e.g. two people; every node and relationship on it is drawn. The labels let Neo4j find both ends through their indexes.
// params: {"from": "person:sonata-coulter", "to": "person:donald-trump"}
// expect: rows = 1
// expect: every hops <= 6
// expect: nodes >= 3
MATCH (a:Person|Agency|Meeting|Issue|Place {id: $from}), (b:Person|Agency|Meeting|Issue|Place {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE none(x IN nodes(p) WHERE x:Snapshot OR x:Source)
RETURN p, length(p) AS hops
