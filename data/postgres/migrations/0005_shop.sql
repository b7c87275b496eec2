-- The shop's details its papers print at their head: one row.
CREATE TABLE shop (
	id   smallint PRIMARY KEY CHECK (id = 1),
	body jsonb NOT NULL
);
