// title: Backup: indexes
// description: Every index but the built-in look-up indexes and those a constraint owns, with the statement that creates it, for `npm run backup`.
// params: {}
SHOW INDEXES YIELD name, type, owningConstraint, createStatement
WHERE type <> 'LOOKUP' AND owningConstraint IS NULL
RETURN name, createStatement
