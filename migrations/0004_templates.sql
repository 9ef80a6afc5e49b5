-- Templates the user can see and change (docs/templates.md).
--
-- 1. The county's own templates, saved under a name and offered for new evaluations.
--    `body` is the whole template as JSON (src/domain/template/mod.rs), as an
--    evaluation's own `template` column holds it.
-- 2. The columns some provinces' tables add to an indicator row: 指标性质, 度量单位,
--    调整指标值, 得分计算方法, 得分系数 (per cent, exact decimal as TEXT) and
--    是否核心指标. Existing rows get none of them, which is what they had.
-- 3. The reason for a low execution rate (Sichuan's 原因), and two more sources of a
--    project's funds (Sichuan's 财政专户管理资金 and 单位资金).
--
-- Only columns and a table are added: every row written by an earlier release stays
-- as it was. Numbered after 0003 so that it applies after the history migration.

CREATE TABLE saved_template (
    name TEXT PRIMARY KEY CHECK (trim(name) <> ''),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

ALTER TABLE indicator ADD COLUMN nature TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN adjusted_target TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN method TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN coefficient TEXT;
ALTER TABLE indicator ADD COLUMN core INTEGER CHECK (core IN (0, 1));

ALTER TABLE evaluation ADD COLUMN funds_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation ADD COLUMN project_special_initial TEXT;
ALTER TABLE evaluation ADD COLUMN project_special_full_year TEXT;
ALTER TABLE evaluation ADD COLUMN project_special_executed TEXT;
ALTER TABLE evaluation ADD COLUMN project_own_initial TEXT;
ALTER TABLE evaluation ADD COLUMN project_own_full_year TEXT;
ALTER TABLE evaluation ADD COLUMN project_own_executed TEXT;
