//! Writing whole evaluations: creating, importing over, deleting. Each is one IMMEDIATE
//! transaction, with the score and check counts cached for the list and a history row.
//! An edit writes only what it changed: see `apply`.

use super::apply::{bump, guard, is_unique_violation};
use super::log::{Actor, ChangeKind, Entry, close_open, record};
use super::{EvalId, Result, Store, StoreError};
use crate::domain::check::{check, counts};
use crate::domain::field::{Field, FieldValue};
use crate::domain::model::{Evaluation, Indicator, Section, SpecialFund};
use crate::domain::number::fixed;
use crate::domain::score::score;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

/// A field's value as an SQL value (empty = NULL for figures).
pub(super) fn sql_value(v: FieldValue) -> Value {
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

/// The values `row_columns` names, and the total and grade as the history states them.
fn row_values(org: i64, ev: &Evaluation) -> (Vec<Value>, String) {
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
    (values, format!("总分 {}，{}", fixed(sheet.total, sheet.places), sheet.grade.label()))
}

/// The organisation's id, creating it if new.
pub(super) fn organisation_id(tx: &Transaction, name: &str) -> rusqlite::Result<i64> {
    let name = name.trim();
    if let Some(id) = tx.query_row("SELECT id FROM organisation WHERE name = ?1", [name], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    tx.execute("INSERT INTO organisation (name) VALUES (?1)", [name])?;
    Ok(tx.last_insert_rowid())
}

/// Organisations left without an evaluation go.
pub(super) fn remove_orphans(tx: &Transaction) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM organisation WHERE id NOT IN (SELECT organisation_id FROM evaluation)")?
        .execute([])?;
    Ok(())
}

/// One list of unit names, replaced.
pub(super) fn write_units(tx: &Transaction, id: EvalId, list: &str, names: &[String]) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM unit_name WHERE evaluation_id = ?1 AND list = ?2")?.execute(params![id, list])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO unit_name (evaluation_id, list, position, name) VALUES (?1, ?2, ?3, ?4)")?;
    for (pos, name) in names.iter().enumerate() {
        insert.execute(params![id, list, pos as i64, name])?;
    }
    Ok(())
}

/// The 专项资金 rows, replaced.
pub(super) fn write_funds(tx: &Transaction, id: EvalId, funds: &[SpecialFund]) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM special_fund WHERE evaluation_id = ?1")?.execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO special_fund (evaluation_id, position, name, budgeted, invested, used, balance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let text = |a: &Option<crate::domain::money::Amount>| a.map(|a| a.to_string());
    for (pos, f) in funds.iter().enumerate() {
        insert.execute(params![
            id,
            pos as i64,
            f.name,
            text(&f.budgeted),
            text(&f.invested),
            text(&f.used),
            text(&f.balance)
        ])?;
    }
    Ok(())
}

/// The values of an indicator row after its evaluation id and position, in column order.
fn indicator_values(ind: &Indicator) -> [Value; 17] {
    let text = |s: &str| Value::Text(s.to_string());
    let opt = |s: Option<String>| s.map_or(Value::Null, Value::Text);
    [
        text(&ind.level1),
        text(&ind.level2),
        text(&ind.name),
        text(ind.target.text()),
        text(ind.actual.text()),
        Value::Text(ind.weight.to_string()),
        text(&ind.criterion),
        Value::Text(serde_json::to_string(&ind.rule).expect("a rule always serialises")),
        opt(ind.entered.as_ref().map(|e| e.score.to_string())),
        opt(ind.entered.as_ref().map(|e| e.reason.clone())),
        text(&ind.deviation_reason),
        // The optional columns of some provinces' tables (migration 0004).
        text(ind.nature.map_or("", |n| n.symbol())),
        text(&ind.unit),
        text(ind.adjusted_target.text()),
        text(&ind.method),
        opt(ind.coefficient.map(|c| c.to_string())),
        ind.core.map_or(Value::Null, |c| Value::Integer(i64::from(c))),
    ]
}

/// One indicator row, new at `position`.
pub(super) fn insert_indicator(tx: &Transaction, id: EvalId, position: usize, ind: &Indicator) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO indicator (evaluation_id, position, level1, level2, name, target, actual, weight, criterion, rule,
                                entered_score, entered_reason, deviation_reason,
                                nature, unit, adjusted_target, method, coefficient, core)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    let head = [Value::Integer(id), Value::Integer(position as i64)];
    stmt.execute(rusqlite::params_from_iter(head.into_iter().chain(indicator_values(ind))))?;
    Ok(())
}

