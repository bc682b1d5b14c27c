-- The first statement succeeds, the second fails: the whole file must roll back.
CREATE TABLE migrator_probe_partial (id INTEGER PRIMARY KEY);
CREATE TABLE migrator_probe_partial (id INTEGER PRIMARY KEY);
