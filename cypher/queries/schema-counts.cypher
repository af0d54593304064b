// title: Labels and relationship types with counts
// description: Every label and relationship type in the database, with how many nodes or relationships carry it (snapshots and Parley's merge records left out).
// params: {}
CALL () {
  MATCH (n) WHERE NOT n:Snapshot AND NOT n:ParleyInternal AND NOT n:ParleyMerge AND NOT n:ParleyDismissal
    AND NOT n:ParleyMergedAway
  UNWIND labels(n) AS label
  WITH label, count(*) AS c ORDER BY label
  RETURN collect({label: label, count: c}) AS labels
}
CALL () {
  MATCH ()-[r]->()
  WITH type(r) AS type, count(*) AS c ORDER BY type
  RETURN collect({type: type, count: c}) AS types
}
RETURN labels, types
