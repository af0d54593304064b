// title: Sources by id, with their text
// description: The stored sources that an import's evidence cites without giving them, to check its quotes.
// params: {"ids": ["source:us-russia-embassy-talks-istanbul"]}
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s.id AS id, s.text AS text
