// title: Who met whom
// description: Every pair of people who attended the same meeting, with the meeting and its date; returns the people, the meeting and the attendance relationships so the console can draw them. $person (an id such as person:sonata-coulter, or null for everyone) narrows it to one person's meetings.
// params: {"person": null}
// expect: rows >= 1
// expect: some person = "Aleksandr Darchiyev"
// expect: some met = "Sonata Coulter"
// expect: edges >= 2
MATCH (a:Person)-[r1:ATTENDED]->(m:Meeting)<-[r2:ATTENDED]-(b:Person)
WHERE a.id < b.id AND ($person IS NULL OR $person IN [a.id, b.id])
RETURN a.name AS person, b.name AS met, m.name AS meeting, m.date AS date, a, r1, m, r2, b
ORDER BY date, person, met
