//! What `jixiao collect` stored (`migrations/0006_collected.sql`): the file each
//! evaluation came from, its content as collected (by hash and revision, to tell a
//! local edit from a stale copy) and the total the hand-in states, with which an
//! evaluation is handed to the bureau's review.

use super::apply::is_unique_violation;
use super::log::ChangeKind;
use super::read::decimal;
use super::write::{insert, overwrite_in};
use super::{EvalId, Result, Store, StoreError};
use crate::domain::model::Evaluation;
use crate::domain::review::HandIn;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

/// The file's name, as the history notes where a collected evaluation came from.
fn file_name(source: &str) -> String {
    std::path::Path::new(source).file_name().map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The record of one collected evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collected {
    pub source: String,
    pub file_hash: String,
    pub content_hash: String,
    /// The evaluation's revision right after it was collected: a later one means it was
    /// saved here since.
    pub revision: i64,
    pub stated_total: Option<Decimal>,
}

/// One evaluation to store from a collect: new (`existing` none) or over a stored one.
pub struct CollectWrite<'a> {
    pub evaluation: &'a Evaluation,
    pub existing: Option<EvalId>,
    pub source: String,
    pub file_hash: String,
    pub content_hash: String,
    pub stated_total: Option<Decimal>,
}

impl Store {
    /// The collect record of an evaluation, if it was collected.
    pub fn collected(&self, id: EvalId) -> Result<Option<Collected>> {
        let row = self
            .conn
            .query_row(
                "SELECT source, file_hash, content_hash, revision, stated_total FROM collected WHERE evaluation_id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        row.map(|(source, file_hash, content_hash, revision, stated)| {
            Ok(Collected {
                source,
                file_hash,
                content_hash,
                revision,
                stated_total: stated.map(|s| decimal("表格总分", &s)).transpose()?,
            })
        })
        .transpose()
    }

    /// The evaluations collected from a file with these bytes, each with whether it is
    /// as collected (nobody saved it since).
    pub fn from_file(&self, file_hash: &str) -> Result<Vec<(EvalId, bool)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.evaluation_id, c.revision = e.revision FROM collected c
                 JOIN evaluation e ON e.id = c.evaluation_id WHERE c.file_hash = ?1 ORDER BY c.evaluation_id",
            )
            .map_err(|e| self.sql(e))?;
        let ids = stmt.query_map([file_hash], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        ids.collect::<rusqlite::Result<Vec<(EvalId, bool)>>>().map_err(|e| self.sql(e))
    }

    /// The hashes of the collected files none of whose evaluations was saved since.
    pub fn unchanged_files(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.file_hash FROM collected c JOIN evaluation e ON e.id = c.evaluation_id
                 GROUP BY c.file_hash HAVING min(c.revision = e.revision) = 1",
            )
            .map_err(|e| self.sql(e))?;
        let hashes = stmt.query_map([], |r| r.get(0)).map_err(|e| self.sql(e))?;
        hashes.collect::<rusqlite::Result<_>>().map_err(|e| self.sql(e))
    }

    /// Stores a collect's evaluations and their records in one transaction: all or none.
    /// Each goes through the store's one write path, so the history records it (kind
    /// 导入, the file as its note), and a filed (已提交) evaluation is refused.
    /// `touched` are stored evaluations the collect leaves as they are, whose record is
    /// renewed (a file moved, or an evaluation found equal to its file).
    pub fn write_collected(&mut self, writes: &[CollectWrite], touched: &[CollectWrite]) -> Result<Vec<EvalId>> {
        for w in writes {
            Store::check_key(w.evaluation)?;
        }
        let path = self.path.clone();
        let actor = self.actor.clone();
        let sql = |e: rusqlite::Error| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let record = |tx: &rusqlite::Transaction, id: EvalId, w: &CollectWrite| {
            tx.execute(
                "INSERT OR REPLACE INTO collected (evaluation_id, source, file_hash, content_hash, revision, stated_total)
                 SELECT id, ?2, ?3, ?4, revision, ?5 FROM evaluation WHERE id = ?1",
                params![id, w.source, w.file_hash, w.content_hash, w.stated_total.map(|t| t.to_string())],
            )
        };
        let mut ids = Vec::with_capacity(writes.len());
        for w in writes {
            let note = file_name(&w.source);
            let id = match w.existing {
                Some(id) => {
                    let entry = (ChangeKind::Import, "收集覆盖整份自评", note.as_str());
                    overwrite_in(&tx, &actor, id, None, w.evaluation, entry, &sql)?;
                    id
                }
                None => {
                    let id = insert(&tx, w.evaluation).map_err(|e| {
                        if is_unique_violation(&e) { Store::exists_error(w.evaluation) } else { sql(e) }
                    })?;
                    Store::note_whole(&tx, &actor, id, ChangeKind::Import, &w.evaluation.label(), &note)
                        .map_err(sql)?;
                    id
                }
            };
            record(&tx, id, w).map_err(sql)?;
            ids.push(id);
        }
        for w in touched {
            if let Some(id) = w.existing {
                record(&tx, id, w).map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)?;
        Ok(ids)
    }

    /// The years that have evaluations, ascending.
    pub fn years(&self) -> Result<Vec<i32>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT DISTINCT year FROM evaluation ORDER BY year").map_err(|e| self.sql(e))?;
        let years = stmt.query_map([], |r| r.get(0)).map_err(|e| self.sql(e))?;
        years.collect::<rusqlite::Result<Vec<i32>>>().map_err(|e| self.sql(e))
    }

    /// An evaluation as handed in, with the total its hand-in states where it was
    /// collected and not edited here since (an edit makes the stated total stale).
    pub fn hand_in(&self, id: EvalId) -> Result<HandIn> {
        let stated: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT CASE WHEN c.revision = e.revision THEN c.stated_total END
                 FROM evaluation e LEFT JOIN collected c ON c.evaluation_id = e.id WHERE e.id = ?1",
            )
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))?
            .flatten();
        Ok(HandIn {
            reference: id,
            evaluation: self.load(id)?.evaluation,
            stated_total: stated.map(|s| decimal("表格总分", &s)).transpose()?,
        })
    }
}
