// title: Create a Parley account
// description: Creates the account $name with its role and Argon2id password hash; no row when the name is taken (the uniqueness constraint on ParleyUser.name backs it). ParleyInternal keeps it out of the graph, search, schema and counts.
// params: {"name": "alice", "role": "editor", "hash": "$argon2id$v=19$…", "created": "2026-12-02T08:00:00.000Z"}
MERGE (u:ParleyUser {name: $name})
ON CREATE SET u:ParleyInternal, u.role = $role, u.hash = $hash, u.created = $created, u._new = true
WITH u, coalesce(u._new, false) AS created
REMOVE u._new
WITH u, created
WHERE created
RETURN u.name AS name, u.role AS role
