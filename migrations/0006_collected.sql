-- What `jixiao collect` stored, per evaluation: the file it came from and enough to tell,
-- on the next collect, whether the evaluation was edited here since (its revision and the
-- hash of its content as collected) and whether the file changed (the file's hash).
-- The 总分 the hand-in itself states is kept for the bureau's review (filed against rule).
-- Numbered 0006: 0003–0005 are taken by work on other branches.

CREATE TABLE collected (
    evaluation_id INTEGER PRIMARY KEY REFERENCES evaluation (id) ON DELETE CASCADE,
    -- The file's path as collected.
    source TEXT NOT NULL,
    -- FNV-1a 64 of the file's bytes and of the evaluation file (TOML) of what was stored, in hex.
    file_hash TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    -- The evaluation's revision right after it was collected.
    revision INTEGER NOT NULL,
    -- The total the hand-in states (a workbook's 总分 row), a TEXT decimal; NULL when it states none.
    stated_total TEXT,
    collected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX collected_by_file ON collected (file_hash);
