//! Reading one whole evaluation (the list and the finders are in `list`).

use super::list::kind;
use super::{EvalId, Result, Store, StoreError, Stored};
use crate::domain::field::{Field, FieldKind, FieldValue};
use crate::domain::model::{EnteredScore, Evaluation, Indicator, Section, SpecialFund, Typed};
use crate::domain::money::Amount;
use crate::domain::number::parse_decimal;
use rusqlite::{OptionalExtension, Row};
use rust_decimal::Decimal;

pub(super) fn bad(what: &str, value: &str) -> StoreError {
    StoreError::BadData { what: what.to_string(), value: value.to_string() }
}

pub(super) fn decimal(what: &str, text: &str) -> Result<Decimal> {
    parse_decimal(text).map_err(|_| bad(what, text))
}

pub(super) fn amount(what: &str, text: Option<String>) -> Result<Option<Amount>> {
    text.map(|t| t.parse::<Amount>().map_err(|_| bad(what, &t))).transpose()
}

fn typed(what: &str, text: &str) -> Result<Typed> {
    Typed::new(text).map_err(|_| bad(what, text))
}

impl Store {
    /// Loads one whole evaluation.
    pub fn load(&self, id: EvalId) -> Result<Stored> {
        let columns: Vec<&str> = Field::ALL.iter().map(|f| f.column()).collect();
        let sql = format!(
            "SELECT o.name, e.year, e.template, e.revision, e.kind, e.project_name, {} FROM evaluation e
             JOIN organisation o ON o.id = e.organisation_id WHERE e.id = ?1",
            columns.iter().map(|c| format!("e.{c}")).collect::<Vec<_>>().join(", ")
        );
        // Cached: a review loads thousands of evaluations, and preparing this wide select
        // each time costs more than running it.
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        let row = stmt
            .query_row([id], |r| {
                let mut texts = Vec::with_capacity(Field::ALL.len());
                for (i, f) in Field::ALL.iter().enumerate() {
                    let raw = match f.kind() {
                        FieldKind::Int => r.get::<_, Option<i64>>(6 + i)?.map(|v| v.to_string()),
                        _ => r.get::<_, Option<String>>(6 + i)?,
                    };
                    texts.push(raw);
                }
                let key = (r.get::<_, String>(4)?, r.get::<_, String>(5)?);
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    key,
                    texts,
                ))
            })
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(StoreError::Missing(id))?;
        let (name, year, template, revision, (k, project), texts) = row;
        let mut ev = Evaluation { year, kind: kind(&k)?, ..Evaluation::default() };
        ev.organisation.name = name;
        ev.project.name = project;
        ev.template = serde_json::from_str(&template).map_err(|_| bad("评分模板", &template))?;
        for (f, text) in Field::ALL.iter().zip(texts) {
            let value = match text {
                None => f.parse("").expect("an empty field always parses"),
                Some(t) => match f.kind() {
                    // Long texts keep their exact whitespace; others parse as typed.
                    FieldKind::LongText | FieldKind::Text | FieldKind::Date => FieldValue::Text(t),
                    _ => f.parse(&t).map_err(|_| bad(f.label(), &t))?,
                },
            };
            f.set(&mut ev, value);
        }
        self.load_children(id, &mut ev)?;
        let filing = self.filing(id)?;
        Ok(Stored { id, revision, evaluation: ev, filing })
    }

    fn load_children(&self, id: EvalId, ev: &mut Evaluation) -> Result<()> {
        let sql = |e| self.sql(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT list, name FROM unit_name WHERE evaluation_id = ?1 ORDER BY list, position")
            .map_err(sql)?;
        let names = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(sql)?;
        for n in names {
            let (list, name) = n.map_err(sql)?;
            match list.as_str() {
                "internal" => ev.organisation.internal_units.push(name),
                _ => ev.organisation.subordinate_units.push(name),
            }
        }

        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT name, budgeted, invested, used, balance FROM special_fund WHERE evaluation_id = ?1 ORDER BY position",
            )
            .map_err(sql)?;
        let funds = stmt
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .map_err(sql)?;
        for f in funds {
            let (name, budgeted, invested, used, balance) = f.map_err(sql)?;
            ev.special_funds.push(SpecialFund {
                name,
                budgeted: amount("专项资金预算投入", budgeted)?,
                invested: amount("专项资金实际投入", invested)?,
                used: amount("专项资金实际使用", used)?,
                balance: amount("专项资金结余", balance)?,
            });
        }

        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT level1, level2, name, target, actual, weight, criterion, rule, entered_score, entered_reason,
                        deviation_reason, nature, unit, adjusted_target, method, coefficient, core
                 FROM indicator WHERE evaluation_id = ?1 ORDER BY position",
            )
            .map_err(sql)?;
        let rows = stmt.query_map([id], IndicatorRow::read).map_err(sql)?;
        for row in rows {
            ev.indicators.push(row.map_err(sql)?.into_indicator()?);
        }

        let mut stmt = self
            .conn
            .prepare_cached("SELECT section, body FROM narrative WHERE evaluation_id = ?1 ORDER BY section, part")
            .map_err(sql)?;
        let sections = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(sql)?;
        for s in sections {
            let (key, body) = s.map_err(sql)?;
            let section = Section::from_key(&key).ok_or_else(|| bad("报告章节", &key))?;
            // A section is stored in parts, in order (`narrative`).
            ev.narrative.get_mut(section).push_str(&body);
        }
        Ok(())
    }
}

