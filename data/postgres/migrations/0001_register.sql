-- The register's records. Keys and the text that is searched "any case"
-- are computed by Serialdesk (item_no_key, name_key, value_key), so that
-- they do not depend on the database's locale.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE sequences (
	name  text PRIMARY KEY,
	value bigint NOT NULL
);

CREATE TABLE items (
	id                     bigint PRIMARY KEY,
	no                     text NOT NULL,
	no_key                 text NOT NULL UNIQUE,
	name                   text NOT NULL,
	price                  bigint NOT NULL,
	use_serial             boolean NOT NULL,
	pattern                text NOT NULL,
	require_at_sale        boolean NOT NULL,
	require_at_purchase    boolean NOT NULL,
	model                  bigint UNIQUE, -- NULL: sells no model
	create_entity          boolean NOT NULL,
	create_on_save         boolean NOT NULL,
	create_on_stock_update boolean NOT NULL,
	serial_param           text NOT NULL
);

CREATE TABLE stock (
	item      bigint PRIMARY KEY,
	purchased bigint NOT NULL,
	sold      bigint NOT NULL,
	returned  bigint NOT NULL
);

-- One row per registered unit. moves holds its receipt, sale and return
-- (received, sold, returned: date, document, party, amount).
CREATE TABLE serials (
	item    bigint NOT NULL,
	serial  text COLLATE "C" NOT NULL,
	state   smallint NOT NULL,
	project bigint NOT NULL,
	moves   jsonb NOT NULL,
	PRIMARY KEY (item, serial)
);
-- The search: by any part of the serial (trigrams), listed by serial.
CREATE INDEX serials_by_part ON serials USING gin (serial gin_trgm_ops);
CREATE INDEX serials_by_serial ON serials (serial, item);

CREATE TABLE events (
	id       bigserial PRIMARY KEY,
	item     bigint NOT NULL,
	serial   text COLLATE "C" NOT NULL,
	at       timestamptz NOT NULL,
	kind     smallint NOT NULL,
	doc_kind smallint NOT NULL,
	doc_id   bigint NOT NULL,
	party    text NOT NULL,
	project  bigint NOT NULL
);
CREATE INDEX events_of_serial ON events (item, serial, at, id);

-- Documents: the list's columns, and the whole document in body.
CREATE TABLE receipts (
	id           bigint PRIMARY KEY,
	status       smallint NOT NULL,
	date         date NOT NULL,
	supplier     text NOT NULL,
	reference    text NOT NULL,
	units        integer NOT NULL,
	confirmed_at timestamptz,
	cancelled_at timestamptz,
	body         jsonb NOT NULL
);

CREATE TABLE orders (
	id           bigint PRIMARY KEY,
	date         date NOT NULL,
	customer     text NOT NULL,
	reference    text NOT NULL,
	units        integer NOT NULL,
	returns      integer NOT NULL,
	saved_at     timestamptz,
	cancelled_at timestamptz,
	body         jsonb NOT NULL
);

CREATE TABLE brands (
	id   bigint PRIMARY KEY,
	name text NOT NULL
);

CREATE TABLE models (
	id    bigint PRIMARY KEY,
	brand bigint NOT NULL,
	name  text NOT NULL
);

CREATE TABLE entities (
	no    bigint PRIMARY KEY,
	model bigint NOT NULL,
	body  jsonb NOT NULL
);

-- Which entity of a model carries a parameter value (any case).
CREATE TABLE entity_params (
	project   bigint NOT NULL,
	model     bigint NOT NULL,
	name_key  text NOT NULL,
	value_key text NOT NULL
);
CREATE INDEX entity_params_by_value ON entity_params (model, name_key, value_key);
CREATE INDEX entity_params_of_entity ON entity_params (project);
