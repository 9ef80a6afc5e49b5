//! `jixiao collect DIR…`: the report, file by file, of what was read, assumed and refused.

use crate::collect::{Outcome, Report};
use crate::store::Store;
use std::path::PathBuf;

fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Created => "新增".into(),
        Outcome::Updated(what) => format!("已更新（{what}）"),
        Outcome::Unchanged => "未变".into(),
        Outcome::EditedLocally => "未收集：数据库中的这份自评在收集后已在本地修改，加 --replace 以文件覆盖".into(),
        Outcome::Filed => "拒收：已提交（锁定），先解锁（jixiao unlock）才能以文件覆盖".into(),
        Outcome::Duplicate(of) => format!("重复：与“{}”内容相同，未重复收集", of.display()),
        Outcome::Superseded(by) => format!("未收集：“{}”是较新的版本", by.display()),
    }
}

/// The report as printed: one block per file, then the counts.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.files {
        let path = f.path.display();
        match (&f.refused, f.skipped) {
            (Some(why), true) => out.push_str(&format!("跳过 {path}：{why}\n")),
            (Some(why), false) => out.push_str(&format!("拒收 {path}：{why}\n")),
            (None, _) => {
                // A file unchanged since the last collect is not opened again, so its kind is unknown.
                match f.source {
                    Some(source) => out.push_str(&format!("已读 {path}（{}）\n", source.label())),
                    None => out.push_str(&format!("已读 {path}（与上次收集时相同，未再打开）\n")),
                }
                for item in &f.items {
                    out.push_str(&format!("  {}，{}：{}\n", item.label, item.total, outcome_text(&item.outcome)));
                    for note in &item.notes {
                        out.push_str(&format!("    推定或未能读取：{note}\n"));
                    }
                }
            }
        }
    }
    let n = |p: fn(&Outcome) -> bool| report.count(p);
    out.push_str(&format!(
        "\n共 {} 个文件：新增 {}，更新 {}，未变 {}，本地已修改未覆盖 {}，已提交拒收 {}，重复 {}，被较新版本取代 {}；拒收 {} 个文件，跳过 {} 个\n",
        report.files.len(),
        n(|o| *o == Outcome::Created),
        n(|o| matches!(o, Outcome::Updated(_))),
        n(|o| *o == Outcome::Unchanged),
        n(|o| *o == Outcome::EditedLocally),
        n(|o| *o == Outcome::Filed),
        n(|o| matches!(o, Outcome::Duplicate(_))),
        n(|o| matches!(o, Outcome::Superseded(_))),
        report.refused_files(),
        report.files.iter().filter(|f| f.skipped).count(),
    ));
    out
}

pub fn run(store: &mut Store, dirs: &[PathBuf], replace: bool) -> super::Result<String> {
    for d in dirs {
        if !d.exists() {
            return Err(super::CliError::Read(d.clone(), std::io::Error::from(std::io::ErrorKind::NotFound)));
        }
    }
    let report = crate::collect::collect(store, dirs, replace)?;
    Ok(text(&report))
}
