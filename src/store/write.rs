//! Writing: every change is one IMMEDIATE transaction that writes the whole
//! evaluation, with its score and check counts cached for the list.

use super::{EvalId, Result, Store, StoreError};
use crate::domain::check::{check, counts};
use crate::domain::field::{Field, FieldValue};
use crate::domain::model::{Evaluation, Section};
use crate::domain::number::fixed;
use crate::domain::score::score;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

/// A field's value as an SQL value (empty = NULL for figures).
fn sql_value(v: FieldValue) -> Value {
    match v {
        FieldValue::Money(a) => a.map_or(Value::Null, |a| Value::Text(a.to_string())),
        FieldValue::Int(i) => i.map_or(Value::Null, Value::Integer),
        FieldValue::Text(s) => Value::Text(s),
    }
}

/// The columns `write_row` sets, in order: the evaluation's own, then every field's.
fn row_columns() -> Vec<&'static str> {
    let mut cols = vec![
        "organisation_id",
        "year",
        "kind",
        "project_name",
        "template",
        "total",
        "rule_total",
        "grade",
        "errors",
        "warnings",
    ];
    cols.extend(Field::ALL.iter().map(|f| f.column()));
    cols
}

fn row_values(org: i64, ev: &Evaluation) -> Vec<Value> {
    let sheet = score(ev);
    let (errors, warnings, _) = counts(&check(ev, &sheet));
    let project = if ev.is_project() { ev.project.name.trim().to_string() } else { String::new() };
    let mut values = vec![
        Value::Integer(org),
        Value::Integer(i64::from(ev.year)),
        Value::Text(ev.kind.key().into()),
        Value::Text(project),
        Value::Text(serde_json::to_string(&ev.template).expect("a template always serialises")),
        Value::Text(fixed(sheet.total, sheet.places)),
        Value::Text(fixed(sheet.rule_total, sheet.places)),
        Value::Text(sheet.grade.label().into()),
        Value::Integer(errors as i64),
        Value::Integer(warnings as i64),
    ];
    values.extend(Field::ALL.iter().map(|f| sql_value(f.get(ev))));
    values
}

