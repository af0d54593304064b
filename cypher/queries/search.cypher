// title: Search names and aliases
// description: Full-text search with the index $index (entity_search: names, aliases and descriptions of Parley's model; parley_search: every string property of every label) ($lucene is a Lucene query the server builds from the user's words, with special characters escaped).
// params: {"index": "entity_search", "lucene": "darchiev* OR darchiev~", "limit": 10}
CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $limit}) YIELD node, score
WHERE NOT node:Snapshot AND NOT node:ParleySettings
RETURN node, score
ORDER BY score DESC, node.name
LIMIT $limit
