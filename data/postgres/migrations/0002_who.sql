-- Who did each thing: the user and the computer ("kari@COUNTER-2"), empty
-- for what was done before Serialdesk recorded it. Documents and serials
-- keep it in their JSON.
ALTER TABLE events ADD COLUMN by_whom text NOT NULL DEFAULT '';
