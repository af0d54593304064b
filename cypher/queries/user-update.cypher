// title: Change a Parley account
// description: Sets the role and/or the password hash of the account $name (a null leaves it as it is); no row when there is no such account.
// params: {"name": "alice", "role": "admin", "hash": null}
MATCH (u:ParleyUser {name: $name})
SET u.role = coalesce($role, u.role), u.hash = coalesce($hash, u.hash), u.updated = toString(datetime())
RETURN u.name AS name, u.role AS role
