// title: Remove a Parley account
// description: Removes the account $name; its sessions end within a minute. Records it made keep its name.
// params: {"name": "alice"}
MATCH (u:ParleyUser {name: $name})
DETACH DELETE u
RETURN count(*) AS removed
