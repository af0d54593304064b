// title: A source document
// description: The Source node with id $id, with its full text.
// params: {"id": "source:us-russia-embassy-talks-istanbul"}
MATCH (s:Source {id: $id})
RETURN s
