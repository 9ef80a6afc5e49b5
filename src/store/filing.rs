//! Filed (已提交) evaluations: locked against every change until unlocked with a reason.
//! The lock is kept in the evaluation's row and checked inside every write transaction
//! (`apply::guard`), so no path can change a filed evaluation, whoever wrote it;
//! [`Store::editable`] is the same check for code that wants to ask before it starts.

use super::log::ChangeKind;
use super::{EvalId, Result, Store, StoreError};
use rusqlite::{OptionalExtension, params};

/// When an evaluation was filed and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    /// Local time, `2025-03-10 10:15`.
    pub at: String,
    pub by: String,
}

impl Filing {
    /// `已提交（张三，2025-03-10 10:15）`.
    pub fn label(&self) -> String {
        format!("已提交（{}，{}）", self.by, self.at)
    }
}

/// A stored UTC time as local time to the minute, for messages.
pub(super) fn local_time(conn: &rusqlite::Connection, utc: &str) -> String {
    conn.query_row("SELECT strftime('%Y-%m-%d %H:%M', ?1, 'localtime')", [utc], |r| r.get::<_, Option<String>>(0))
        .ok()
        .flatten()
        .unwrap_or_else(|| utc.to_string())
}

impl Store {
    /// Whether evaluation `id` is filed, and when and by whom.
    pub fn filing(&self, id: EvalId) -> Result<Option<Filing>> {
        let row: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row("SELECT filed_at, filed_by FROM evaluation WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(|e| self.sql(e))?;
        match row {
            None => Err(StoreError::Missing(id)),
            Some((None, _)) => Ok(None),
            Some((Some(at), by)) => Ok(Some(Filing { at: local_time(&self.conn, &at), by: by.unwrap_or_default() })),
        }
    }

    /// The one check before changing an evaluation: `Err(Filed)` if it is filed.
    pub fn editable(&self, id: EvalId) -> Result<()> {
        match self.filing(id)? {
            None => Ok(()),
            Some(f) => Err(StoreError::Filed { at: f.at, by: f.by }),
        }
    }

    /// Files (locks) an evaluation: read-only from now on, in the UI and the CLI.
    pub fn lock(&mut self, id: EvalId) -> Result<Filing> {
        let (path, actor) = (self.path.clone(), self.actor.clone());
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        super::apply::guard(&tx, id, None, &sql)?;
        super::log::close_open(&tx, id, None).map_err(sql)?;
        tx.execute(
            "UPDATE evaluation SET filed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), filed_by = ?2 WHERE id = ?1",
            params![id, actor.label()],
        )
        .map_err(sql)?;
        Store::note_whole(&tx, &actor, id, ChangeKind::Lock, "锁定为只读", "").map_err(sql)?;
        tx.commit().map_err(sql)?;
        self.filing(id)?.ok_or(StoreError::Missing(id))
    }

    /// Unlocks a filed evaluation; the reason is required and kept in the history.
    pub fn unlock(&mut self, id: EvalId, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::NoReason);
        }
        let (path, actor) = (self.path.clone(), self.actor.clone());
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let filed: Option<String> = tx
            .query_row("SELECT filed_at FROM evaluation WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(sql)?
            .ok_or(StoreError::Missing(id))?;
        if filed.is_none() {
            return Err(StoreError::NotFiled);
        }
        tx.execute("UPDATE evaluation SET filed_at = NULL, filed_by = NULL WHERE id = ?1", [id]).map_err(sql)?;
        Store::note_whole(&tx, &actor, id, ChangeKind::Unlock, "恢复可编辑", reason).map_err(sql)?;
        tx.commit().map_err(sql)
    }
}
