// title: Pairs marked "not the same"
// description: Every pair of node ids a reviewer said are different entities; the duplicate finder never proposes them again.
// params: {}
MATCH (d:ParleyDismissal)
RETURN d.a AS a, d.b AS b
