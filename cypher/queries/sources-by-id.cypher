// title: Source summaries
// description: The Source nodes whose ids are in $ids, without their text.
// params: {"ids": ["source:us-russia-embassy-talks-istanbul"]}
MATCH (s:Source) WHERE s.id IN $ids
RETURN s.id AS id, s.name AS name, s.outlet AS outlet, s.published AS published
ORDER BY s.id
