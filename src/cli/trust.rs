//! `lock`, `unlock`, `history`, `backup` and `restore`: filing an evaluation, its history
//! of changes, and copies of the database.

use super::Result;
use crate::domain::model::Evaluation;
use crate::store::{ChangeRecord, EvalId, Store, backup};
use serde_json::{Value, json};
use std::path::Path;

pub fn lock(store: &mut Store, id: EvalId) -> Result<String> {
    let label = store.load(id)?.evaluation.label();
    let filing = store.lock(id)?;
    Ok(format!(
        "已提交：{label}（{}，{}）；此后只读，修改须先解锁（jixiao unlock … --reason 原因）\n",
        filing.by, filing.at
    ))
}

pub fn unlock(store: &mut Store, id: EvalId, reason: &str) -> Result<String> {
    let label = store.load(id)?.evaluation.label();
    store.unlock(id, reason)?;
    Ok(format!("已解锁：{label}（原因：{}），可以修改；解锁已记入修改记录\n", reason.trim()))
}

/// One change as a block of lines: when, who, what; then the old and new values.
fn record_text(r: &ChangeRecord) -> String {
    let mut out = format!("{}  {}  {}", r.at, r.who(), r.kind.label());
    if !r.label.is_empty() {
        out.push_str(&format!("  {}", r.label));
    }
    out.push('\n');
    let mut value = |title: &str, text: &str| {
        if text.is_empty() {
            return;
        }
        let mut lines = text.lines();
        out.push_str(&format!("  {title}：{}\n", lines.next().unwrap_or_default()));
        for l in lines {
            out.push_str(&format!("  {}{l}\n", " ".repeat(title.chars().count() * 2 + 2)));
        }
    };
    // A long text shows what changed in it (--json has the whole of both).
    let (old, new) = crate::domain::text::changed_part(&r.old, &r.new, 40);
    value("原值", &old);
    value(if r.open { "新值（输入中）" } else { "新值" }, &new);
    value(if r.kind == crate::store::ChangeKind::Unlock { "原因" } else { "来源" }, &r.note);
    out
}

pub fn history_text(ev: &Evaluation, records: &[ChangeRecord]) -> String {
    if records.is_empty() {
        return format!("{}：还没有修改记录\n", ev.label());
    }
    let mut out = format!("{}：修改记录 {} 条（由早到晚）\n\n", ev.label(), records.len());
    for r in records {
        out.push_str(&record_text(r));
    }
    out
}

pub fn history_json(ev: &Evaluation, records: &[ChangeRecord]) -> Value {
    json!({
        "organisation": ev.organisation.name,
        "year": ev.year,
        "kind": ev.kind.key(),
        "project": ev.is_project().then_some(&ev.project.name),
        "changes": records.iter().map(|r| json!({
            "id": r.id,
            "at": r.at,
            "user": r.user,
            "client": r.client,
            "action": r.kind.key(),
            "action_label": r.kind.label(),
            "place": r.place,
            "label": r.label,
            "old": r.old,
            "new": r.new,
            "note": r.note,
            "typing": r.open,
        })).collect::<Vec<_>>(),
    })
}

pub fn backup(store: &Store, path: Option<&Path>) -> Result<String> {
    let written = match path {
        Some(p) => {
            store.backup_to(p)?;
            p.to_path_buf()
        }
        None => store.backup_auto(backup::Reason::Manual)?,
    };
    Ok(format!("已备份：{}\n", written.display()))
}

pub fn restore(store: &mut Store, path: &Path) -> Result<String> {
    let kept = store.restore(path)?;
    let count = store.list()?.len();
    Ok(format!("已由“{}”恢复数据库：{count} 份自评\n原数据库已另存为：{}\n", path.display(), kept.display()))
}
