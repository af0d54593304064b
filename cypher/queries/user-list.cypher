// title: Parley accounts
// description: Every account with its role and creation date, by name (never the password hashes).
// params: {}
MATCH (u:ParleyUser)
RETURN u.name AS name, u.role AS role, u.created AS created
ORDER BY name