/// One indicator row, rewritten in place (same row, same key).
pub(super) fn update_indicator(tx: &Transaction, id: EvalId, position: usize, ind: &Indicator) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE indicator SET level1 = ?3, level2 = ?4, name = ?5, target = ?6, actual = ?7, weight = ?8,
                criterion = ?9, rule = ?10, entered_score = ?11, entered_reason = ?12, deviation_reason = ?13,
                nature = ?14, unit = ?15, adjusted_target = ?16, method = ?17, coefficient = ?18, core = ?19
         WHERE evaluation_id = ?1 AND position = ?2",
    )?;
    let head = [Value::Integer(id), Value::Integer(position as i64)];
    stmt.execute(rusqlite::params_from_iter(head.into_iter().chain(indicator_values(ind))))?;
    Ok(())
}

fn write_children(tx: &Transaction, id: EvalId, ev: &Evaluation) -> rusqlite::Result<()> {
    for table in ["indicator", "narrative"] {
        tx.execute(&format!("DELETE FROM {table} WHERE evaluation_id = ?1"), [id])?;
    }
    write_units(tx, id, "internal", &ev.organisation.internal_units)?;
    write_units(tx, id, "subordinate", &ev.organisation.subordinate_units)?;
    write_funds(tx, id, &ev.special_funds)?;
    for (pos, ind) in ev.indicators.iter().enumerate() {
        insert_indicator(tx, id, pos, ind)?;
    }
    for s in Section::ALL {
        super::narrative::insert_parts(tx, id, s.key(), 0, &super::narrative::parts(ev.narrative.get(s)))?;
    }
    Ok(())
}

/// Inserts one evaluation with its children.
pub(super) fn insert(tx: &Transaction, ev: &Evaluation) -> rusqlite::Result<EvalId> {
    let org = organisation_id(tx, &ev.organisation.name)?;
    let cols = row_columns();
    let placeholders = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let insert = format!("INSERT INTO evaluation ({}) VALUES ({placeholders})", cols.join(", "));
    tx.execute(&insert, rusqlite::params_from_iter(row_values(org, ev).0))?;
    let id = tx.last_insert_rowid();
    write_children(tx, id, ev)?;
    Ok(id)
}

