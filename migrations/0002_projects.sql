-- Projects beside the department: one year of an organisation holds its 部门整体
-- evaluation and one 项目支出 evaluation per project.
--
-- An evaluation gets a kind ('department' or 'project') and a project name (empty for
-- the department), and its key becomes (organisation, year, kind, project name). The
-- project's header, its funds by source and its 年度总体目标 are new columns (see
-- src/domain/field.rs, where each is named once).
--
-- SQLite cannot change a table's UNIQUE constraint in place, so the table is rebuilt
-- (https://sqlite.org/lang_altertable.html, "other kinds of table schema changes"):
-- a new table, every row copied column by column, the old one dropped, the new one
-- renamed. The migration runs with foreign keys off (src/store/migrate.rs), so that
-- dropping the old table does not cascade to the rows that refer to it; the ids are
-- copied, so unit_name, special_fund, indicator and narrative rows keep pointing at
-- their evaluation. Nothing else changes.

CREATE TABLE evaluation_v2 (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    -- 'department' (部门整体) or 'project' (项目).
    kind TEXT NOT NULL DEFAULT 'department' CHECK (kind IN ('department', 'project')),
    -- 项目名称, trimmed: empty for the department, never empty for a project.
    project_name TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    total TEXT NOT NULL,
    rule_total TEXT NOT NULL,
    grade TEXT NOT NULL,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    rank TEXT NOT NULL DEFAULT '',
    staff_count INTEGER,
    staff_change INTEGER,
    responsibilities TEXT NOT NULL DEFAULT '',
    initial_revenue TEXT,
    initial_revenue_general TEXT,
    initial_expenditure TEXT,
    initial_basic TEXT,
    initial_project TEXT,
    final_revenue TEXT,
    final_expenditure TEXT,
    final_basic TEXT,
    final_project TEXT,
    carry_forward TEXT,
    difference_reason TEXT NOT NULL DEFAULT '',
    sangong_budget_total TEXT,
    sangong_budget_abroad TEXT,
    sangong_budget_vehicle TEXT,
    sangong_budget_reception TEXT,
    sangong_actual_total TEXT,
    sangong_actual_abroad TEXT,
    sangong_actual_vehicle TEXT,
    sangong_actual_reception TEXT,
    procurement_total TEXT,
    procurement_goods TEXT,
    procurement_works TEXT,
    procurement_services TEXT,
    assets_total TEXT,
    liabilities TEXT,
    net_assets TEXT,
    fixed_original TEXT,
    fixed_in_use TEXT,
    funds_initial TEXT,
    funds_full_year TEXT,
    funds_adjusted TEXT,
    funds_executed TEXT,
    funds_general TEXT,
    funds_gov_fund TEXT,
    funds_special_account TEXT,
    funds_other TEXT,
    funds_basic TEXT,
    funds_project TEXT,
    -- 项目信息 (a project's header)
    project_supervisor TEXT NOT NULL DEFAULT '',
    project_implementer TEXT NOT NULL DEFAULT '',
    project_manager TEXT NOT NULL DEFAULT '',
    project_phone TEXT NOT NULL DEFAULT '',
    project_category TEXT NOT NULL DEFAULT '',
    project_attribute TEXT NOT NULL DEFAULT '',
    project_type TEXT NOT NULL DEFAULT '',
    project_filed_on TEXT NOT NULL DEFAULT '',
    -- 项目资金 by source: 当年财政拨款, 上年结转资金, 其他资金 (年初预算数 / 全年预算数 / 全年执行数)
    project_current_initial TEXT,
    project_current_full_year TEXT,
    project_current_executed TEXT,
    project_carried_initial TEXT,
    project_carried_full_year TEXT,
    project_carried_executed TEXT,
    project_other_initial TEXT,
    project_other_full_year TEXT,
    project_other_executed TEXT,
    -- 年度总体目标: 预期目标 and 实际完成情况
    project_goal_expected TEXT NOT NULL DEFAULT '',
    project_goal_achieved TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'department') = (project_name = '')),
    UNIQUE (organisation_id, year, kind, project_name)
) STRICT;

INSERT INTO evaluation_v2 (
    id, organisation_id, year, template, revision, created_at, updated_at,
    total, rule_total, grade, errors, warnings,
    rank, staff_count, staff_change, responsibilities,
    initial_revenue, initial_revenue_general, initial_expenditure, initial_basic, initial_project,
    final_revenue, final_expenditure, final_basic, final_project, carry_forward, difference_reason,
    sangong_budget_total, sangong_budget_abroad, sangong_budget_vehicle, sangong_budget_reception,
    sangong_actual_total, sangong_actual_abroad, sangong_actual_vehicle, sangong_actual_reception,
    procurement_total, procurement_goods, procurement_works, procurement_services,
    assets_total, liabilities, net_assets, fixed_original, fixed_in_use,
    funds_initial, funds_full_year, funds_adjusted, funds_executed,
    funds_general, funds_gov_fund, funds_special_account, funds_other, funds_basic, funds_project
)
SELECT
    id, organisation_id, year, template, revision, created_at, updated_at,
    total, rule_total, grade, errors, warnings,
    rank, staff_count, staff_change, responsibilities,
    initial_revenue, initial_revenue_general, initial_expenditure, initial_basic, initial_project,
    final_revenue, final_expenditure, final_basic, final_project, carry_forward, difference_reason,
    sangong_budget_total, sangong_budget_abroad, sangong_budget_vehicle, sangong_budget_reception,
    sangong_actual_total, sangong_actual_abroad, sangong_actual_vehicle, sangong_actual_reception,
    procurement_total, procurement_goods, procurement_works, procurement_services,
    assets_total, liabilities, net_assets, fixed_original, fixed_in_use,
    funds_initial, funds_full_year, funds_adjusted, funds_executed,
    funds_general, funds_gov_fund, funds_special_account, funds_other, funds_basic, funds_project
FROM evaluation;

DROP TABLE evaluation;
ALTER TABLE evaluation_v2 RENAME TO evaluation;

CREATE INDEX evaluation_by_year ON evaluation (year, organisation_id);
-- A year's projects, for the start screen and the department's report.
CREATE INDEX evaluation_by_kind ON evaluation (organisation_id, year, kind);
