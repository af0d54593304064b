// title: Which snapshot edges still exist, in any database
// description: Of the relationship ids $ids (the `id` property or the element id), those that still name a relationship. It reads every relationship, so the server runs it only on a database with labels Parley does not write, for the ids snapshot-existing-edges did not find.
// params: {"ids": ["person:sonata-coulter|ATTENDED|meeting:istanbul-2025-02-27"]}
MATCH ()-[r]->()
WHERE r.id IN $ids OR elementId(r) IN $ids
UNWIND [x IN [r.id, elementId(r)] WHERE x IN $ids] AS id
RETURN DISTINCT id
