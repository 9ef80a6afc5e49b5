//! The history (an audit trail): every saved change with when, who, where, the old and the
//! new value, written by the same transaction as the change, so that no kill can leave
//! one without the other.
//!
//! A text typed into a text area is saved after every batch of keys. Rewriting its
//! history row each time would double what every key costs the disk, so the row is
//! written once, when typing starts, marked `open`; while open, its new value is the
//! text as stored at its place. It is closed with the final text when the text area is
//! closed ([`Store::seal`]), or, after a kill, by the next change of that evaluation.

use super::{EvalId, Result, Store};
use rusqlite::{OptionalExtension, Transaction, params};

/// Who is making changes: the operating-system user, and the SSH client's address when
/// jixiao runs in an SSH session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub client: String,
}

impl Actor {
    /// From the environment: `USER` (or `LOGNAME`, or the numeric user id), and the first
    /// word of `SSH_CLIENT` or `SSH_CONNECTION`.
    pub fn from_env() -> Actor {
        let var = |name: &str| std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let user = var("USER").or_else(|| var("LOGNAME")).or_else(|| var("USERNAME")).unwrap_or_else(uid_name);
        let client = var("SSH_CLIENT")
            .or_else(|| var("SSH_CONNECTION"))
            .and_then(|v| v.split_whitespace().next().map(str::to_string))
            .unwrap_or_default();
        Actor { user, client }
    }

    /// `张三` or `张三（来自 10.0.0.8）`.
    pub fn label(&self) -> String {
        if self.client.is_empty() { self.user.clone() } else { format!("{}（来自 {}）", self.user, self.client) }
    }
}

/// The user's name from `/etc/passwd` by the process's user id, or `uid 1000`, when no
/// name is in the environment (a service, `env -i`, some `su`).
fn uid_name() -> String {
    let uid = std::fs::read_to_string("/proc/self/status").ok().and_then(|s| {
        s.lines().find_map(|l| l.strip_prefix("Uid:").and_then(|r| r.split_whitespace().next().map(str::to_string)))
    });
    let Some(uid) = uid else { return "未知用户".to_string() };
    let named = std::fs::read_to_string("/etc/passwd").ok().and_then(|p| {
        p.lines().find_map(|l| {
            let mut f = l.split(':');
            let (name, _, id) = (f.next()?, f.next()?, f.next()?);
            (id == uid).then(|| name.to_string())
        })
    });
    named.unwrap_or_else(|| format!("uid {uid}"))
}

/// What kind of change a history row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Create,
    Import,
    Replace,
    NewYear,
    Edit,
    Undo,
    Redo,
    Lock,
    Unlock,
    Delete,
    Restore,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 11] = [
        ChangeKind::Create,
        ChangeKind::Import,
        ChangeKind::Replace,
        ChangeKind::NewYear,
        ChangeKind::Edit,
        ChangeKind::Undo,
        ChangeKind::Redo,
        ChangeKind::Lock,
        ChangeKind::Unlock,
        ChangeKind::Delete,
        ChangeKind::Restore,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::Create => "create",
            ChangeKind::Import => "import",
            ChangeKind::Replace => "replace",
            ChangeKind::NewYear => "new_year",
            ChangeKind::Edit => "edit",
            ChangeKind::Undo => "undo",
            ChangeKind::Redo => "redo",
            ChangeKind::Lock => "lock",
            ChangeKind::Unlock => "unlock",
            ChangeKind::Delete => "delete",
            ChangeKind::Restore => "restore",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Create => "新建",
            ChangeKind::Import => "导入",
            ChangeKind::Replace => "覆盖导入",
            ChangeKind::NewYear => "由上年新建",
            ChangeKind::Edit => "修改",
            ChangeKind::Undo => "撤销",
            ChangeKind::Redo => "重做",
            ChangeKind::Lock => "提交",
            ChangeKind::Unlock => "解锁",
            ChangeKind::Delete => "删除",
            ChangeKind::Restore => "恢复备份",
        }
    }

    pub fn from_key(key: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One row of the history, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRecord {
    pub id: i64,
    /// Local time, `2025-03-10 10:15:02`.
    pub at: String,
    pub user: String,
    pub client: String,
    pub kind: ChangeKind,
    pub place: String,
    pub label: String,
    pub old: String,
    pub new: String,
    pub note: String,
    /// Still being typed: `new` is the text as stored now.
    pub open: bool,
}

impl ChangeRecord {
    pub fn who(&self) -> String {
        Actor { user: self.user.clone(), client: self.client.clone() }.label()
    }
}

/// What a history row says about a change, before it is written.
pub struct Entry<'a> {
    pub kind: ChangeKind,
    pub place: &'a str,
    pub label: &'a str,
    pub old: &'a str,
    pub new: &'a str,
    pub note: &'a str,
    pub open: bool,
}

