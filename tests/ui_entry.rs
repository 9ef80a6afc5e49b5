//! Entry that is fast and never loses or mangles what was typed or pasted: key
//! sequences through the app without a terminal, each a fault a user met (issue 11).

mod driver;

use crossterm::event::{Event, KeyCode};
use driver::*;
use jixiao::app::{App, Screen};

/// Opens the grid with the cursor on row `name`, `rights` columns right of 三级指标.
fn grid_at(name: &str, rights: usize) -> App {
    let mut a = app();
    open_tab(&mut a, 3);
    let row = row_of(&a, name);
    keys(&mut a, &vec![KeyCode::Down; row]);
    keys(&mut a, &vec![KeyCode::Right; rights]);
    a
}

fn paste(a: &mut App, text: &str) {
    press(a, [Event::Paste(text.into())]);
}

// 2. A block with CR line ends (terminals, tmux) fills rows; it is shown first.
#[test]
fn a_paste_with_cr_line_ends_fills_separate_rows_after_a_preview() {
    let mut a = grid_at("党建活动", 1);
    let before = stored(&a);
    paste(&mut a, "4\t4\r12\t11\r");
    assert_eq!(stored(&a), before, "nothing stored before the preview is accepted");
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("粘贴预览") && shown.contains("第1列→指标值"), "{shown}");
    keys(&mut a, &[KeyCode::Esc]);
    assert_eq!(stored(&a), before, "Esc cancels");
    paste(&mut a, "4\t4\r\n12\t11\r\n");
    keys(&mut a, &[KeyCode::Enter]);
    let ev = stored(&a);
    let party = &ev.indicators[row_of(&a, "党建活动")];
    let safety = &ev.indicators[row_of(&a, "安全生产检查")];
    assert_eq!((party.target.text(), party.actual.text()), ("4", "4"));
    assert_eq!((safety.target.text(), safety.actual.text()), ("12", "11"), "the second line is the next row");
}

// 2. A block pasted into an open cell is a block, not one cell's text.
#[test]
fn a_block_pasted_while_a_cell_is_open_is_not_merged_into_it() {
    let mut a = grid_at("党建活动", 1);
    keys(&mut a, &[KeyCode::Enter]);
    paste(&mut a, "4\t4\r12\t11");
    keys(&mut a, &[KeyCode::Enter]);
    let ev = stored(&a);
    assert_eq!(ev.indicators[row_of(&a, "党建活动")].target.text(), "4");
    assert_eq!(ev.indicators[row_of(&a, "安全生产检查")].actual.text(), "11");
}

// 3. Columns as the printed 自评表 has them, criterion, score and reason included.
#[test]
fn a_row_copied_from_the_printed_table_fills_every_column() {
    let mut a = grid_at("新增规上企业", 0);
    keys(&mut a, &[KeyCode::Home]);
    let row = "产出指标\t数量指标\t新增规上企业\t25家\t24家\t每少一家扣0.08分\t3\t2.92\t受市场影响";
    paste(&mut a, row);
    keys(&mut a, &[KeyCode::Enter]);
    let ev = stored(&a);
    let r = &ev.indicators[row_of(&a, "新增规上企业")];
    assert_eq!((r.actual.text(), r.criterion.as_str()), ("24家", "每少一家扣0.08分"));
    assert_eq!(r.deviation_reason, "受市场影响");
    assert_eq!(r.entered, None, "2.92 is what the rule gives: no typed score");
}

// 3. A header row maps the columns by name; unknown ones are left out; a score the
// rule does not give becomes a typed score with a reason saying where it came from.
#[test]
fn a_block_with_a_header_row_is_read_by_its_headings() {
    let mut a = grid_at("新增规上企业", 3);
    let block = "三级指标\t备注\t实际完成值\t得分\t偏差原因分析及改进措施\r\
                 新增规上企业\t无\t24家\t2.5\t复核后扣分\r";
    paste(&mut a, block);
    let shown = screen(&a, 120, 40);
    assert!(shown.contains("第2列“备注”→不粘贴"), "{shown}");
    keys(&mut a, &[KeyCode::Enter]);
    let ev = stored(&a);
    let r = &ev.indicators[row_of(&a, "新增规上企业")];
    assert_eq!((r.actual.text(), r.deviation_reason.as_str()), ("24家", "复核后扣分"));
    let entered = r.entered.clone().expect("2.5 is not the rule's 2.92");
    assert_eq!((entered.score.to_string(), entered.reason.as_str()), ("2.5".into(), "粘贴自表格，请核对评分规则"));
    assert_eq!(ev.indicators.len(), 15, "the header is not a row");
}

