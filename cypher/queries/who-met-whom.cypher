// title: Who met whom
// description: The node with element id $elementId and, when it is a person, the people who attended a meeting with them (`met`): at most $limit of them, most shared meetings first, then by name (`total`: how many in all), each with at most $meetings shared meetings (by date; `shared`: how many in all), their places and the attendance relationships (whose quotes are the evidence). $with (a Parley id, or null) keeps only that person. Bounded on purpose: a delegate of a 5,000-person summit met 5,000 people, and answering all of them with every meeting and quote was 9 MB per request. One query: the node comes back even when it met nobody or is not a person.
// params: {"elementId": "", "limit": 100, "meetings": 20, "with": null}
MATCH (p) WHERE elementId(p) = $elementId
CALL (p) {
  MATCH (p:Person)-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(other:Person)
  WHERE other <> p AND ($with IS NULL OR other.id = $with)
  WITH other, count(DISTINCT m) AS shared
  ORDER BY shared DESC, other.name
  WITH collect({other: other, shared: shared}) AS everyone
  RETURN size(everyone) AS total, everyone[0..$limit] AS top
}
CALL (p, top) {
  WITH p, [t IN top | t.other] AS others
  MATCH (p:Person)-[a1:ATTENDED]->(m:Meeting)<-[a2:ATTENDED]-(other:Person)
  WHERE other IN others
  OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
  WITH other, m, a1, a2, collect(DISTINCT pl) AS places
  ORDER BY m.date, m.id
  WITH other, count(DISTINCT m) AS shared, collect({meeting: m, places: places, mine: a1, theirs: a2}) AS all
  ORDER BY shared DESC, other.name
  RETURN collect({other: other, shared: shared, meetings: all[0..$meetings]}) AS met
}
RETURN p, met, total
