-- Trust: a history of every change (an audit trail), evaluations filed and locked, and
-- narrative sections stored in parts.
--
-- Two nullable columns are added to `evaluation` and one table is created; `narrative`
-- is rebuilt with a part number, every old row copied as part 0 of its section, so that
-- every old row and column stays exactly as it was.

-- 已提交 (filed): when and by whom. NULL = not filed, editable. A filed evaluation is
-- read-only until it is unlocked (with a reason, recorded in the history).
ALTER TABLE evaluation ADD COLUMN filed_at TEXT;
ALTER TABLE evaluation ADD COLUMN filed_by TEXT;

-- The history: one row per saved change, written in the same transaction as the change
-- (src/store/log.rs). It refers to its evaluation by id without a foreign key, so that it
-- outlives `import --replace` (which keeps the id) and a deletion (which sets the id to
-- NULL and is itself a row here); the key columns say whose history it was.
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    evaluation_id INTEGER,
    organisation TEXT NOT NULL,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    project_name TEXT NOT NULL,
    -- UTC, ISO 8601 with milliseconds.
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    -- The operating-system user who ran jixiao, and the SSH client's address if any.
    user TEXT NOT NULL,
    client TEXT NOT NULL DEFAULT '',
    -- create, import, replace, new_year, edit, undo, redo, lock, unlock, delete, restore.
    action TEXT NOT NULL,
    -- Where: field:<column>, indicator:<n>:<column>, narrative:<section>, … ('' for the whole).
    place TEXT NOT NULL DEFAULT '',
    -- What, in the words the screen used: 新增规上企业：实际完成值.
    label TEXT NOT NULL DEFAULT '',
    old TEXT NOT NULL DEFAULT '',
    new TEXT NOT NULL DEFAULT '',
    -- A reason (unlocking), the file imported, the year drafted from.
    note TEXT NOT NULL DEFAULT '',
    -- 1 while a text is being typed: its text is saved as typed without rewriting this
    -- row, so `new` is empty and the text of `place` as stored is the new value until
    -- the row is closed.
    open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1))
) STRICT;

-- An evaluation's history, and its rows still being typed found without reading the
-- rest (one index, so that a change writes one index page, not two).
CREATE INDEX change_log_by_evaluation ON change_log (evaluation_id, open);

-- A narrative section in parts (a sentence or a line each, src/store/narrative.rs): a
-- character typed into a long section rewrites one short row, not the whole text with
-- its overflow pages. SQLite cannot change a primary key in place, so the table is
-- rebuilt as 0002 rebuilt `evaluation` (foreign keys are off while migrations run).
CREATE TABLE narrative_v3 (
    evaluation_id INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
    section TEXT NOT NULL CHECK (section IN ('conclusion', 'analysis', 'project_performance', 'problems', 'improvements', 'other')),
    part INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, section, part)
) STRICT;

INSERT INTO narrative_v3 (evaluation_id, section, part, body)
SELECT evaluation_id, section, 0, body FROM narrative;

DROP TABLE narrative;
ALTER TABLE narrative_v3 RENAME TO narrative;
