-- Where the user left each evaluation: the tab, the grid's row and column, the text
-- section. Reopening the evaluation goes back there, so that the grid someone was
-- working in is one Enter away (issue 14, "open where the work is").
--
-- A table of its own, not columns of `evaluation`: moving about is not an edit, so it
-- must not bump the evaluation's revision (which guards against two windows saving
-- over each other) nor its updated_at. The numbers are indexes into the app's lists
-- (the tabs of the evaluation's kind, the grid's columns, the text sections), checked
-- against those lists when read: a place that no longer fits is ignored, never an error.
-- `IF NOT EXISTS`: running this file a second time changes nothing.

CREATE TABLE IF NOT EXISTS place (
    evaluation_id INTEGER PRIMARY KEY REFERENCES evaluation (id) ON DELETE CASCADE,
    tab INTEGER NOT NULL CHECK (tab >= 0),
    grid_row INTEGER NOT NULL CHECK (grid_row >= 0),
    grid_col INTEGER NOT NULL CHECK (grid_col >= 0),
    text_item INTEGER NOT NULL CHECK (text_item >= 0)
);
