-- Each evaluation's line of the bureau's review (docs/bureau.md), kept so that a
-- county's review reads 2 000 stored lines instead of loading, scoring and checking
-- 2 000 tables every time it opens.
--
-- A line is a cache: it is made from the evaluation (and, for a department, from its
-- year's projects) and is never the only copy of anything. So it is deleted, not
-- updated, whenever anything it is made from changes, by the triggers below; the next
-- review recomputes the missing lines and stores them again. Triggers rather than the
-- program's write paths, because there are many of those (saving a cell, typing in a
-- report section, collecting, deleting, renaming an organisation) and a new one must
-- not be able to forget the cache.
--
-- `engine` names the release (and the line format) that computed the line: a release
-- that scores differently does not trust an older release's lines.
-- `line` is the line as JSON (src/domain/review/mod.rs, `Line`); `project_line` a
-- project's line as its department's report lists it (`ProjectLine`), NULL for a
-- department. The grades are columns of their own, for the grade counts by year.

CREATE TABLE review_line (
    evaluation_id INTEGER PRIMARY KEY REFERENCES evaluation (id) ON DELETE CASCADE,
    engine TEXT NOT NULL,
    grade TEXT NOT NULL,
    rule_grade TEXT NOT NULL,
    line TEXT NOT NULL,
    project_line TEXT
) STRICT;

-- A change to an evaluation's row or its child rows makes its line stale, and its
-- department's: a department's checks read its year's projects.
CREATE TRIGGER review_line_evaluation_update AFTER UPDATE ON evaluation BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT id FROM evaluation WHERE id = NEW.id
            OR (kind = 'department' AND organisation_id IN (OLD.organisation_id, NEW.organisation_id)
                AND year IN (OLD.year, NEW.year)));
END;

CREATE TRIGGER review_line_evaluation_insert AFTER INSERT ON evaluation BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT id FROM evaluation
        WHERE kind = 'department' AND organisation_id = NEW.organisation_id AND year = NEW.year);
END;

CREATE TRIGGER review_line_evaluation_delete AFTER DELETE ON evaluation BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT id FROM evaluation
        WHERE kind = 'department' AND organisation_id = OLD.organisation_id AND year = OLD.year);
END;

CREATE TRIGGER review_line_organisation_update AFTER UPDATE ON organisation BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT id FROM evaluation WHERE organisation_id IN (OLD.id, NEW.id));
END;

-- Rows that belong to an evaluation: its indicators, report sections, special funds,-- unit names, and what collect recorded (the total the hand-in states).

CREATE TRIGGER review_line_indicator_insert AFTER INSERT ON indicator BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (NEW.evaluation_id));
END;

CREATE TRIGGER review_line_indicator_update AFTER UPDATE ON indicator BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id, NEW.evaluation_id));
END;

CREATE TRIGGER review_line_indicator_delete AFTER DELETE ON indicator BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id));
END;

CREATE TRIGGER review_line_narrative_insert AFTER INSERT ON narrative BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (NEW.evaluation_id));
END;

CREATE TRIGGER review_line_narrative_update AFTER UPDATE ON narrative BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id, NEW.evaluation_id));
END;

CREATE TRIGGER review_line_narrative_delete AFTER DELETE ON narrative BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id));
END;

CREATE TRIGGER review_line_special_fund_insert AFTER INSERT ON special_fund BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (NEW.evaluation_id));
END;

CREATE TRIGGER review_line_special_fund_update AFTER UPDATE ON special_fund BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id, NEW.evaluation_id));
END;

CREATE TRIGGER review_line_special_fund_delete AFTER DELETE ON special_fund BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id));
END;

CREATE TRIGGER review_line_unit_name_insert AFTER INSERT ON unit_name BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (NEW.evaluation_id));
END;

CREATE TRIGGER review_line_unit_name_update AFTER UPDATE ON unit_name BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id, NEW.evaluation_id));
END;

CREATE TRIGGER review_line_unit_name_delete AFTER DELETE ON unit_name BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id));
END;

CREATE TRIGGER review_line_collected_insert AFTER INSERT ON collected BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (NEW.evaluation_id));
END;

CREATE TRIGGER review_line_collected_update AFTER UPDATE ON collected BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id, NEW.evaluation_id));
END;

CREATE TRIGGER review_line_collected_delete AFTER DELETE ON collected BEGIN
    DELETE FROM review_line WHERE evaluation_id IN (
        SELECT d.id FROM evaluation e JOIN evaluation d
            ON d.id = e.id OR (d.kind = 'department' AND d.organisation_id = e.organisation_id AND d.year = e.year)
        WHERE e.id IN (OLD.evaluation_id));
END;
