// title: Meetings by issue
// description: The meetings that discussed an issue, or are planned to address it, oldest first; $issue is an issue id such as issue:diplomatic-banking-arrangements, or null for every issue.
// params: {"issue": "issue:diplomatic-banking-arrangements"}
// expect: rows = 3
// expect: every issue = "Diplomatic banking arrangements"
// expect: some how = "ADDRESSES"
MATCH (m:Meeting)-[r:DISCUSSED|ADDRESSES]->(i:Issue)
WHERE $issue IS NULL OR i.id = $issue
RETURN i.name AS issue, m.name AS meeting, m.date AS date, type(r) AS how, m, r, i
ORDER BY issue, date IS NULL, date
