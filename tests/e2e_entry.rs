//! Entry that never loses or mangles what was typed or pasted, end to end: the real
//! binary in tmux, fed as a terminal feeds it (line feeds from `send-keys -l`, CR line
//! ends from `paste-buffer`, long input without bracketed paste).

mod tmux;

use std::time::Duration;
use tmux::{Tmux, jixiao};

fn export(db: &std::path::Path) -> String {
    jixiao(db, &["export", "--org", "衡阳县科技和工业信息化局", "--year", "2024"])
}

/// The demo open in tmux: a temporary database, the start screen shown.
fn demo() -> (tempfile::TempDir, std::path::PathBuf, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("entry.db");
    jixiao(&db, &["demo"]);
    let t = Tmux::new();
    t.start(&db);
    t.wait_for("衡阳县科技和工业信息化局");
    (dir, db, t)
}

#[test]
fn line_feeds_are_new_lines_in_a_text_area() {
    let (_dir, db, t) = demo();
    // 报告文字, the first section (综合评价结论), at the end of its text.
    t.keys(&["Enter"]);
    t.wait_for("单位名称");
    t.keys(&["BTab"]);
    t.wait_for("报告章节");
    t.keys(&["Enter"]);
    t.wait_for("编辑：综合评价结论");
    // send-keys -l sends "\n" as a line feed (Ctrl+J), as a paste without brackets does.
    t.type_text("\n第二段第一行\n第二段第二行");
    t.wait_for("第二段第二行");
    t.keys(&["Escape"]);
    t.wait_for("已保存：报告文字");
    t.keys(&["C-q"]);
    t.wait_gone();
    let file = export(&db);
    assert!(file.contains("评价结果为“优”。\n第二段第一行\n第二段第二行"), "every line kept:\n{file}");
}

#[test]
fn twenty_thousand_characters_without_brackets_then_ctrl_q_is_answered_at_once() {
    for place in ["a cell", "a text area"] {
        let (_dir, _db, t) = demo();
        t.keys(&["Enter"]);
        t.wait_for("单位名称");
        if place == "a cell" {
            t.keys(&["Tab", "Tab", "Tab"]);
            t.wait_for("三级指标");
        } else {
            t.keys(&["BTab"]);
            t.wait_for("报告章节");
            t.keys(&["Enter"]);
            t.wait_for("编辑：综合评价结论");
        }
        t.type_long(&"一二三四五六七八九十".repeat(2000));
        let start = std::time::Instant::now();
        t.keys(&["C-q"]);
        // A cell being edited asks before its text is dropped; a text area is saved as typed.
        if place == "a cell" {
            let asked = t.shows_within("继续编辑", Duration::from_secs(1));
            assert!(asked.is_some(), "{place}: Ctrl+Q not answered:\n{}", t.screen());
            t.keys(&["n"]);
        }
        let gone = t.gone_within(Duration::from_secs(1));
        println!("{place}: Ctrl+Q answered after {:?}", start.elapsed());
        assert!(gone, "{place}: Ctrl+Q not answered:\n{}", t.screen());
    }
}
