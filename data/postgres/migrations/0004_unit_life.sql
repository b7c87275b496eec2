-- A unit's whole life: an item card's VIN rule, GTIN and warranty; each
-- unit's warranty end (NULL: none), a column of its own so that the search
-- selects by it; service notes among the history lines, with their text in
-- any case (note_key, computed by Serialdesk) and the day they are about.
ALTER TABLE items
	ADD COLUMN vin boolean NOT NULL DEFAULT false,
	ADD COLUMN gtin text NOT NULL DEFAULT '',
	ADD COLUMN warranty_months integer NOT NULL DEFAULT 0,
	ADD COLUMN warranty_from smallint NOT NULL DEFAULT 0;
ALTER TABLE serials ADD COLUMN warranty date;
ALTER TABLE events
	ADD COLUMN note text NOT NULL DEFAULT '',
	ADD COLUMN note_key text NOT NULL DEFAULT '',
	ADD COLUMN note_date date;
CREATE INDEX events_notes ON events (item, serial, at, id) WHERE note <> '';
-- Returns to the supplier: counted per item, and kept whole like orders.
ALTER TABLE stock ADD COLUMN to_supplier bigint NOT NULL DEFAULT 0;
CREATE TABLE supplier_returns (
	id           bigint PRIMARY KEY,
	date         date NOT NULL,
	supplier     text NOT NULL,
	reference    text NOT NULL,
	units        integer NOT NULL,
	cancelled_at timestamptz,
	body         jsonb NOT NULL
);
-- Customers and suppliers (kind 1 and 2), and which one each document
-- names (0: none, or a document from before parties, found by its name).
CREATE TABLE parties (
	id   bigint PRIMARY KEY,
	kind smallint NOT NULL,
	body jsonb NOT NULL
);
ALTER TABLE receipts ADD COLUMN supplier_id bigint NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN customer_id bigint NOT NULL DEFAULT 0;
ALTER TABLE supplier_returns ADD COLUMN supplier_id bigint NOT NULL DEFAULT 0;
