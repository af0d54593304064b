// title: Who met whom
// description: Everyone who attended a meeting with the person whose element id is $elementId, each with the shared meetings, their places and the attendance relationships (whose quotes are the evidence).
// params: {"elementId": ""}
MATCH (p:Person) WHERE elementId(p) = $elementId
MATCH (p)-[a1:ATTENDED]->(m:Meeting)<-[a2:ATTENDED]-(other:Person)
WHERE other <> p
OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
WITH p, other, m, a1, a2, collect(DISTINCT pl) AS places
ORDER BY m.date, m.id
RETURN other, collect({meeting: m, places: places, mine: a1, theirs: a2}) AS meetings
ORDER BY other.name
