// title: Which snapshot edges still exist
// description: Of the relationship ids $ids (the `id` property or the element id), those that still name a relationship.
// params: {"ids": ["person:sonata-coulter|ATTENDED|meeting:istanbul-2025-02-27"]}
MATCH ()-[r]->()
WHERE r.id IN $ids OR elementId(r) IN $ids
UNWIND [x IN [r.id, elementId(r)] WHERE x IN $ids] AS id
RETURN DISTINCT id
