-- An item card's revision and who changed it last, so that two counters
-- editing the same card do not overwrite each other unseen.
ALTER TABLE items
	ADD COLUMN revision integer NOT NULL DEFAULT 0,
	ADD COLUMN changed timestamptz,
	ADD COLUMN changed_by text NOT NULL DEFAULT '';
