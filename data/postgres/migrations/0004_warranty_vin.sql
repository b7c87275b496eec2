-- An item card's VIN rule, GTIN and warranty; each unit's warranty end
-- (NULL: none), a column of its own so that the search selects by it.
ALTER TABLE items
	ADD COLUMN vin boolean NOT NULL DEFAULT false,
	ADD COLUMN gtin text NOT NULL DEFAULT '',
	ADD COLUMN warranty_months integer NOT NULL DEFAULT 0,
	ADD COLUMN warranty_from smallint NOT NULL DEFAULT 0;
ALTER TABLE serials ADD COLUMN warranty date;
