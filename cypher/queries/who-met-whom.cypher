// title: Who met whom
// description: The node with element id $elementId and, when it is a person, everyone who attended a meeting with them (`met`, by name), each with the shared meetings, their places and the attendance relationships (whose quotes are the evidence). One query: the node comes back even when it met nobody or is not a person, so the server needs no second look-up.
// params: {"elementId": ""}
MATCH (p) WHERE elementId(p) = $elementId
CALL (p) {
  MATCH (p:Person)-[a1:ATTENDED]->(m:Meeting)<-[a2:ATTENDED]-(other:Person)
  WHERE other <> p
  OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
  WITH other, m, a1, a2, collect(DISTINCT pl) AS places
  ORDER BY m.date, m.id
  WITH other, collect({meeting: m, places: places, mine: a1, theirs: a2}) AS meetings
  ORDER BY other.name
  RETURN collect({other: other, meetings: meetings}) AS met
}
RETURN p, met
