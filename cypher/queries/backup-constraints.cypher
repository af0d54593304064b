// title: Backup: constraints
// description: Every constraint with the statement that creates it, for `npm run backup`.
// params: {}
SHOW CONSTRAINTS YIELD name, createStatement
RETURN name, createStatement
