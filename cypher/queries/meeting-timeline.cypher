// title: Timeline of meetings
// description: Every meeting in date order (undated, planned ones last), with where it was held, what it follows and how many issues it took up.
// params: {}
// expect: rows = 3
// expect: some place = "Istanbul"
// expect: some status = "planned"
MATCH (m:Meeting)
OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
OPTIONAL MATCH (m)-[:FOLLOWS]->(prev:Meeting)
RETURN m.date AS date, m.name AS meeting, m.status AS status, pl.name AS place, prev.name AS follows,
       COUNT { (m)-[:DISCUSSED|ADDRESSES]->(:Issue) } AS issues
ORDER BY m.date IS NULL, m.date
