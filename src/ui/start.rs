//! The start screen: the stored evaluations as a tree (each organisation-year's
//! department, its projects under it, many projects folded to one line), the
//! new-evaluation form and the list to pair a renamed project with.

use super::popup::centered;
use super::text::{fit, pad, pad_left, width};
use super::theme::Theme;
use crate::app::start::{Line as Row, NewField, StartState};
use crate::domain::project::Kind;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn title(frame: &mut Frame, area: Rect, theme: Theme) {
    frame.render_widget(Paragraph::new(Line::styled("绩效 · 部门整体与项目支出绩效自评", theme.title())), area);
}

const COLUMNS: [(&str, usize); 6] =
    [("年度", 6), ("总分", 8), ("等级", 6), ("检查", 12), ("状态", 8), ("单位 / 项目", 0)];

const FILTER: &str = "  筛选：";

/// The first line: how the list is sorted and filtered (the filter being typed is drawn
/// over it by `filter_input`).
fn view_line(s: &StartState, theme: Theme) -> Line<'static> {
    if s.filter_input.is_some() {
        return Line::styled(FILTER, theme.heading());
    }
    let mut spans = vec![Span::styled("  排序：", theme.dim()), Span::raw(s.sort.label())];
    let projects = s.all.iter().filter(|r| r.kind == Kind::Project).count();
    let total = if projects == 0 {
        format!("  共 {} 份", s.all.len())
    } else {
        format!("  共 {} 份（部门整体 {}，项目 {projects}）", s.all.len(), s.all.len() - projects)
    };
    if s.filter.is_empty() {
        spans.push(Span::styled(total, theme.dim()));
    } else {
        spans.push(Span::styled("  筛选：", theme.dim()));
        spans.push(Span::styled(format!("“{}”", s.filter), theme.key()));
        spans.push(Span::styled(format!(" {}／{} 份（Esc 清除）", shown(s), s.all.len()), theme.dim()));
    }
    Line::from(spans)
}

/// How many evaluations the lines show.
fn shown(s: &StartState) -> usize {
    s.lines.iter().filter(|l| l.summary().is_some()).count()
}

/// The filter being typed, with the terminal cursor at its caret (for input methods).
fn filter_input(frame: &mut Frame, area: Rect, s: &StartState, theme: Theme) {
    let Some(input) = &s.filter_input else { return };
    let x = (area.x + width(FILTER) as u16).min(area.right());
    let field = Rect { x, y: area.y, width: (area.width / 2).min(area.right() - x), height: 1 };
    super::input::render(frame, field, input, theme);
    let after = (field.right() + 1).min(area.right());
    let count = Line::styled(format!("{}／{} 份", shown(s), s.all.len()), theme.dim());
    frame.render_widget(Paragraph::new(count), Rect { x: after, width: area.right() - after, ..field });
}

fn checks(errors: i64, warnings: i64) -> String {
    if errors + warnings == 0 { "无问题".to_string() } else { format!("{errors}错 {warnings}警") }
}

/// One line of the list as text (without the selection marker).
fn row_text(row: &Row) -> String {
    match row {
        Row::Eval { row: r, nested } => {
            let who = match (r.kind, nested) {
                (Kind::Department, _) => r.organisation.clone(),
                (Kind::Project, true) => format!("  项目：{}", r.project),
                (Kind::Project, false) => format!("{} 项目：{}", r.organisation, r.project),
            };
            format!(
                "{}{}{}{}{}{}",
                pad(&r.year.to_string(), 6),
                pad_left(&r.total.to_string(), 6) + "  ",
                pad(&r.grade, 6),
                pad(&checks(r.errors, r.warnings), 12),
                pad(if r.filing.is_some() { "已提交" } else { "" }, 8),
                who
            )
        }
        Row::Folded { organisation, year, count, errors, warnings, nested } => format!(
            "{}{}{}{}  项目 {count} 个（→ 展开）{}",
            pad(&year.to_string(), 6),
            " ".repeat(14),
            pad(&checks(*errors, *warnings), 12),
            " ".repeat(8),
            // Without its department's line above it, the line must say whose projects
            // (after the count, which must not be cut off by a long name).
            if *nested { String::new() } else { format!("：{organisation}") }
        ),
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &StartState, theme: Theme) {
    let w = area.width as usize;
    let mut lines = vec![view_line(s, theme)];
    let header: String = COLUMNS.iter().map(|(t, n)| if *n == 0 { t.to_string() } else { pad(t, *n) }).collect();
    lines.push(Line::styled(format!("  {header}"), theme.heading()));
    if s.all.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw("  还没有自评。按 n 新建，或在命令行运行 jixiao demo 载入示例。"));
    } else if s.lines.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw("  没有符合筛选的自评。Esc 清除筛选。"));
    }
    let height = area.height.saturating_sub(3) as usize;
    let top = s.selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in s.lines.iter().enumerate().skip(top).take(height) {
        let selected = i == s.selected;
        let style = match (selected, row) {
            (true, _) => theme.selected(),
            (false, Row::Folded { .. }) => theme.dim(),
            (false, _) => theme.plain(),
        };
        let marker = if selected { "> " } else { "  " };
        lines.push(Line::from(vec![Span::raw(marker), Span::styled(pad(&row_text(row), w.saturating_sub(2)), style)]));
    }
    frame.render_widget(Paragraph::new(lines), area);
    filter_input(frame, area, s, theme);
    new_form(frame, area, s, theme);
    pick(frame, area, s, theme);
}