impl<'a> Entry<'a> {
    /// A row about the whole evaluation (created, imported, locked …).
    pub fn whole(kind: ChangeKind, label: &'a str, note: &'a str) -> Entry<'a> {
        Entry { kind, place: "", label, old: "", new: "", note, open: false }
    }
}

/// Writes a history row for evaluation `id`, with its key as it is now; returns its id.
pub(super) fn record(tx: &Transaction, actor: &Actor, id: EvalId, e: &Entry) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO change_log (evaluation_id, organisation, year, kind, project_name, user, client,
                                 action, place, label, old, new, note, open)
         SELECT e.id, o.name, e.year, e.kind, e.project_name, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
         FROM evaluation e JOIN organisation o ON o.id = e.organisation_id WHERE e.id = ?1",
    )?
    .execute(params![
        id,
        actor.user,
        actor.client,
        e.kind.key(),
        e.place,
        e.label,
        e.old,
        e.new,
        e.note,
        e.open
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Whether [`current_text`] can read the text at a place: only then may an open row
/// leave its new value to be read from there.
pub(super) fn resolvable(place: &str) -> bool {
    let parts: Vec<&str> = place.split(':').collect();
    match parts[..] {
        ["narrative", _] => true,
        ["field", column] => crate::domain::field::Field::from_column(column)
            .is_some_and(|f| f.kind() == crate::domain::field::FieldKind::LongText),
        ["indicator", _, "criterion" | "deviation_reason" | "name"] => true,
        _ => false,
    }
}

/// The text stored now at a place a text area writes (a long-text field, a narrative
/// section, a long-text cell of the grid): what an open row's new value is.
fn current_text(conn: &rusqlite::Connection, id: EvalId, place: &str) -> rusqlite::Result<Option<String>> {
    let mut parts = place.split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("narrative"), Some(section), None) => super::narrative::read_section(conn, id, section).map(Some),
        (Some("field"), Some(column), None)
            if crate::domain::field::Field::from_column(column)
                .is_some_and(|f| f.kind() == crate::domain::field::FieldKind::LongText) =>
        {
            conn.query_row(&format!("SELECT {column} FROM evaluation WHERE id = ?1"), [id], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()
            .map(|v| Some(v.flatten().unwrap_or_default()))
        }
        (Some("indicator"), Some(n), Some(column @ ("criterion" | "deviation_reason" | "name"))) => {
            let position = n.parse::<i64>().unwrap_or(0) - 1;
            conn.query_row(
                &format!("SELECT {column} FROM indicator WHERE evaluation_id = ?1 AND position = ?2"),
                params![id, position],
                |r| r.get(0),
            )
            .optional()
        }
        _ => Ok(None),
    }
}

/// Closes the open rows of evaluation `id` (typing that a kill interrupted) with the text
/// stored at their places, leaving `except` (the typing under way) open.
pub(super) fn close_open(tx: &Transaction, id: EvalId, except: Option<i64>) -> rusqlite::Result<()> {
    let open: Vec<(i64, String)> = {
        let mut stmt = tx.prepare_cached("SELECT id, place FROM change_log WHERE evaluation_id = ?1 AND open = 1")?;
        stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    for (row, place) in open.into_iter().filter(|(row, _)| Some(*row) != except) {
        let text = current_text(tx, id, &place)?;
        tx.execute("UPDATE change_log SET new = coalesce(?2, new), open = 0 WHERE id = ?1", params![row, text])?;
    }
    Ok(())
}

impl Store {
    /// The history of an evaluation, oldest first; rows still being typed show the text
    /// stored now.
    pub fn changes(&self, id: EvalId) -> Result<Vec<ChangeRecord>> {
        let sql = |e| self.sql(e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, strftime('%Y-%m-%d %H:%M:%S', at, 'localtime'), user, client, action, place, label,
                        old, new, note, open
                 FROM change_log WHERE evaluation_id = ?1 ORDER BY id",
            )
            .map_err(sql)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, bool>(10)?,
                ))
            })
            .map_err(sql)?;
        let mut out = Vec::new();
        for row in rows {
            let (rid, at, user, client, action, place, label, old, mut new, note, open) = row.map_err(sql)?;
            if open && let Some(text) = current_text(&self.conn, id, &place).map_err(sql)? {
                new = text;
            }
            let kind = ChangeKind::from_key(&action).ok_or_else(|| super::read::bad("修改记录", &action))?;
            out.push(ChangeRecord { id: rid, at, user, client, kind, place, label, old, new, note, open });
        }
        Ok(out)
    }

    /// Who the history names for changes made through this store.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Names someone else (tests; a service acting for a user).
    pub fn set_actor(&mut self, actor: Actor) {
        self.actor = actor;
    }
}
