// title: People by agency
// description: For each agency, delegation or government, the people who lead it, belong to it or represent it, most people first.
// params: {}
// expect: rows >= 3
// expect: some agency = "State Department"
// expect: some people contains "Sonata Coulter"
MATCH (p:Person)-[r:MEMBER_OF|LEADS|REPRESENTS]->(a:Agency)
WITH a, collect(DISTINCT p.name) AS people, collect(DISTINCT type(r)) AS how
RETURN a.name AS agency, a.kind AS kind, people, size(people) AS count, how
ORDER BY count DESC, agency