fn new_form(frame: &mut Frame, area: Rect, s: &StartState, theme: Theme) {
    let Some(form) = &s.new_form else { return };
    let fields = form.fields();
    let rect = centered(area, 56, fields.len() as u16 + 4);
    super::popup::clear(frame, rect);
    let block = Block::default().borders(Borders::ALL).title(" 新建自评 ").border_style(theme.border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let preset_name = form.template_label();
    let mut rows: Vec<Line> = fields
        .iter()
        .map(|f| {
            let style = if form.focus == *f { theme.selected() } else { theme.plain() };
            let label = Span::styled(pad(f.label(), 10), style);
            match f {
                NewField::Kind => {
                    let choice =
                        |k: Kind| if form.kind == k { format!("[{}]", k.label()) } else { format!(" {} ", k.label()) };
                    Line::from(vec![
                        label,
                        Span::raw(format!("< {} {} >", choice(Kind::Department), choice(Kind::Project))),
                    ])
                }
                NewField::Template => Line::from(vec![label, Span::raw(format!("< {} >", fit(&preset_name, 30)))]),
                _ => Line::from(vec![label]),
            }
        })
        .collect();
    rows.push(Line::raw(""));
    rows.push(Line::styled("Tab 下一项  ←→ 选择  Enter 创建  Esc 取消", theme.dim()));
    frame.render_widget(Paragraph::new(rows), inner);
    for (i, f) in fields.iter().enumerate() {
        let y = inner.y + i as u16;
        let input = match f {
            NewField::Organisation => &form.name,
            NewField::Year => &form.year,
            NewField::Project => &form.project,
            NewField::Kind | NewField::Template => {
                // On a choice, the cursor sits on what is chosen (← → change it).
                if form.focus == *f {
                    let at = match (f, form.kind) {
                        (NewField::Kind, Kind::Department) => 13,
                        (NewField::Kind, Kind::Project) => 24,
                        _ => 12,
                    };
                    frame.set_cursor_position(((inner.x + at).min(inner.right().saturating_sub(1)), y));
                }
                continue;
            }
        };
        let field = Rect { x: inner.x + 10, y, width: inner.width.saturating_sub(11), height: 1 };
        if form.focus == *f {
            super::input::render(frame, field, input, theme);
        } else {
            frame.render_widget(Paragraph::new(fit(input.as_str(), field.width as usize)), field);
        }
    }
}

fn pick(frame: &mut Frame, area: Rect, s: &StartState, theme: Theme) {
    let Some(p) = &s.pick else { return };
    let rect = centered(area, 56, (p.candidates.len() as u16 + 3).min(area.height));
    super::popup::clear(frame, rect);
    let title = format!(" “{}”在 {}年的原名 ", fit(&p.project, 20), p.before);
    let block = Block::default().borders(Borders::ALL).title(title).border_style(theme.heading());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let room = inner.height.saturating_sub(1) as usize;
    let top = p.selected.saturating_sub(room.saturating_sub(1));
    let mut lines: Vec<Line> = p
        .candidates
        .iter()
        .enumerate()
        .skip(top)
        .take(room)
        .map(|(i, name)| {
            let sel = i == p.selected;
            let text = fit(&format!("{}{name}", if sel { "> " } else { "  " }), inner.width as usize);
            Line::styled(text, if sel { theme.selected() } else { theme.plain() })
        })
        .collect();
    lines.push(Line::styled("Enter 配对并比较  Esc 取消", theme.dim()));
    frame.render_widget(Paragraph::new(lines), inner);
}
