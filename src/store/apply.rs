//! Applying one confirmed change: only the part it touched is written (the field, the
//! row, the narrative section), with the cached totals, the revision and the history row,
//! in one transaction. The caller has scored and checked the changed evaluation once and
//! passes the results ([`Cached`]), so nothing is scored twice.
//!
//! A text area's later saves ([`Store::amend`]) are one small UPDATE of that section (and
//! of the cached totals, only when they changed): no history row is rewritten, and the
//! revision is bumped when the typing ends ([`Store::seal`]).

use super::log::{ChangeKind, Entry, close_open, record};
use super::write::{
    insert_indicator, organisation_id, remove_orphans, sql_value, update_indicator, write_funds, write_units,
};
use super::{EvalId, Result, Store, StoreError};
use crate::domain::change::{Change, Content, Slot};
use crate::domain::check::{Finding, counts};
use crate::domain::number::fixed;
use crate::domain::project::Kind;
use crate::domain::score::ScoreSheet;
use rusqlite::{OptionalExtension, Transaction, params};

/// What the list shows without rescoring: the total, the rule total, the grade and the
/// check counts of an evaluation as last saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cached {
    pub total: String,
    pub rule_total: String,
    pub grade: String,
    pub errors: i64,
    pub warnings: i64,
}

impl Cached {
    /// From a score sheet and the evaluation's own findings (`check`, without the checks
    /// against the year's other evaluations, which change when those do).
    pub fn of(sheet: &ScoreSheet, findings: &[Finding]) -> Cached {
        let (errors, warnings, _) = counts(findings);
        Cached {
            total: fixed(sheet.total, sheet.places),
            rule_total: fixed(sheet.rule_total, sheet.places),
            grade: sheet.grade.label().into(),
            errors: errors as i64,
            warnings: warnings as i64,
        }
    }
}

/// A change as stored: the evaluation's new revision and the history row's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub revision: i64,
    pub change: i64,
}

/// Whether an SQLite error is a UNIQUE constraint (another evaluation has the key).
pub(super) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// Refuses a change to an evaluation that is gone, was changed by someone else since
/// `revision`, or is filed. `revision` `None`: any revision (whole-evaluation writes).
pub(super) fn guard(
    tx: &Transaction,
    id: EvalId,
    revision: Option<i64>,
    sql: &dyn Fn(rusqlite::Error) -> StoreError,
) -> Result<i64> {
    let row: Option<(i64, Option<String>, Option<String>)> = tx
        .query_row("SELECT revision, filed_at, filed_by FROM evaluation WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()
        .map_err(sql)?;
    match row {
        None => Err(StoreError::Missing(id)),
        Some((_, Some(at), by)) => {
            Err(StoreError::Filed { at: super::filing::local_time(tx, &at), by: by.unwrap_or_default() })
        }
        Some((r, None, _)) if revision.is_some_and(|want| want != r) => Err(StoreError::Conflict),
        Some((r, None, _)) => Ok(r),
    }
}

/// The error for a key another evaluation has: the evaluation's key with the change.
fn key_taken(tx: &Transaction, id: EvalId, change: &Change) -> StoreError {
    let key: rusqlite::Result<(String, i32, String, String)> = tx.query_row(
        "SELECT o.name, e.year, e.kind, e.project_name FROM evaluation e JOIN organisation o ON o.id = e.organisation_id
         WHERE e.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    );
    let Ok((mut organisation, mut year, kind, mut project)) = key else { return StoreError::Conflict };
    match (change.slot, &change.after) {
        (Slot::Name, Content::Text(t)) => organisation = t.trim().to_string(),
        (Slot::Year, Content::Year(y)) => year = *y,
        (Slot::ProjectName, Content::Text(t)) => project = t.trim().to_string(),
        _ => {}
    }
    if kind == Kind::Project.key() {
        StoreError::ProjectExists { organisation, year, project }
    } else {
        StoreError::Exists { organisation, year }
    }
}

/// Writes the part of evaluation `id` that `change` touched, and nothing else.
fn write_slot(tx: &Transaction, id: EvalId, change: &Change) -> rusqlite::Result<()> {
    match (change.slot, &change.after) {
        (Slot::Field(f), Content::Field(v)) => {
            tx.execute(
                &format!("UPDATE evaluation SET {} = ?1 WHERE id = ?2", f.column()),
                params![sql_value(v.clone()), id],
            )?;
        }
        (Slot::Name, Content::Text(name)) => {
            let org = organisation_id(tx, name)?;
            tx.execute("UPDATE evaluation SET organisation_id = ?1 WHERE id = ?2", params![org, id])?;
            remove_orphans(tx)?;
        }
        (Slot::Year, Content::Year(year)) => {
            tx.execute("UPDATE evaluation SET year = ?1 WHERE id = ?2", params![year, id])?;
        }
        (Slot::ProjectName, Content::Text(name)) => {
            tx.execute("UPDATE evaluation SET project_name = ?1 WHERE id = ?2", params![name.trim(), id])?;
        }
        (Slot::Narrative(section), Content::Text(body)) => {
            super::narrative::write_section(tx, id, section.key(), body)?
        }
        (Slot::Units(list), Content::Names(names)) => write_units(tx, id, list.key(), names)?,
        (Slot::SpecialFunds, Content::Funds(funds)) => write_funds(tx, id, funds)?,
        (Slot::Row(i), Content::Row(row)) => update_indicator(tx, id, i, row)?,
        (Slot::Rows, Content::Rows(after)) => {
            let Content::Rows(before) = &change.before else { unreachable!("a grid change has the grid before it") };
            write_rows(tx, id, before, after)?;
        }
        (Slot::Template, Content::Template(template)) => {
            let json = serde_json::to_string(template).expect("a template always serialises");
            tx.execute("UPDATE evaluation SET template = ?1 WHERE id = ?2", params![json, id])?;
        }
        (slot, content) => unreachable!("{content:?} does not fit {slot:?}"),
    }
    Ok(())
}

/// The grid: rows that changed in place are rewritten one by one; when rows were inserted
/// or deleted, the rows from the first difference on.
fn write_rows(
    tx: &Transaction,
    id: EvalId,
    before: &[crate::domain::model::Indicator],
    after: &[crate::domain::model::Indicator],
) -> rusqlite::Result<()> {
    let first = before.iter().zip(after).take_while(|(b, a)| b == a).count();
    if before.len() == after.len() {
        for (i, (b, a)) in before.iter().zip(after).enumerate().skip(first) {
            if b != a {
                update_indicator(tx, id, i, a)?;
            }
        }
        return Ok(());
    }
    tx.execute("DELETE FROM indicator WHERE evaluation_id = ?1 AND position >= ?2", params![id, first as i64])?;
    for (i, row) in after.iter().enumerate().skip(first) {
        insert_indicator(tx, id, i, row)?;
    }
    Ok(())
}

/// The cached totals, only if they differ from what is stored (no page is written otherwise).
fn write_cached(tx: &Transaction, id: EvalId, c: &Cached) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE evaluation SET total = ?2, rule_total = ?3, grade = ?4, errors = ?5, warnings = ?6
         WHERE id = ?1 AND NOT (total = ?2 AND rule_total = ?3 AND grade = ?4 AND errors = ?5 AND warnings = ?6)",
    )?
    .execute(params![id, c.total, c.rule_total, c.grade, c.errors, c.warnings])?;
    Ok(())
}

