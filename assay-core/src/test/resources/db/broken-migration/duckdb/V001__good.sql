-- A valid first migration.
CREATE TABLE migrator_probe_good (id INTEGER PRIMARY KEY);
