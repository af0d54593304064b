// title: A Parley setting
// description: The JSON value of Parley's setting $key, kept in a ParleySettings node of the database (so it is remembered per database); no row when it was never saved.
// params: {"key": "example-never-saved"}
MATCH (s:ParleySettings {key: $key})
RETURN s.value AS value
