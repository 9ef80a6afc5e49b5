//! Each evaluation's line of the bureau's review, kept in `review_line`
//! (`migrations/0007_review_line.sql`): a county's review reads its stored lines and
//! scores only the evaluations changed since (the triggers delete a changed
//! evaluation's line, and its department's).
//!
//! The lines are a cache. Computing one never fails the review for want of writing
//! it: a line that cannot be stored (the database busy, full, or changed by someone
//! else meanwhile) is used as computed and computed again next time.

use super::{EvalId, Result, Store, StoreError};
use crate::domain::project::{Kind, ProjectLine};
use crate::domain::review::{County, GRADES, GradeCounts, HandIn, Line, grade_index, line_and_project, on_all_cores};
use crate::domain::score::Grade;
use rusqlite::{Transaction, TransactionBehavior, params};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::time::Duration;

/// Which release computed a line, and in which format: lines of any other are stale.
/// Bump the suffix when a change to scoring, checks or `Line` ships without a new version.
const ENGINE: &str = concat!(env!("CARGO_PKG_VERSION"), "/1");

/// How long storing lines waits for another program's write before giving up: the
/// lines are a cache, not worth keeping a reviewer waiting for.
const CACHE_WAIT: Duration = Duration::from_millis(100);

/// How many stale evaluations are loaded at once: enough to keep the cores busy, few
/// enough that a county's first review never holds thousands of tables in memory.
const BATCH: usize = 128;

/// Lines computed but not stored, by evaluation.
type Unstored = HashMap<EvalId, Line>;

/// An evaluation whose line is to be computed.
struct Stale {
    id: EvalId,
    kind: Kind,
    organisation: i64,
}

impl Store {
    /// The county's review of `year`: its lines, last year's beside them when stored,
    /// and the grade counts of every stored year (`years`, as `Store::years` gives them).
    pub fn review_county(&self, years: &[i32], year: i32, threshold: Decimal) -> Result<County> {
        let lines = self.review_lines(year)?;
        let previous = if years.contains(&(year - 1)) { Some(self.review_lines(year - 1)?) } else { None };
        let by_year = self.review_grades(years)?;
        Ok(County::of(year, lines, previous.as_deref(), by_year, threshold))
    }

    /// Every evaluation of `year` as a line of the review, by organisation, kind and project.
    pub fn review_lines(&self, year: i32) -> Result<Vec<Line>> {
        match self.read_lines(year)? {
            Ok(lines) => Ok(lines),
            // A stored line that cannot be read (damaged on disk, or written by a build
            // whose `Line` differs under the same engine) is dropped and made again.
            Err(unreadable) => {
                self.drop_lines(&unreadable)?;
                self.read_lines(year)?.map_err(|ids| StoreError::BadData {
                    what: "复核结果".into(),
                    value: format!("自评编号 {ids:?} 的复核结果无法读取"),
                })
            }
        }
    }

    /// Makes and stores the lines of `year` that are missing, without reading the others
    /// (what `collect` does for the review that follows it). A line that cannot be
    /// stored now is made by the review itself.
    pub fn prepare_review(&self, year: i32) -> Result<()> {
        self.refresh_lines(year).map(drop)
    }

    /// The lines of `year`, or the evaluations whose stored line cannot be read.
    fn read_lines(&self, year: i32) -> Result<std::result::Result<Vec<Line>, Vec<EvalId>>> {
        let mut unstored = self.refresh_lines(year)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.id, CASE WHEN r.engine = ?2 THEN r.line END
                 FROM evaluation e JOIN organisation o ON o.id = e.organisation_id
                 LEFT JOIN review_line r ON r.evaluation_id = e.id
                 WHERE e.year = ?1 ORDER BY o.name, e.kind, e.project_name",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![year, ENGINE], |r| Ok((r.get::<_, EvalId>(0)?, r.get::<_, Option<String>>(1)?)))
            .map_err(|e| self.sql(e))?;
        let mut lines = Vec::new();
        let mut unreadable = Vec::new();
        for row in rows {
            let (id, json) = row.map_err(|e| self.sql(e))?;
            match (unstored.remove(&id), json) {
                (Some(line), _) => lines.push(line),
                (None, Some(json)) => match serde_json::from_str(&json) {
                    Ok(line) => lines.push(line),
                    Err(_) => unreadable.push(id),
                },
                // Added by someone else after the refresh: in the next review.
                (None, None) => {}
            }
        }
        Ok(if unreadable.is_empty() { Ok(lines) } else { Err(unreadable) })
    }

