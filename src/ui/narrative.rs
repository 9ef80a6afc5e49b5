//! The narrative tab: the texts on the left (a project's 年度总体目标 first), the
//! selected one's text on the right (or its editor, or last year's text for reference).
//! Under a department's 项目绩效目标完成情况, the year's projects with their totals.

use super::text::{fit, pad, pad_left, wrap};
use super::theme::Theme;
use crate::app::eval::{Editor, EvalState, TextTarget};
use crate::app::narrative::TextItem;
use crate::domain::model::Section;
use crate::domain::number::{fixed, percent};
use crate::domain::project::{Kind, ProjectLine};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LIST: u16 = 26;

fn editing(e: &EvalState, item: TextItem) -> bool {
    match (&e.editor, item) {
        (Some(Editor::Text { target: TextTarget::Narrative(s), .. }), TextItem::Section(t)) => *s == t,
        (Some(Editor::Text { target: TextTarget::Field(f), .. }), TextItem::Goal(g)) => *f == g,
        _ => false,
    }
}

fn list(e: &EvalState, current: TextItem, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut heading = "";
    for item in TextItem::of_kind(e.ev.kind) {
        let wanted = if matches!(item, TextItem::Goal(_)) { "【年度总体目标】" } else { "【报告章节】" };
        if heading != wanted {
            heading = wanted;
            lines.push(Line::styled(wanted, theme.heading()));
        }
        let sel = item == current;
        // The section being typed into shows no count: a count kept live would move the
        // cursor away and back on every typed character, tripling what it costs on the wire.
        let count = item.text(&e.ev).chars().count();
        let figure = match (editing(e, item), count) {
            (true, _) => "编辑".into(),
            (false, 0) => "  空".into(),
            (false, n) => format!("{n:>4}"),
        };
        let label = format!("{}{figure}", pad(item.title(), 18));
        let style = if sel { theme.selected() } else { theme.plain() };
        lines.push(Line::from(vec![
            Span::raw(if sel { ">" } else { " " }),
            Span::styled(fit(&label, LIST as usize - 2), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("数字为字数", theme.dim()));
    if e.reference.is_some() {
        let hint = if e.narrative.show_reference { "F5 回到本年文字" } else { "F5 对照上年文字" };
        lines.push(Line::styled(hint, theme.dim()));
    }
    lines
}

/// The year's projects, one a line: name, 全年预算数, 执行数, 执行率, 总分, 等级.
fn projects(projects: &[ProjectLine], width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(fit(&format!("【本年项目自评（{}个）】", projects.len()), width), theme.heading())];
    let wan = |a: Option<crate::domain::money::Amount>| a.map_or("—".into(), |a| fixed(a.in_wan(), 2));
    let figures = 10 + 10 + 8 + 7 + 3;
    for p in projects {
        let name = fit(&p.name, width.saturating_sub(figures + 1).max(4));
        let line = format!(
            "{}{}{}{}{} {}",
            pad(&name, width.saturating_sub(figures).max(4)),
            pad_left(&wan(p.full_year), 10),
            pad_left(&wan(p.executed), 10),
            pad_left(&p.rate().map_or("—".into(), percent), 8),
            pad_left(&p.total, 7),
            p.grade
        );
        out.push(Line::raw(fit(&line, width)));
    }
    out.push(Line::styled(fit("项目名称 / 全年预算数 / 全年执行数（万元）/ 执行率 / 总分 / 等级", width), theme.dim()));
    out
}

pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let [left, text] = Layout::horizontal([Constraint::Length(LIST), Constraint::Fill(1)]).areas(area);
    let current = e.narrative.item(e.ev.kind);
    frame.render_widget(Paragraph::new(list(e, current, theme)), left);

    let editing = editing(e, current);
    let reference = e.narrative.show_reference.then_some(e.reference.as_ref()).flatten();
    let title = match (editing, reference) {
        (true, _) => format!(" 编辑：{}（随打随存，Esc 完成）", current.title()),
        (false, Some(r)) => format!(" {}年：{}（上年，仅供参考） ", r.year, current.title()),
        (false, None) => format!(" {} ", current.title()),
    };
    let block = Block::default().borders(Borders::LEFT | Borders::TOP).title(title).border_style(if editing {
        theme.heading()
    } else {
        theme.border()
    });
    let mut inner = block.inner(text);
    frame.render_widget(block, text);
    let listed = e.ev.kind == Kind::Department && current == TextItem::Section(Section::ProjectPerformance);
    if listed && !e.projects.is_empty() && !editing {
        // Room for the projects below the text, at most half the height.
        let rows = (e.projects.len() as u16 + 2).min(inner.height / 2);
        let [top, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]).areas(inner);
        let lines: Vec<Line> = projects(&e.projects, bottom.width as usize, theme);
        let shown = rows.saturating_sub(1) as usize;
        let mut cut: Vec<Line> = lines[..lines.len() - 1].iter().take(shown).cloned().collect();
        if lines.len() - 1 > shown && shown > 0 {
            cut[shown - 1] = Line::styled(format!("（另有 {} 个项目）", lines.len() - shown), theme.dim());
        }
        cut.push(lines[lines.len() - 1].clone());
        frame.render_widget(Paragraph::new(cut), bottom);
        inner = top;
    }
    if let (true, Some(Editor::Text { input, .. })) = (editing, &e.editor) {
        frame.render_widget(input.widget(), inner);
        let (x, y) = input.caret();
        frame.set_cursor_position((
            inner.x + x.min(inner.width.saturating_sub(1)),
            inner.y + y.min(inner.height.saturating_sub(1)),
        ));
        return;
    }
    let body = match reference {
        Some(r) => current.text(r),
        None => current.text(&e.ev),
    };
    let shown: Vec<Line> = if body.is_empty() && reference.is_some() {
        vec![Line::styled("（上年此节为空）", theme.dim())]
    } else if body.is_empty() {
        vec![Line::styled("（空）按 Enter 开始填写。", theme.dim())]
    } else {
        wrap(&body, inner.width as usize).into_iter().take(inner.height as usize).map(Line::raw).collect()
    };
    frame.render_widget(Paragraph::new(shown), inner);
}
