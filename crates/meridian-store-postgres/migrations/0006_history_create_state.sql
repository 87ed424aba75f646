-- A create's after state is no longer written into its history row: it is the record's
-- own row while the record is at that version, and the next change's before state once
-- it is not, so writing it again stored every new record's content twice. Reads fill it
-- in (`HISTORY_SELECT` in meridian-store-sql). Rows written before keep their copy.

ALTER TABLE history ALTER COLUMN after_state DROP NOT NULL;
