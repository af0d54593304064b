// title: A Parley account
// description: The account named $name (accounts on): its role and password hash. ParleyUser nodes are Parley's bookkeeping, left out of the graph, search and schema.
// params: {"name": "alice"}
MATCH (u:ParleyUser {name: $name})
RETURN u.name AS name, u.role AS role, u.hash AS hash
