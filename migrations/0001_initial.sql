-- The first schema of a jixiao database.
--
-- Money is TEXT: an exact decimal in 万元 ("7256.10"), or with its unit when typed in
-- another ("5.59元"). Never REAL or NUMERIC, which would turn '1234.50' into 1234.5.
-- Scores and weights are TEXT decimals too. Tables are STRICT so a wrong type is refused.

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
) STRICT;

-- One organisation's evaluation for one year, with its scalar fields (see
-- src/domain/field.rs: each column is named there once).
CREATE TABLE evaluation (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    -- The whole template as JSON, so a later change to a preset never rescores a filed table.
    template TEXT NOT NULL,
    -- Bumped by every save: a save made against an older revision is refused.
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- Results of the last save, so that listing many evaluations needs no rescoring.
    total TEXT NOT NULL,
    rule_total TEXT NOT NULL,
    grade TEXT NOT NULL,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    -- 单位基本情况 (organisation)
    rank TEXT NOT NULL DEFAULT '',
    staff_count INTEGER,
    staff_change INTEGER,
    responsibilities TEXT NOT NULL DEFAULT '',
    -- 年初预算 (initial budget)
    initial_revenue TEXT,
    initial_revenue_general TEXT,
    initial_expenditure TEXT,
    initial_basic TEXT,
    initial_project TEXT,
    -- 决算 (final accounts)
    final_revenue TEXT,
    final_expenditure TEXT,
    final_basic TEXT,
    final_project TEXT,
    carry_forward TEXT,
    difference_reason TEXT NOT NULL DEFAULT '',
    -- 三公经费预算 (official travel, vehicles, receptions: budget)
    sangong_budget_total TEXT,
    sangong_budget_abroad TEXT,
    sangong_budget_vehicle TEXT,
    sangong_budget_reception TEXT,
    -- 三公经费决算 (the same: actual)
    sangong_actual_total TEXT,
    sangong_actual_abroad TEXT,
    sangong_actual_vehicle TEXT,
    sangong_actual_reception TEXT,
    -- 政府采购 (government procurement)
    procurement_total TEXT,
    procurement_goods TEXT,
    procurement_works TEXT,
    procurement_services TEXT,
    -- 资产 (assets)
    assets_total TEXT,
    liabilities TEXT,
    net_assets TEXT,
    fixed_original TEXT,
    fixed_in_use TEXT,
    -- 自评表资金 (the funds block of the scored table)
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
    UNIQUE (organisation_id, year)
) STRICT;

-- 内设股室 (internal) and 所属事业单位 (subordinate) names, in order.
CREATE TABLE unit_name (
    evaluation_id INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
    list TEXT NOT NULL CHECK (list IN ('internal', 'subordinate')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, list, position)
) STRICT;

-- 专项资金, in order.
CREATE TABLE special_fund (
    evaluation_id INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    budgeted TEXT,
    invested TEXT,
    used TEXT,
    balance TEXT,
    PRIMARY KEY (evaluation_id, position)
) STRICT;

-- The indicator grid (绩效指标), one row per 三级指标, in table order.
CREATE TABLE indicator (
    evaluation_id INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    level1 TEXT NOT NULL,
    level2 TEXT NOT NULL,
    name TEXT NOT NULL,
    -- 年度指标值 and 实际完成值 exactly as typed.
    target TEXT NOT NULL,
    actual TEXT NOT NULL,
    weight TEXT NOT NULL,
    criterion TEXT NOT NULL,
    -- The structured rule as JSON (src/domain/rule.rs).
    rule TEXT NOT NULL,
    -- A score typed by hand and its required reason (both or neither).
    entered_score TEXT,
    entered_reason TEXT,
    deviation_reason TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, position),
    CHECK ((entered_score IS NULL) = (entered_reason IS NULL))
) STRICT;

-- The narrative sections of the report.
CREATE TABLE narrative (
    evaluation_id INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
    section TEXT NOT NULL CHECK (section IN ('conclusion', 'analysis', 'project_performance', 'problems', 'improvements', 'other')),
    body TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, section)
) STRICT;

CREATE INDEX evaluation_by_year ON evaluation (year, organisation_id);
