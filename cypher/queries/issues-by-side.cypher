// title: Issues raised by each side
// description: The issues each actor raised, imposed or seeks, with the government it speaks for (through REPRESENTS or MEMBER_OF) as its side; actors with no government link are their own side.
// params: {}
// expect: rows >= 4
// expect: some side = "Russia"
// expect: some side = "United States"
// expect: some issue = "Restrictions on employing local staff"
MATCH (actor)-[r:RAISED|IMPOSED|SEEKS]->(i:Issue)
OPTIONAL MATCH (actor)-[:REPRESENTS|MEMBER_OF]->(gov:Agency {kind: 'government'})
WITH actor, r, i, head(collect(gov.name)) AS government
RETURN coalesce(government, actor.name) AS side, actor.name AS who, type(r) AS how, i.name AS issue, actor, r, i
ORDER BY side, issue
