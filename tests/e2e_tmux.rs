//! End to end: the real binary in tmux (a private socket), driven as a user would drive
//! it: open the demo, change 新增规上企业's actual from 23 to 25 and see the total go from
//! 98.76 to 98.92, type Chinese into a narrative section, paste two lines, quit, reopen,
//! and find it all stored; and create a project under the demo department, enter two
//! indicators, quit, reopen and find it under its department.

mod tmux;

use std::path::Path;
use std::process::Command;
use tmux::{Tmux, jixiao};

/// The demo in tmux, opened at its indicator grid.
fn demo_grid(db: &Path) -> Tmux {
    jixiao(db, &["demo"]);
    let t = Tmux::new();
    t.start(db);
    t.wait_for("衡阳县科技和工业信息化局");
    t.keys(&["Enter"]);
    t.wait_for("单位名称");
    t.keys(&["Tab", "Tab", "Tab"]);
    t.wait_for("三级指标");
    t
}

/// The line of the screen that holds the summary (总分 …).
fn summary(screen: &str) -> String {
    screen.lines().find(|l| l.starts_with("总分")).unwrap_or_default().to_string()
}

#[test]
fn edit_type_chinese_quit_reopen_and_find_it_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    jixiao(&db, &["demo"]);
    let t = Tmux::new();
    t.start(&db);
    t.wait_for("衡阳县科技和工业信息化局");
    t.keys(&["Enter"]);
    t.wait_for("单位名称");
    t.keys(&["Tab", "Tab", "Tab"]);
    let grid = t.wait_for("三级指标");
    assert!(summary(&grid).contains("总分 98.76"), "{grid}");
    // 新增规上企业 is the third row; 完成值 two columns right of 三级指标.
    t.keys(&["Down", "Down", "Right", "Right"]);
    t.type_text("25家");
    t.wait_for("编辑 完成值：25家");
    t.keys(&["Enter"]);
    let after = t.wait_for("总分 98.92");
    assert!(!summary(&after).contains("98.76"), "{after}");
    let row = after.lines().find(|l| l.contains("新增规上企业")).unwrap();
    assert!(row.contains("25家") && row.contains("3.00"), "{row}");

    // 报告文字: the last section (其它需要说明的情况, "无"), type Chinese after it, paste two lines.
    t.keys(&["Tab"]);
    t.wait_for("报告章节");
    t.keys(&["Down", "Down", "Down", "Down", "Down", "Enter"]);
    t.wait_for("编辑：其它需要说明的情况");
    t.keys(&["End"]);
    t.type_text("，另：本年度新增测试说明");
    t.paste("第二段第一行\n第二段第二行");
    t.wait_for("第二段第二行");
    t.keys(&["Escape"]);
    t.wait_for("已保存：报告文字");
    t.keys(&["C-q"]);
    t.wait_gone();

    // Reopen: both are there, on screen and in the file; the evaluation opens where it
    // was left, at the section just typed into.
    t.start(&db);
    t.wait_for("98.92");
    t.keys(&["Enter"]);
    let text = t.wait_for("本年度新增测试说明");
    assert!(text.contains(">其它需要说明的情况"), "{text}");
    assert!(text.contains("无，另：本年度新增测试说明"), "{text}");
    t.keys(&["C-q"]);
    t.wait_gone();
    let score = jixiao(&db, &["score", "--org", "衡阳县科技和工业信息化局", "--year", "2024", "--json"]);
    assert!(score.contains("\"total\": \"98.92\""), "{score}");
    let file = jixiao(&db, &["export", "--org", "衡阳县科技和工业信息化局", "--year", "2024"]);
    assert!(file.contains("actual = \"25家\""), "the new actual is stored");
    assert!(file.contains("无，另：本年度新增测试说明第二段第一行\n第二段第二行"), "the narrative is stored:\n{file}");
}