/// An `indicator` row as stored, before its texts are parsed.
struct IndicatorRow {
    level1: String,
    level2: String,
    name: String,
    target: String,
    actual: String,
    weight: String,
    criterion: String,
    rule: String,
    entered_score: Option<String>,
    entered_reason: Option<String>,
    deviation_reason: String,
    nature: String,
    unit: String,
    adjusted_target: String,
    method: String,
    coefficient: Option<String>,
    core: Option<bool>,
}

impl IndicatorRow {
    fn read(r: &Row) -> rusqlite::Result<IndicatorRow> {
        Ok(IndicatorRow {
            level1: r.get(0)?,
            level2: r.get(1)?,
            name: r.get(2)?,
            target: r.get(3)?,
            actual: r.get(4)?,
            weight: r.get(5)?,
            criterion: r.get(6)?,
            rule: r.get(7)?,
            entered_score: r.get(8)?,
            entered_reason: r.get(9)?,
            deviation_reason: r.get(10)?,
            nature: r.get(11)?,
            unit: r.get(12)?,
            adjusted_target: r.get(13)?,
            method: r.get(14)?,
            coefficient: r.get(15)?,
            core: r.get(16)?,
        })
    }

    fn into_indicator(self) -> Result<Indicator> {
        let entered = match (self.entered_score, self.entered_reason) {
            (Some(s), reason) => {
                Some(EnteredScore { score: decimal("填报得分", &s)?, reason: reason.unwrap_or_default() })
            }
            (None, _) => None,
        };
        Ok(Indicator {
            target: typed("年度指标值", &self.target)?,
            actual: typed("实际完成值", &self.actual)?,
            weight: decimal("分值", &self.weight)?,
            rule: serde_json::from_str(&self.rule).map_err(|_| bad("评分规则", &self.rule))?,
            level1: self.level1,
            level2: self.level2,
            name: self.name,
            criterion: self.criterion,
            entered,
            deviation_reason: self.deviation_reason,
            nature: crate::domain::nature::Nature::parse(&self.nature).map_err(|_| bad("指标性质", &self.nature))?,
            unit: self.unit,
            adjusted_target: typed("调整指标值", &self.adjusted_target)?,
            method: self.method,
            coefficient: self.coefficient.map(|c| decimal("得分系数", &c)).transpose()?,
            core: self.core,
        })
    }
}
