//! End to end in tmux: a folder of hand-ins collected, the review screen opened from the
//! start screen, sorted by difference, and its top row opened at its finding.

mod common;
mod tmux;

use common::{keji, seed};
use jixiao::domain::model::{EnteredScore, Typed};
use jixiao::export::xlsx::export_xlsx;
use tmux::{Tmux, jixiao};

#[test]
fn collect_open_the_review_sort_by_difference_and_open_the_top_row_at_its_finding() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("报送");
    std::fs::create_dir(&folder).unwrap();
    let mut over = seed();
    over.organisation.name = "衡阳县农业农村局".into();
    let weight = over.indicators[2].weight;
    over.indicators[2].actual = Typed::new("0").unwrap();
    over.indicators[2].entered = Some(EnteredScore { score: weight, reason: "按填报".into() });
    std::fs::write(folder.join("农业局.xlsx"), export_xlsx(&over, &[]).unwrap()).unwrap();
    std::fs::write(folder.join("科技局.xlsx"), export_xlsx(&seed(), &[]).unwrap()).unwrap();
    std::fs::write(folder.join("科技项目.toml"), jixiao::file::to_toml(&keji())).unwrap();
    let db = dir.path().join("bureau.db");
    let report = jixiao(&db, &["collect", folder.to_str().unwrap()]);
    assert!(report.contains("新增 3"), "{report}");

    let t = Tmux::new();
    t.start(&db);
    t.wait_for("衡阳县农业农村局");
    t.keys(&["b"]);
    t.wait_for("复核 · 2024年度全部自评");
    t.keys(&["s"]);
    t.wait_for("排序：差额（高到低）");
    // The top row is the department claiming more than its rules give.
    let screen = t.screen();
    let rows: Vec<&str> = screen.lines().skip_while(|l| !l.starts_with("单位")).skip(1).collect();
    assert!(rows[0].starts_with("衡阳县农业农") && rows[0].contains("+1.66"), "{screen}");
    t.keys(&["Enter"]);
    // Opened at the grid, on the row whose filed score breaks its rule.
    let line = t.wait_line(&[">", &over.indicators[2].name]);
    assert!(line.contains("0"), "{line}");
    t.wait_for("已打开：衡阳县农业农村局 2024年");
    t.keys(&["Escape"]);
    t.wait_for("复核 · 2024年度全部自评");
    t.keys(&["Escape"]);
    t.wait_for("绩效 · 部门整体与项目支出绩效自评");
    t.keys(&["q"]);
    assert!(t.gone_within(std::time::Duration::from_secs(3)));
}