#[test]
fn a_criterion_pasted_into_a_new_row_is_accepted_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("criterion.db");
    let t = demo_grid(&db);
    // A new row after the last: name, target, actual, weight.
    t.keys(&["PageDown", "PageDown", "Insert"]);
    t.wait_for("编辑 三级指标：");
    t.type_text("走访企业");
    t.keys(&["Tab"]);
    t.type_text("120家");
    t.keys(&["Tab"]);
    t.type_text("110家");
    t.keys(&["Tab"]);
    t.type_text("3");
    t.keys(&["Enter"]);
    t.wait_for("已保存：分值");
    // The criterion, pasted into its editor: what it reads as shows as it is pasted.
    t.keys(&["End", "Left", "Left", "Enter"]);
    t.wait_for("编辑：走访企业：评分标准");
    t.paste("完成120家得3分，每少一家扣0.05分");
    t.wait_for("读作（得2.50分）：不足扣分：每少1扣0.05分");
    t.keys(&["Escape"]);
    t.wait_for("建议     得2.50分　不足扣分：每少1扣0.05分  F3采用");
    // One key accepts it.
    t.keys(&["F3"]);
    let done = t.wait_for("（与评分标准一致）");
    assert!(done.contains("已采用：不足扣分：每少1扣0.05分"), "{done}");
    let row = done.lines().find(|l| l.contains("走访企业")).unwrap();
    assert!(row.contains("2.50"), "{row}");
    t.keys(&["C-q"]);
    t.wait_gone();
    let file = jixiao(&db, &["export", "--org", "衡阳县科技和工业信息化局", "--year", "2024"]);
    let stored = &file[file.find("name = \"走访企业\"").unwrap()..];
    assert!(stored.contains("kind = \"shortfall\"") && stored.contains("deduct = \"0.05\""), "{stored}");
}

#[test]
fn a_kill_leaves_the_terminal_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.db");
    let after = dir.path().join("stty.txt");
    jixiao(&db, &["demo"]);
    let t = Tmux::new();
    // A shell runs jixiao, then reports the terminal's mode once jixiao has gone.
    let script = format!(
        "{} --db {} & pid=$!; echo $pid > {}.pid; wait $pid; stty -a > {}; echo 恢复了; sleep 30",
        env!("CARGO_BIN_EXE_jixiao"),
        db.display(),
        after.display(),
        after.display()
    );
    let out = t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", "sh", "-c", &script]);
    assert!(out.status.success());
    t.wait_for("衡阳县科技和工业信息化局");
    let pid = std::fs::read_to_string(format!("{}.pid", after.display())).unwrap();
    Command::new("kill").arg("-TERM").arg(pid.trim()).status().unwrap();
    let screen = t.wait_for("恢复了");
    assert!(!screen.contains("开始页") && !screen.contains("单位"), "the alternate screen is left: {screen}");
    assert_cooked(&after);
}

/// The terminal's modes, as `stty -a` wrote them to `file` once jixiao had gone, are the
/// shell's again: line editing, echo, signals, output processing.
fn assert_cooked(file: &Path) {
    let stty = std::fs::read_to_string(file).unwrap();
    let modes: Vec<&str> = stty.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig", "opost"] {
        assert!(modes.contains(&mode), "{mode} is back on: {stty}");
    }
}

#[test]
fn a_panic_leaves_the_terminal_as_it_was_and_says_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panic.db");
    let after = dir.path().join("stty.txt");
    jixiao(&db, &["demo"]);
    let t = Tmux::new();
    // The test build panics on F12 when asked to; the release build aborts on a panic
    // (`panic = "abort"`), so the panic hook alone must give the terminal back.
    let script = format!(
        "RUST_BACKTRACE=0 JIXIAO_TEST_PANIC=1 {} --db {}; stty -a > {}; echo 恢复了; sleep 30",
        env!("CARGO_BIN_EXE_jixiao"),
        db.display(),
        after.display()
    );
    let out = t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", "sh", "-c", &script]);
    assert!(out.status.success());
    t.wait_for("衡阳县科技和工业信息化局");
    t.keys(&["F12"]);
    let screen = t.wait_for("恢复了");
    assert!(screen.contains("JIXIAO_TEST_PANIC"), "the panic's message is shown: {screen}");
    assert!(!screen.contains("开始页") && !screen.contains("比较年度"), "the alternate screen is left: {screen}");
    assert_cooked(&after);
}

#[test]
fn next_year_from_the_last_then_compare_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("years.db");
    jixiao(&db, &["demo"]);
    let t = Tmux::new();
    t.start(&db);
    t.wait_for("衡阳县科技和工业信息化局");
    // y: 2025 from the selected 2024, opened at once.
    t.keys(&["y"]);
    t.wait_for("2025年 衡阳县");
    t.keys(&["Tab", "Tab", "Tab"]);
    t.wait_for("三级指标");
    // Three actuals down the 完成值 column: Enter confirms and moves down.
    t.keys(&["Right", "Right"]);
    for actual in ["150家", "20家", "24家"] {
        t.type_text(actual);
        t.keys(&["Enter"]);
        t.wait_for(&format!("{actual} "));
    }
    t.keys(&["Escape"]);
    t.wait_for("排序");
    t.keys(&["c"]);
    let screen = t.wait_for("年度比较");
    let line = |name: &str| screen.lines().find(|l| l.contains(name)).unwrap_or_default().to_string();
    assert!(screen.contains("2024年") && screen.contains("2025年"), "{screen}");
    let total = line("优 98.76");
    assert!(total.contains("总分") && total.contains("8.92"), "{screen}");
    let row = line("新增规上企业");
    assert!(row.contains("2.84") && row.contains("2.92") && row.contains("+0.08"), "{row}");
    t.keys(&["C-q"]);
    t.wait_gone();
    let years = jixiao(&db, &["list", "--json"]);
    assert!(years.contains("\"year\": 2025"), "{years}");
    let file = jixiao(&db, &["export", "--org", "衡阳县科技和工业信息化局", "--year", "2025"]);
    assert!(file.contains("actual = \"24家\"") && file.contains("target = \"25家\""), "targets carried, actuals typed");
}