// 5. Ctrl+Q with a typed, unconfirmed value asks; y saves it, Esc goes back to it.
#[test]
fn ctrl_q_while_a_cell_is_edited_asks_and_keeps_the_value() {
    let mut a = grid_at("新增规上企业", 2);
    type_text(&mut a, "25家");
    press(&mut a, [ctrl('q')]);
    assert!(!a.should_quit(), "not without asking");
    assert!(screen(&a, 80, 24).contains("继续编辑"));
    type_text(&mut a, "x");
    assert!(!screen(&a, 80, 24).contains("25家x"), "keys behind the question are not typed");
    keys(&mut a, &[KeyCode::Esc]);
    assert!(!a.should_quit());
    assert!(screen(&a, 80, 24).contains("编辑 完成值：25家"), "the value is still being edited");
    press(&mut a, [ctrl('q')]);
    keys(&mut a, &[KeyCode::Char('y')]);
    assert!(a.should_quit());
    assert_eq!(stored(&a).indicators[row_of(&a, "新增规上企业")].actual.text(), "25家", "saved");
}

// 5. A value that cannot be saved stays where it was typed; n quits without it.
#[test]
fn ctrl_q_on_a_refused_value_keeps_it_open_and_n_drops_it_knowingly() {
    let mut a = grid_at("新增规上企业", 2);
    type_text(&mut a, "12.3.4");
    press(&mut a, [ctrl('q')]);
    keys(&mut a, &[KeyCode::Char('y')]);
    assert!(!a.should_quit(), "a refused value is not silently dropped");
    assert!(screen(&a, 80, 24).contains("小数点多于一个"));
    press(&mut a, [ctrl('q')]);
    keys(&mut a, &[KeyCode::Char('n')]);
    assert!(a.should_quit());
    assert_eq!(stored(&a).indicators[row_of(&a, "新增规上企业")].actual.text(), "23家");
}

// 7. Entering a field selects its text: typing replaces it.
#[test]
fn typing_into_an_entered_field_replaces_its_text() {
    let mut a = app();
    open_tab(&mut a, 0);
    // 年度 2024 + Enter + 2020 → 2020, not 20242020.
    keys(&mut a, &[KeyCode::Down, KeyCode::Enter]);
    type_text(&mut a, "2020");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.store.find(ORG, 2020).unwrap().is_some(), "{:?}", a.status);
    // 分值 3 + Enter + 5 → 5, not 35; → keeps it: 5 + → + 0 → 50 is refused (over 100? no: 50).
    let mut a = grid_at("新增规上企业", 3);
    keys(&mut a, &[KeyCode::Enter]);
    type_text(&mut a, "5");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(stored(&a).indicators[row_of(&a, "新增规上企业")].weight.to_string(), "5");
    keys(&mut a, &[KeyCode::Up, KeyCode::Enter, KeyCode::Right]);
    type_text(&mut a, "0");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(stored(&a).indicators[row_of(&a, "新增规上企业")].weight.to_string(), "50", "→ keeps the text");
    // Ctrl+U clears the field.
    keys(&mut a, &[KeyCode::Up, KeyCode::Enter, KeyCode::Home]);
    press(&mut a, [ctrl('u')]);
    type_text(&mut a, "3");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(stored(&a).indicators[row_of(&a, "新增规上企业")].weight.to_string(), "3");
}

// 10. Esc on the start screen asks before quitting.
#[test]
fn esc_on_the_start_screen_asks_before_quitting() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('n'), KeyCode::Esc, KeyCode::Esc]);
    assert!(!a.should_quit(), "n, Esc, Esc must not end the program");
    assert!(screen(&a, 80, 24).contains("退出绩效？"));
    keys(&mut a, &[KeyCode::Char('n')]);
    assert!(!a.should_quit());
    keys(&mut a, &[KeyCode::Esc, KeyCode::Char('y')]);
    assert!(a.should_quit());
}