    /// Deletes stored lines, so that the next read makes them again.
    fn drop_lines(&self, ids: &[EvalId]) -> Result<()> {
        let mut stmt =
            self.conn.prepare_cached("DELETE FROM review_line WHERE evaluation_id = ?1").map_err(|e| self.sql(e))?;
        for id in ids {
            stmt.execute([id]).map_err(|e| self.sql(e))?;
        }
        Ok(())
    }

    /// Grade counts by year, filed and by rule, of `years` (ascending).
    pub fn review_grades(&self, years: &[i32]) -> Result<Vec<GradeCounts>> {
        let mut counts: Vec<GradeCounts> = years.iter().map(|&y| (y, [0; 4], [0; 4])).collect();
        let mut add = |year: i32, grade: Grade, rule: Grade, n: usize| {
            if let Some(c) = counts.iter_mut().find(|c| c.0 == year) {
                c.1[grade_index(grade)] += n;
                c.2[grade_index(rule)] += n;
            }
        };
        for &year in years {
            for line in self.refresh_lines(year)?.values() {
                add(year, line.grade, line.rule_grade, 1);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.year, r.grade, r.rule_grade, count(*) FROM evaluation e
                 JOIN review_line r ON r.evaluation_id = e.id AND r.engine = ?1 GROUP BY 1, 2, 3",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([ENGINE], |r| {
                Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?))
            })
            .map_err(|e| self.sql(e))?;
        for row in rows {
            let (year, grade, rule, n) = row.map_err(|e| self.sql(e))?;
            add(year, grade_of(&grade)?, grade_of(&rule)?, usize::try_from(n).unwrap_or(0));
        }
        counts.retain(|(_, filed, _)| filed.iter().sum::<usize>() > 0);
        Ok(counts)
    }

    /// Computes the lines of `year`'s evaluations that have none (or a stale one) and
    /// stores them where it can: projects first, since a department's checks read its
    /// projects' lines. Returns the lines it could not store.
    fn refresh_lines(&self, year: i32) -> Result<Unstored> {
        let stale = self.stale_lines(year)?;
        let mut unstored = Unstored::new();
        if stale.is_empty() {
            return Ok(unstored);
        }
        let (projects, departments): (Vec<_>, Vec<_>) = stale.into_iter().partition(|s| s.kind == Kind::Project);
        let mut fresh_projects: HashMap<EvalId, ProjectLine> = HashMap::new();
        for batch in projects.chunks(BATCH) {
            let (hand_ins, version) = self.load_hand_ins(batch)?;
            let computed = on_all_cores(&hand_ins, |h| line_and_project(h, &[]));
            for (h, (_, project)) in hand_ins.iter().zip(&computed) {
                if let Some(p) = project {
                    fresh_projects.insert(h.reference, p.clone());
                }
            }
            self.keep(computed, version, &mut unstored);
        }
        if departments.is_empty() {
            return Ok(unstored);
        }
        let mut organisations: Vec<i64> = departments.iter().map(|s| s.organisation).collect();
        organisations.sort_unstable();
        organisations.dedup();
        let projects_of = self.project_lines(year, &organisations, fresh_projects)?;
        for batch in departments.chunks(BATCH) {
            let (hand_ins, version) = self.load_hand_ins(batch)?;
            let pairs: Vec<(&HandIn, i64)> = hand_ins.iter().zip(batch.iter().map(|s| s.organisation)).collect();
            let computed = on_all_cores(&pairs, |(h, org)| {
                let mine = projects_of.get(org).map_or(&[][..], Vec::as_slice);
                line_and_project(h, mine)
            });
            self.keep(computed, version, &mut unstored);
        }
        Ok(unstored)
    }

    /// The evaluations of `year` whose line is missing or from another engine.
    fn stale_lines(&self, year: i32) -> Result<Vec<Stale>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.kind, e.organisation_id FROM evaluation e
                 LEFT JOIN review_line r ON r.evaluation_id = e.id AND r.engine = ?2
                 WHERE e.year = ?1 AND r.evaluation_id IS NULL",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![year, ENGINE], |r| {
                Ok((r.get::<_, EvalId>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, organisation) = row.map_err(|e| self.sql(e))?;
            let kind = Kind::from_key(&kind)
                .ok_or_else(|| StoreError::BadData { what: "自评类型".into(), value: kind })?;
            out.push(Stale { id, kind, organisation });
        }
        Ok(out)
    }

    /// The hand-ins of `batch`, read in one snapshot, with the database's
    /// `data_version` from before it: if another connection commits before the lines
    /// are stored, they may be of an evaluation as it no longer is, and are not stored.
    fn load_hand_ins(&self, batch: &[Stale]) -> Result<(Vec<HandIn>, i64)> {
        let version = data_version(&self.conn).map_err(|e| self.sql(e))?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred).map_err(|e| self.sql(e))?;
        let hand_ins = batch.iter().map(|s| self.hand_in(s.id)).collect::<Result<Vec<_>>>()?;
        tx.commit().map_err(|e| self.sql(e))?;
        Ok((hand_ins, version))
    }

    /// The lines of `year`'s projects of `organisations` (the departments to be made),
    /// in the order of their names: those just computed, and the stored ones. Only those
    /// organisations': one department edited must not read a county's projects.
    fn project_lines(
        &self,
        year: i32,
        organisations: &[i64],
        mut fresh: HashMap<EvalId, ProjectLine>,
    ) -> Result<HashMap<i64, Vec<ProjectLine>>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.id, r.project_line FROM evaluation e
                 LEFT JOIN review_line r ON r.evaluation_id = e.id AND r.engine = ?3
                 WHERE e.organisation_id = ?1 AND e.year = ?2 AND e.kind = 'project' ORDER BY e.project_name",
            )
            .map_err(|e| self.sql(e))?;
        let mut out: HashMap<i64, Vec<ProjectLine>> = HashMap::new();
        for &org in organisations {
            let rows = stmt
                .query_map(params![org, year, ENGINE], |r| Ok((r.get::<_, EvalId>(0)?, r.get::<_, Option<String>>(1)?)))
                .map_err(|e| self.sql(e))?;
            for row in rows {
                let (id, json) = row.map_err(|e| self.sql(e))?;
                let line = match (fresh.remove(&id), json) {
                    (Some(line), _) => line,
                    (None, Some(json)) => serde_json::from_str(&json).map_err(|e| StoreError::BadData {
                        what: format!("项目情况（自评编号 {id}）"),
                        value: e.to_string(),
                    })?,
                    (None, None) => continue,
                };
                out.entry(org).or_default().push(line);
            }
        }
        Ok(out)
    }

    /// Stores computed lines in one transaction when nobody else wrote since they were
    /// read; whatever is not stored goes into `unstored`. Waits only briefly for another
    /// program's write (`CACHE_WAIT`), and not at all once a batch could not be stored.
    fn keep(&self, computed: Vec<(Line, Option<ProjectLine>)>, version: i64, unstored: &mut Unstored) {
        let stored = unstored.is_empty() && {
            let wait = self.busy_wait.get();
            let _ = self.conn.busy_timeout(wait.min(CACHE_WAIT));
            let stored = self.store_lines(&computed, version).unwrap_or(false);
            let _ = self.conn.busy_timeout(wait);
            stored
        };
        if !stored {
            unstored.extend(computed.into_iter().map(|(line, _)| (line.reference, line)));
        }
    }

    fn store_lines(&self, computed: &[(Line, Option<ProjectLine>)], version: i64) -> rusqlite::Result<bool> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        if data_version(&tx)? != version {
            return Ok(false);
        }
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO review_line (evaluation_id, engine, grade, rule_grade, line, project_line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (line, project) in computed {
                let json = serde_json::to_string(line).expect("a line always serialises");
                let project =
                    project.as_ref().map(|p| serde_json::to_string(p).expect("a project line always serialises"));
                insert.execute(params![
                    line.reference,
                    ENGINE,
                    line.grade.label(),
                    line.rule_grade.label(),
                    json,
                    project
                ])?;
            }
        }
        tx.commit()?;
        Ok(true)
    }
}

fn data_version(conn: &rusqlite::Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}

fn grade_of(label: &str) -> Result<Grade> {
    Grade::from_label(label)
        .filter(|g| GRADES.contains(g))
        .ok_or_else(|| StoreError::BadData { what: "复核等级".into(), value: label.into() })
}