impl Store {
    /// Starts a write. A database that another program is writing to gives `Busy` after
    /// the busy timeout (short in the terminal UI, which then shows that it is waiting).
    pub(super) fn begin(&mut self) -> Result<Transaction<'_>> {
        let path = self.path.clone();
        self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| {
            let e = StoreError::from_sqlite(&path, e);
            if matches!(e, StoreError::Busy) {
                self.busy.set(true);
            }
            e
        })
    }

    /// Whether the last write found the database busy (another program writing), since
    /// this was last asked.
    pub fn take_busy(&self) -> bool {
        self.busy.replace(false)
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
        self.create_as(evs, ChangeKind::Create, "")
    }

    /// Stores new evaluations as [`Store::create_all`] does; the history says how they
    /// came (`kind`: created, imported, drafted from last year) and `note` whence.
    pub fn create_as(&mut self, evs: &[Evaluation], kind: ChangeKind, note: &str) -> Result<Vec<EvalId>> {
        for ev in evs {
            Store::check_key(ev)?;
            if self.find_of(ev)?.is_some() {
                return Err(Store::exists_error(ev));
            }
        }
        let path = self.path.clone();
        let actor = self.actor.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let mut ids = Vec::with_capacity(evs.len());
        for ev in evs {
            let id =
                insert(&tx, ev).map_err(|e| if is_unique_violation(&e) { Store::exists_error(ev) } else { sql(e) })?;
            Store::note_whole(&tx, &actor, id, kind, &whole_label(ev), note).map_err(sql)?;
            ids.push(id);
        }
        tx.commit().map_err(sql)?;
        Ok(ids)
    }

    /// Saves a whole evaluation over the stored one, if nobody changed it since
    /// `revision` was read and it is not filed. Returns the new revision. (An edit writes
    /// only what it changed: [`Store::apply`].)
    pub fn save(&mut self, id: EvalId, revision: i64, ev: &Evaluation) -> Result<i64> {
        self.overwrite(id, Some(revision), ev, ChangeKind::Edit, "整份保存", "").map(|r| r.unwrap_or(revision + 1))
    }

    /// Writes `ev` over evaluation `id` (any revision if `revision` is `None`) and records
    /// it; returns the new revision.
    fn overwrite(
        &mut self,
        id: EvalId,
        revision: Option<i64>,
        ev: &Evaluation,
        kind: ChangeKind,
        label: &str,
        note: &str,
    ) -> Result<Option<i64>> {
        Store::check_key(ev)?;
        let path = self.path.clone();
        let actor = self.actor.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let current = overwrite_in(&tx, &actor, id, revision, ev, (kind, label, note), &sql)?;
        tx.commit().map_err(sql)?;
        Ok(Some(current + 1))
    }

    /// Stores an evaluation, replacing the stored one of the same key if any
    /// (`import --replace`). One transaction either way.
    pub fn replace(&mut self, ev: &Evaluation) -> Result<EvalId> {
        self.replace_from(ev, "")
    }

    /// The same, with where it came from (the file) for the history. A replaced
    /// evaluation keeps its id and so its history, which records the replacement.
    pub fn replace_from(&mut self, ev: &Evaluation, note: &str) -> Result<EvalId> {
        match self.find_of(ev)? {
            None => self.create_as(std::slice::from_ref(ev), ChangeKind::Import, note).map(|ids| ids[0]),
            Some(id) => {
                self.overwrite(id, None, ev, ChangeKind::Replace, "覆盖导入整份自评", note)?;
                Ok(id)
            }
        }
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

    /// Deletes the evaluations `condition` selects, unless one is filed. Their history
    /// stays (without the id, which SQLite may give a new evaluation), with a row saying
    /// they were deleted.
    fn delete_where(&mut self, condition: &str, id: EvalId) -> Result<usize> {
        let path = self.path.clone();
        let actor = self.actor.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let ids: Vec<EvalId> = {
            let mut stmt =
                tx.prepare(&format!("SELECT e.id FROM evaluation e WHERE {condition} ORDER BY e.id")).map_err(sql)?;
            stmt.query_map([id], |r| r.get(0)).map_err(sql)?.collect::<rusqlite::Result<_>>().map_err(sql)?
        };
        if ids.is_empty() {
            return Err(StoreError::Missing(id));
        }
        for &each in &ids {
            guard(&tx, each, None, &sql)?;
            close_open(&tx, each, None).map_err(sql)?;
            Store::note_whole(&tx, &actor, each, ChangeKind::Delete, "删除整份自评", "").map_err(sql)?;
            tx.execute("UPDATE change_log SET evaluation_id = NULL WHERE evaluation_id = ?1", [each]).map_err(sql)?;
            tx.execute("DELETE FROM evaluation WHERE id = ?1", [each]).map_err(sql)?;
        }
        remove_orphans(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(ids.len())
    }
}

/// Writes `ev` over evaluation `id` inside `tx`, if it is not filed (and still at
/// `revision`, when given), and records it in the history as `entry` (kind, label, note).
/// Returns the revision it had. `collect` writes through this too.
pub(super) fn overwrite_in(
    tx: &Transaction,
    actor: &Actor,
    id: EvalId,
    revision: Option<i64>,
    ev: &Evaluation,
    (kind, label, note): (ChangeKind, &str, &str),
    sql: &dyn Fn(rusqlite::Error) -> StoreError,
) -> Result<i64> {
    let old: Option<(String, String)> = tx
        .query_row("SELECT total, grade FROM evaluation WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(sql)?;
    let current = guard(tx, id, revision, sql)?;
    close_open(tx, id, None).map_err(sql)?;
    let org = organisation_id(tx, &ev.organisation.name).map_err(sql)?;
    let cols = row_columns();
    let sets = cols.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect::<Vec<_>>().join(", ");
    let update = format!("UPDATE evaluation SET {sets} WHERE id = ?{}", cols.len() + 1);
    let (mut values, new) = row_values(org, ev);
    values.push(Value::Integer(id));
    tx.execute(&update, rusqlite::params_from_iter(values))
        .map_err(|e| if is_unique_violation(&e) { Store::exists_error(ev) } else { sql(e) })?;
    write_children(tx, id, ev).map_err(sql)?;
    remove_orphans(tx).map_err(sql)?;
    bump(tx, id).map_err(sql)?;
    let old = old.map(|(t, g)| format!("总分 {t}，{g}")).unwrap_or_default();
    record(tx, actor, id, &Entry { kind, place: "", label, old: &old, new: &new, note, open: false }).map_err(sql)?;
    Ok(current)
}

/// What the history calls a whole evaluation: `衡阳县科技和工业信息化局 2024年部门整体自评`.
fn whole_label(ev: &Evaluation) -> String {
    ev.label()
}