/// The screen line that shows row `name`.
fn line_of(shown: &str, name: &str) -> String {
    shown.lines().find(|l| l.contains(name)).unwrap_or_default().to_string()
}

// 6. Ins copies the row above's levels and shows them, grey, while the cursor is on
// them; an empty level is a finding and shows as such.
#[test]
fn copied_levels_show_on_the_cursor_row_and_an_empty_level_is_flagged() {
    let mut a = grid_at("高新技术企业认定净增数", 0);
    keys(&mut a, &[KeyCode::Insert]);
    type_text(&mut a, "新指标");
    keys(&mut a, &[KeyCode::Enter, KeyCode::Up, KeyCode::Home]);
    let row = line_of(&screen(&a, 80, 24), "新指标");
    assert!(row.contains("产出指标") && row.contains("数量指标"), "copied levels shown: {row}");
    keys(&mut a, &[KeyCode::Down]);
    let row = line_of(&screen(&a, 80, 24), "新指标");
    assert!(!row.contains("产出指标"), "off the cursor, merged as printed: {row}");
    // Typing over a copied level replaces it (not 产出指标产出指标).
    keys(&mut a, &[KeyCode::Up, KeyCode::Enter]);
    type_text(&mut a, "效益指标");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(stored(&a).indicators[row_of(&a, "新指标")].level1, "效益指标");
    // An empty 二级指标.
    keys(&mut a, &[KeyCode::Up, KeyCode::Right, KeyCode::Enter]);
    press(&mut a, [ctrl('u')]);
    keys(&mut a, &[KeyCode::Enter, KeyCode::Up]);
    assert_eq!(stored(&a).indicators[row_of(&a, "新指标")].level2, "");
    let shown = screen(&a, 80, 24);
    assert!(line_of(&shown, "新指标").contains("（未填）"), "{shown}");
    assert!(shown.contains("未填写二级指标"), "{shown}");
}

/// The stored rule of row `name`, as the grid describes it.
fn rule_of(a: &App, name: &str) -> String {
    stored(a).indicators[row_of(a, name)].rule.describe()
}

// 8. The rule list answers numbers and initials; the form's kinds show their numbers.
#[test]
fn a_rule_kind_is_chosen_by_its_number_or_initial() {
    let mut a = grid_at("新增规上企业", 0);
    keys(&mut a, &[KeyCode::End, KeyCode::Left, KeyCode::Enter]);
    assert!(screen(&a, 80, 24).contains(">1不足扣分"), "{}", screen(&a, 80, 24));
    type_text(&mut a, "8");
    assert!(screen(&a, 80, 24).contains(">8次数扣分"));
    type_text(&mut a, "c");
    assert!(screen(&a, 80, 24).contains(">2超出扣分"), "c cycles: 次数扣分 → 超出扣分");
    type_text(&mut a, "3");
    keys(&mut a, &[KeyCode::F(10)]);
    assert_eq!(rule_of(&a, "新增规上企业"), "按比例：分值 × 完成值 ÷ 指标值");
    // A number typed on the 评分规则 cell opens the form at that kind; in the settings a
    // typed value starts editing the selected line.
    type_text(&mut a, "1");
    assert!(screen(&a, 80, 24).contains(">1不足扣分"));
    keys(&mut a, &[KeyCode::Right]);
    type_text(&mut a, "2");
    keys(&mut a, &[KeyCode::Enter, KeyCode::F(10)]);
    assert_eq!(rule_of(&a, "新增规上企业"), "不足扣分：每少2扣1分");
}