#[test]
fn a_project_under_the_demo_department_is_created_filled_and_found_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("project.db");
    jixiao(&db, &["demo"]);
    let t = Tmux::new();
    t.start(&db);
    t.wait_for("衡阳县科技和工业信息化局");
    // n: the organisation is the selected one; 类型 → 项目, then its name.
    t.keys(&["n"]);
    t.wait_for("新建自评");
    t.keys(&["Tab", "Tab", "Right"]);
    t.wait_for("[项目]");
    t.keys(&["Tab"]);
    t.type_text("科技创新券补助项目");
    t.keys(&["Enter"]);
    let info = t.wait_for("项目信息 | 项目资金");
    assert!(info.contains("项目名称                  科技创新券补助项目"), "{info}");
    t.keys(&["Tab", "Tab"]);
    t.wait_for("还没有绩效指标");
    // Two indicators: Ins opens the new row's name; Tab moves along the row.
    for (name, target, actual, weight) in
        [("科技创新券发放数量", "100张", "96张", "50"), ("企业满意度", "90%", "95%", "40")]
    {
        t.keys(&["IC"]);
        t.wait_for("编辑 三级指标");
        t.type_text(name);
        for cell in [target, actual, weight] {
            t.keys(&["Tab"]);
            t.type_text(cell);
        }
        t.keys(&["Enter"]);
        t.wait_line(&[name, target, actual, &format!("{weight}      ?")]);
    }
    t.keys(&["C-q"]);
    t.wait_gone();

    // Reopen: the project is under its department, with both rows.
    t.start(&db);
    let list = t.wait_for("项目：科技创新券补助项目");
    let lines: Vec<&str> = list.lines().collect();
    let dept = lines.iter().position(|l| l.contains("衡阳县科技和工业信息化局")).unwrap();
    assert!(lines[dept + 1].contains("项目：科技创新券补助项目"), "{list}");
    // It opens at its grid, where it was left.
    t.keys(&["Down", "Enter"]);
    let grid = t.wait_for("企业满意度");
    let row = grid.lines().find(|l| l.contains("科技创新券发放数量")).unwrap();
    assert!(row.contains("100张") && row.contains("96张") && row.contains("50"), "{row}");
    t.keys(&["C-q"]);
    t.wait_gone();
    let file = jixiao(
        &db,
        &["export", "--org", "衡阳县科技和工业信息化局", "--year", "2024", "--project", "科技创新券补助项目"],
    );
    assert!(
        file.contains("kind = \"project\"")
            && file.contains("name = \"企业满意度\"")
            && file.contains("actual = \"96张\""),
        "{file}"
    );
}

#[test]
fn a_sigkill_right_after_typing_in_a_narrative_loses_nothing_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sigkill.db");
    jixiao(&db, &["demo"]);
    let t = Tmux::new();
    // exec: the pane's process is jixiao, so the pane's pid is jixiao's.
    let cmd = format!("exec {} --db {}", env!("CARGO_BIN_EXE_jixiao"), db.display());
    assert!(t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]).status.success());
    t.wait_for("衡阳县科技和工业信息化局");
    t.keys(&["Enter"]);
    t.wait_for("单位名称");
    t.keys(&["BTab"]);
    t.wait_for("报告章节");
    t.keys(&["End", "Enter"]);
    t.wait_for("编辑：其它需要说明的情况");
    t.keys(&["End"]);
    t.type_text("，被杀前输入的文字");
    // On screen means saved: a frame is drawn only after the batch's save.
    t.wait_for("被杀前输入的文字");
    let pid = String::from_utf8(t.run(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]).stdout).unwrap();
    Command::new("kill").arg("-KILL").arg(pid.trim()).status().unwrap();
    t.wait_gone();
    let file = jixiao(&db, &["export", "--org", "衡阳县科技和工业信息化局", "--year", "2024"]);
    assert!(file.contains("other = \"无，被杀前输入的文字\""), "the text is stored:\n{file}");
    let history = jixiao(&db, &["history", "--org", "衡阳县科技和工业信息化局", "--year", "2024", "--json"]);
    assert!(history.contains("\"new\": \"无，被杀前输入的文字\""), "and in the history: {history}");
}