pub(super) fn bump(tx: &Transaction, id: EvalId) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE evaluation SET revision = revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

impl Store {
    /// Applies a confirmed change to evaluation `id` if nobody changed it since
    /// `revision` and it is not filed: writes the touched part, `cached`, the new
    /// revision and a history row (`open` for a text still being typed), in one
    /// transaction.
    #[allow(clippy::too_many_arguments)] // each is a different part of one change
    pub fn apply(
        &mut self,
        id: EvalId,
        revision: i64,
        change: &Change,
        kind: ChangeKind,
        label: &str,
        open: bool,
        cached: &Cached,
    ) -> Result<Applied> {
        if let (Slot::ProjectName, Content::Text(t)) = (change.slot, &change.after)
            && t.trim().is_empty()
        {
            return Err(StoreError::NoProjectName);
        }
        let (path, actor) = (self.path.clone(), self.actor.clone());
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        guard(&tx, id, Some(revision), &sql)?;
        close_open(&tx, id, None).map_err(sql)?;
        write_slot(&tx, id, change)
            .map_err(|e| if is_unique_violation(&e) { key_taken(&tx, id, change) } else { sql(e) })?;
        write_cached(&tx, id, cached).map_err(sql)?;
        bump(&tx, id).map_err(sql)?;
        let d = change.describe();
        // An open row's new value is the text as stored: not written twice (unless its
        // place is one that text cannot be read back from).
        let new = if open && super::log::resolvable(&d.place) { "" } else { d.new.as_str() };
        let entry = Entry { kind, place: &d.place, label, old: &d.old, new, note: "", open };
        let row = record(&tx, &actor, id, &entry).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(Applied { revision: revision + 1, change: row })
    }

    /// A later save of a text being typed (`change` is its open history row): one UPDATE
    /// of its slot, and of the cached totals if they changed. The revision stays.
    pub fn amend(&mut self, id: EvalId, revision: i64, slot: Slot, after: &Content, cached: &Cached) -> Result<()> {
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        guard(&tx, id, Some(revision), &sql)?;
        let change = Change { slot, before: after.clone(), after: after.clone() };
        write_slot(&tx, id, &change).map_err(sql)?;
        write_cached(&tx, id, cached).map_err(sql)?;
        tx.commit().map_err(sql)
    }

    /// Ends the typing of a text: its history row gets the whole change (the text as it
    /// was before typing began and as it is now) and is closed; the revision is bumped.
    /// Returns the new revision.
    pub fn seal(&mut self, id: EvalId, revision: i64, row: i64, change: &Change) -> Result<i64> {
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        guard(&tx, id, Some(revision), &sql)?;
        let d = change.describe();
        tx.execute(
            "UPDATE change_log SET place = ?2, old = ?3, new = ?4, open = 0 WHERE id = ?1",
            params![row, d.place, d.old, d.new],
        )
        .map_err(sql)?;
        bump(&tx, id).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(revision + 1)
    }

    /// Records a change of the whole evaluation (created, imported, deleted, filed …).
    pub(super) fn note_whole(
        tx: &Transaction,
        actor: &super::log::Actor,
        id: EvalId,
        kind: ChangeKind,
        label: &str,
        note: &str,
    ) -> rusqlite::Result<()> {
        record(tx, actor, id, &Entry::whole(kind, label, note)).map(drop)
    }
}