// 8. The rule of the row above in one key; a default rule for new rows.
#[test]
fn the_row_above_s_rule_in_one_key_and_a_default_rule_for_new_rows() {
    let mut a = grid_at("高新技术企业认定净增数", 0);
    let above = rule_of(&a, "科技型中小企业评价入库");
    assert_ne!(rule_of(&a, "高新技术企业认定净增数"), above);
    press(&mut a, [ctrl('r')]);
    assert_eq!(rule_of(&a, "高新技术企业认定净增数"), above, "{:?}", a.status);
    // In the rule form: = takes the row above's rule and saves it.
    keys(&mut a, &[KeyCode::Down, KeyCode::End, KeyCode::Left, KeyCode::Enter]);
    type_text(&mut a, "=");
    assert_eq!(rule_of(&a, "新增规上企业"), above);
    // F8 saves the rule and makes it the one new rows start with.
    keys(&mut a, &[KeyCode::Enter]);
    type_text(&mut a, "3");
    keys(&mut a, &[KeyCode::F(8)]);
    keys(&mut a, &[KeyCode::Insert]);
    type_text(&mut a, "新指标");
    keys(&mut a, &[KeyCode::Enter]);
    assert_eq!(rule_of(&a, "新指标"), "按比例：分值 × 完成值 ÷ 指标值", "not 人工评分");
}

/// The lines of the help overlay, from its first line.
fn help_shown(a: &App) -> Vec<String> {
    let s = screen(a, 80, 24);
    s.lines().skip_while(|l| !l.contains("帮助：按键")).map(String::from).collect()
}

// 9. F1 opens at the keys of where the user is, and says how to reach the rule form.
#[test]
fn f1_opens_at_the_current_context_and_tells_the_way_to_the_rule_form() {
    let mut a = grid_at("新增规上企业", 0);
    keys(&mut a, &[KeyCode::F(1)]);
    let help = help_shown(&a);
    assert!(help[1].contains("【绩效指标表】"), "the grid's keys first: {help:?}");
    assert!(help.iter().any(|l| l.contains("Enter 打开规则表单")), "{help:?}");
    keys(&mut a, &[KeyCode::Esc]);
    // While a cell is edited (F1 is not text).
    keys(&mut a, &[KeyCode::Enter, KeyCode::F(1)]);
    let help = help_shown(&a);
    assert!(help[1].contains("【编辑单行】"), "{help:?}");
    keys(&mut a, &[KeyCode::Esc]);
    assert!(screen(&a, 80, 24).contains("编辑 三级指标"), "help closed, still editing");
}

// 9. The new-evaluation dialog has its own hints, keeps its cursor and cycles with Tab.
#[test]
fn the_new_evaluation_dialog_hints_keeps_its_cursor_and_cycles() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('n')]);
    let mut term = terminal(80, 24);
    let shown = draw(&a, &mut term);
    let hints = shown.lines().last().unwrap_or_default().to_string();
    assert!(hints.contains("Enter 创建") && !hints.contains("撤销"), "its own hints: {hints}");
    // The dialog is 56 wide, centred under the title line: 单位名称, 年度, 类型, 评分模板.
    keys(&mut a, &[KeyCode::Tab, KeyCode::Tab]);
    draw(&a, &mut term);
    // On 类型 the cursor sits on the kind chosen.
    term.backend_mut().assert_cursor_position((26, 10));
    keys(&mut a, &[KeyCode::Tab]);
    draw(&a, &mut term);
    // On the template, on its name.
    term.backend_mut().assert_cursor_position((25, 11));
    let preset_before = screen(&a, 80, 24);
    keys(&mut a, &[KeyCode::Right]);
    assert_ne!(screen(&a, 80, 24), preset_before, "→ changes the template");
    // Tab from the template goes back to the name: typing replaces it.
    keys(&mut a, &[KeyCode::Tab]);
    type_text(&mut a, "某某局");
    // In a text line ← moves the caret (the kind and template stay as chosen).
    keys(&mut a, &[KeyCode::Left]);
    type_text(&mut a, "市");
    keys(&mut a, &[KeyCode::Tab]);
    type_text(&mut a, "2023");
    keys(&mut a, &[KeyCode::Enter]);
    assert!(a.store.find("某某市局", 2023).unwrap().is_some(), "{:?}", a.status);
}