/// The organisation's id, creating it if new.
fn organisation_id(tx: &Transaction, name: &str) -> rusqlite::Result<i64> {
    let name = name.trim();
    if let Some(id) = tx.query_row("SELECT id FROM organisation WHERE name = ?1", [name], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    tx.execute("INSERT INTO organisation (name) VALUES (?1)", [name])?;
    Ok(tx.last_insert_rowid())
}

fn write_children(tx: &Transaction, id: EvalId, ev: &Evaluation) -> rusqlite::Result<()> {
    for table in ["unit_name", "special_fund", "indicator", "narrative"] {
        tx.execute(&format!("DELETE FROM {table} WHERE evaluation_id = ?1"), [id])?;
    }
    let mut names =
        tx.prepare_cached("INSERT INTO unit_name (evaluation_id, list, position, name) VALUES (?1, ?2, ?3, ?4)")?;
    for (list, items) in
        [("internal", &ev.organisation.internal_units), ("subordinate", &ev.organisation.subordinate_units)]
    {
        for (pos, name) in items.iter().enumerate() {
            names.execute(params![id, list, pos as i64, name])?;
        }
    }
    let mut funds = tx.prepare_cached(
        "INSERT INTO special_fund (evaluation_id, position, name, budgeted, invested, used, balance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let text = |a: &Option<crate::domain::money::Amount>| a.map(|a| a.to_string());
    for (pos, f) in ev.special_funds.iter().enumerate() {
        funds.execute(params![
            id,
            pos as i64,
            f.name,
            text(&f.budgeted),
            text(&f.invested),
            text(&f.used),
            text(&f.balance)
        ])?;
    }
    let mut rows = tx.prepare_cached(
        "INSERT INTO indicator (evaluation_id, position, level1, level2, name, target, actual, weight, criterion, rule,
                                entered_score, entered_reason, deviation_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (pos, ind) in ev.indicators.iter().enumerate() {
        rows.execute(params![
            id,
            pos as i64,
            ind.level1,
            ind.level2,
            ind.name,
            ind.target.text(),
            ind.actual.text(),
            ind.weight.to_string(),
            ind.criterion,
            serde_json::to_string(&ind.rule).expect("a rule always serialises"),
            ind.entered.as_ref().map(|e| e.score.to_string()),
            ind.entered.as_ref().map(|e| e.reason.clone()),
            ind.deviation_reason,
        ])?;
    }
    let mut sections = tx.prepare_cached("INSERT INTO narrative (evaluation_id, section, body) VALUES (?1, ?2, ?3)")?;
    for s in Section::ALL {
        let body = ev.narrative.get(s);
        if !body.is_empty() {
            sections.execute(params![id, s.key(), body])?;
        }
    }
    Ok(())
}

/// Writes a whole evaluation over row `id`, bumping its revision.
pub(super) fn update(tx: &Transaction, id: EvalId, ev: &Evaluation) -> rusqlite::Result<()> {
    let org = organisation_id(tx, &ev.organisation.name)?;
    let cols = row_columns();
    let sets = cols.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect::<Vec<_>>().join(", ");
    let update = format!(
        "UPDATE evaluation SET {sets}, revision = revision + 1,
         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?{}",
        cols.len() + 1
    );
    let mut values = row_values(org, ev);
    values.push(Value::Integer(id));
    tx.execute(&update, rusqlite::params_from_iter(values))?;
    write_children(tx, id, ev)
}

/// Inserts one evaluation with its children.
pub(super) fn insert(tx: &Transaction, ev: &Evaluation) -> rusqlite::Result<EvalId> {
    let org = organisation_id(tx, &ev.organisation.name)?;
    let cols = row_columns();
    let placeholders = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let insert = format!("INSERT INTO evaluation ({}) VALUES ({placeholders})", cols.join(", "));
    tx.execute(&insert, rusqlite::params_from_iter(row_values(org, ev)))?;
    let id = tx.last_insert_rowid();
    write_children(tx, id, ev)?;
    Ok(id)
}

impl Store {
    pub(super) fn begin(&mut self) -> Result<Transaction<'_>> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(&path, e))
    }

    pub(super) fn exists_error(ev: &Evaluation) -> StoreError {
        let (organisation, year) = (ev.organisation.name.trim().to_string(), ev.year);
        if ev.is_project() {
            StoreError::ProjectExists { organisation, year, project: ev.project.name.trim().to_string() }
        } else {
            StoreError::Exists { organisation, year }
        }
    }

    /// What the key needs before anything is written: a project has a name.
    pub(super) fn check_key(ev: &Evaluation) -> Result<()> {
        if ev.is_project() && ev.project.name.trim().is_empty() {
            return Err(StoreError::NoProjectName);
        }
        Ok(())
    }

    /// Stores a new evaluation; refuses if its organisation already has that year's
    /// department evaluation, or a project of that name in that year.
    pub fn create(&mut self, ev: &Evaluation) -> Result<EvalId> {
        self.create_all(std::slice::from_ref(ev)).map(|ids| ids[0])
    }

    /// Stores several new evaluations in one transaction: all of them, or (when one is
    /// refused) none.
    pub fn create_all(&mut self, evs: &[Evaluation]) -> Result<Vec<EvalId>> {
        for ev in evs {
            Store::check_key(ev)?;
            if self.find_of(ev)?.is_some() {
                return Err(Store::exists_error(ev));
            }
        }
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let mut ids = Vec::with_capacity(evs.len());
        for ev in evs {
            ids.push(insert(&tx, ev).map_err(|e| {
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
                    Store::exists_error(ev)
                } else {
                    sql(e)
                }
            })?);
        }
        tx.commit().map_err(sql)?;
        Ok(ids)
    }

    /// Saves a whole evaluation over the stored one, if nobody changed it since
    /// `revision` was read. Returns the new revision.
    pub fn save(&mut self, id: EvalId, revision: i64, ev: &Evaluation) -> Result<i64> {
        Store::check_key(ev)?;
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let current: Option<i64> = tx
            .query_row("SELECT revision FROM evaluation WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(sql)?;
        match current {
            None => return Err(StoreError::Missing(id)),
            Some(r) if r != revision => return Err(StoreError::Conflict),
            Some(_) => {}
        }
        update(&tx, id, ev).map_err(|e| {
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
                Store::exists_error(ev)
            } else {
                sql(e)
            }
        })?;
        tx.execute("DELETE FROM organisation WHERE id NOT IN (SELECT organisation_id FROM evaluation)", [])
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(revision + 1)
    }

    /// Stores an evaluation, replacing the stored one of the same key if any
    /// (`import --replace`). One transaction either way.
    pub fn replace(&mut self, ev: &Evaluation) -> Result<EvalId> {
        match self.find_of(ev)? {
            None => self.create(ev),
            Some(id) => {
                let revision = self.load_revision(id)?;
                self.save(id, revision, ev).map(|_| id)
            }
        }
    }

    pub fn load_revision(&self, id: EvalId) -> Result<i64> {
        self.conn
            .query_row("SELECT revision FROM evaluation WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(StoreError::Missing(id))
    }

    /// Deletes an evaluation (and its organisation, if it has no other evaluation).
    /// A department's projects stay: see [`Store::delete_with_projects`].
    pub fn delete(&mut self, id: EvalId) -> Result<()> {
        self.delete_where("e.id = ?1", id).map(drop)
    }

    /// Deletes a department's evaluation and every project of its organisation and year,
    /// in one transaction; returns how many evaluations went.
    pub fn delete_with_projects(&mut self, id: EvalId) -> Result<usize> {
        self.delete_where(
            "(e.organisation_id, e.year) = (SELECT organisation_id, year FROM evaluation WHERE id = ?1)",
            id,
        )
    }

    fn delete_where(&mut self, condition: &str, id: EvalId) -> Result<usize> {
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let n = tx
            .execute(
                &format!("DELETE FROM evaluation WHERE id IN (SELECT e.id FROM evaluation e WHERE {condition})"),
                [id],
            )
            .map_err(sql)?;
        if n == 0 {
            return Err(StoreError::Missing(id));
        }
        tx.execute("DELETE FROM organisation WHERE id NOT IN (SELECT organisation_id FROM evaluation)", [])
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(n)
    }
}
