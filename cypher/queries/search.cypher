// title: Search names and aliases
// description: Full-text search over names, aliases and descriptions ($lucene is a Lucene query the server builds from the user's words, with special characters escaped).
// params: {"lucene": "darchiev* OR darchiev~", "limit": 10}
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $limit}) YIELD node, score
RETURN node, score
ORDER BY score DESC, node.name
LIMIT $limit
