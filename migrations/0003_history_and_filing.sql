-- Trust: a history of every change (an audit trail), and evaluations filed and locked.
--
-- Nothing old is rebuilt or rewritten: two nullable columns are added to `evaluation`
-- and one table is created, so every existing row stays exactly as it was.

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
    -- row, so `new` is the text of `place` as stored until the row is closed.
    open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1))
) STRICT;

CREATE INDEX change_log_by_evaluation ON change_log (evaluation_id, id);
-- The few rows still being typed, found without reading an evaluation's whole history.
CREATE INDEX change_log_open ON change_log (evaluation_id) WHERE open = 1;
