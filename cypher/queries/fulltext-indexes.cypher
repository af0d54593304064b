// title: Full-text indexes
// description: Every full-text index over nodes, with its state, labels and properties (Parley searches with entity_search or parley_search).
// params: {}
SHOW FULLTEXT INDEXES YIELD name, state, entityType, labelsOrTypes, properties
WHERE entityType = 'NODE'
RETURN name, state, labelsOrTypes AS labels, properties