// 12. Compare and trend show an unfilled actual as 未填, not as a score of 0.
#[test]
fn compare_and_trend_show_an_unfilled_actual_as_unfilled() {
    let mut a = app();
    keys(&mut a, &[KeyCode::Char('y'), KeyCode::Esc, KeyCode::Char('c')]);
    let shown = screen(&a, 80, 24);
    let row = line_of(&shown, "高新技术企业认");
    assert!(row.contains("未填") && !row.contains("−3.00") && !row.contains("0.00"), "{shown}");
    // The trend of that indicator: 2025 is 未填, not 0 (−100 %).
    while !line_of(&screen(&a, 80, 24), "高新技术企业认").starts_with('>') {
        keys(&mut a, &[KeyCode::Down]);
    }
    keys(&mut a, &[KeyCode::Char('t')]);
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("2025年 未填"), "{shown}");
    assert!(!shown.contains("100.0%") && !shown.contains("2025年 0.00"), "{shown}");
}

// 13. The narrative is broken as Chinese is typeset (标点禁则).
#[test]
fn no_narrative_line_starts_with_closing_or_ends_with_opening_punctuation() {
    let mut a = app();
    open_tab(&mut a, 4);
    for (w, h) in [(80, 24), (120, 40), (61, 20)] {
        let shown = screen(&a, w, h);
        let text: Vec<&str> = shown.lines().filter_map(|l| l.split_once('│').map(|(_, t)| t.trim_end())).collect();
        assert!(text.len() > 3, "{shown}");
        for (i, l) in text.iter().enumerate() {
            assert!(!l.starts_with(['，', '、', '。', '；', '：', '”', '）']), "line {i} at {w}: {l:?}\n{shown}");
            assert!(!l.ends_with(['“', '（']), "line {i} at {w}: {l:?}\n{shown}");
        }
    }
}

/// The screen with every space and line break taken out, to find a wrapped message whole.
fn squashed(shown: &str, from: usize) -> String {
    shown.lines().map(|l| l.chars().skip(from).collect::<String>()).collect::<String>().split_whitespace().collect()
}

// 11. Nothing is cut with "..": the panel's findings, the 计分 line, the question, the path.
#[test]
fn messages_wrap_instead_of_being_cut() {
    let mut a = grid_at("总成本", 0);
    let shown = screen(&a, 120, 40);
    let panel: Vec<&str> = shown.lines().filter_map(|l| l.split_once('│').map(|(_, p)| p)).collect();
    assert!(panel.iter().all(|l| !l.trim_end().ends_with("..")), "{shown}");
    let Screen::Eval(e) = &a.screen else { panic!() };
    for f in e.findings.iter().take(3) {
        let whole: String = f.message.split_whitespace().collect();
        assert!(squashed(&panel.join("\n"), 0).contains(&whole), "{whole} in\n{shown}");
    }
    let why: String = e.sheet.indicator(row_of(&a, "总成本")).unwrap().explanation.split_whitespace().collect();
    let left: String = shown.lines().map(|l| l.split('│').next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    assert!(squashed(&left, 0).contains(&why), "the 计分 line whole: {why}\n{shown}");
    // At 120 columns the levels are not cut either.
    assert!(shown.contains("满意度指标") && shown.contains("社会效益指标"), "{shown}");
    // The overwrite question keeps its question, and the path its every character.
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("一个很长的目录名称用来看导出路径是否完整显示").join("再来一层目录");
    std::fs::create_dir_all(&deep).unwrap();
    for _ in 0..2 {
        keys(&mut a, &[KeyCode::F(6)]);
        let Screen::Eval(e) = &mut a.screen else { panic!() };
        e.export.as_mut().unwrap().dir = deep.clone();
        keys(&mut a, &[KeyCode::Enter]);
    }
    let shown = screen(&a, 80, 24);
    // The popup's inside: between the first and the last border of each of its lines.
    let inside: String = shown
        .lines()
        .filter_map(|l| Some(&l[l.find('│')? + '│'.len_utf8()..l.rfind('│')?]))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        squashed(&inside, 0).contains("衡阳县科技和工业信息化局-2024年度绩效自评表.xlsx”已存在，覆盖它？"),
        "{shown}"
    );
    keys(&mut a, &[KeyCode::Char('y')]);
    let path: String = deep.join("衡阳县科技和工业信息化局-2024年度绩效自评表.xlsx").display().to_string();
    assert!(squashed(&screen(&a, 80, 24), 0).contains(&path), "{}", screen(&a, 80, 24));
}
