// title: Save a Parley setting
// description: Saves the JSON value of Parley's setting $key in its ParleySettings node (created the first time). Graph, search and schema queries leave ParleySettings nodes out.
// params: {"key": "captions", "value": "{}"}
MERGE (s:ParleySettings {key: $key})
SET s.value = $value, s.updated = toString(datetime())
RETURN s.value AS value
