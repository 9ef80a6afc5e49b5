//! Rendering: a pure function of the app's state. One file per screen, plus the side
//! panel, the popups, the theme and width-aware text helpers.

pub mod compare;
mod compare_detail;
mod export;
mod form;
mod grid;
mod grid_detail;
mod help;
mod input;
mod log;
mod narrative;
mod panel;
mod paste;
mod popup;
mod proposal;
mod review;
mod rule_form;
mod start;
mod template;
pub mod text;
pub mod theme;
mod trend;

use crate::app::eval::{EvalState, Tab};
use crate::app::{App, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use text::{fit, width};
use theme::Theme;

/// Below this the app shows a message instead of its screens.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width the side panel is shown beside the content; below, it folds into one line.
pub const PANEL_FROM: u16 = 100;
/// The side panel's width: 34 columns, and half of what a terminal has beyond 130.
fn panel_width(width: u16) -> u16 {
    (34 + width.saturating_sub(130) / 2).min(60)
}

pub fn render(app: &App, frame: &mut Frame) {
    let theme = Theme { color: app.color };
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app.question.as_ref(), theme);
        return;
    }
    let message = status_lines(&app.status, area.width, theme);
    let [top, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(message.len().max(1) as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    match &app.screen {
        Screen::Start(s) => {
            start::title(frame, top, theme);
            start::render(frame, body, s, theme);
        }
        Screen::Eval(e) => evaluation(frame, top, body, e, theme, app.ctx() == crate::app::keys::Ctx::Grid),
        Screen::Compare(c) => {
            compare::title(frame, top, c, theme);
            compare::render(frame, body, c, theme);
        }
        Screen::Trend(t) => {
            trend::title(frame, top, t, theme);
            trend::render(frame, body, t, theme);
        }
        Screen::Review(r) => {
            review::title(frame, top, r, theme);
            review::render(frame, body, r, theme);
        }
    }
    frame.render_widget(Paragraph::new(message), status);
    hint_line(frame, keys, app);
    match (&app.question, &app.screen) {
        (Some(crate::app::Question::Paste(plan)), Screen::Eval(e)) => paste::render(frame, body, plan, &e.ev, theme),
        (Some(q), _) => popup::question(frame, body, &q.text(), q.answers(), theme),
        (None, _) => {}
    }
    if let Some(p) = &app.prompt {
        popup::prompt(frame, body, p, theme);
    }
    if app.help {
        help::render(frame, body, app.help_scroll, app.help_for, theme);
    }
}

/// Below the minimum size: one message instead of the screens, the question first when
/// one is asked (Ctrl+Q on a value being typed must be seen to be answered).
fn too_small(frame: &mut Frame, area: Rect, question: Option<&crate::app::Question>, theme: Theme) {
    let msg = format!("终端太小：至少需要 {MIN_WIDTH}×{MIN_HEIGHT}，当前 {}×{}。请放大窗口。", area.width, area.height);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(q) = question {
        let asked = format!("{} {}", q.text(), q.answers());
        lines.extend(text::wrap(&asked, area.width as usize).into_iter().map(|l| Line::styled(l, theme.warning())));
    }
    lines.extend(text::wrap(&msg, area.width as usize).into_iter().map(|l| Line::styled(l, theme.error())));
    frame.render_widget(Paragraph::new(lines), area);
}

/// `grid_cursor`: the grid has the keyboard, so the terminal's cursor marks its cell.
fn evaluation(frame: &mut Frame, top: Rect, body: Rect, e: &EvalState, theme: Theme, grid_cursor: bool) {
    tabs(frame, top, e, theme);
    let (content, side) = if body.width >= PANEL_FROM {
        let [c, p] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(panel_width(body.width))]).areas(body);
        (c, Some(p))
    } else {
        let [c, s] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(body);
        panel::summary(frame, s, e, theme);
        (c, None)
    };
    match (&e.template, e.tab) {
        (Some(v), _) => template::render(frame, content, e, v, theme),
        (None, Tab::Form(tab)) => form::render(frame, content, e, tab, theme),
        (None, Tab::Grid) => grid::render(frame, content, e, theme, grid_cursor),
        (None, Tab::Narrative) => narrative::render(frame, content, e, theme),
    }
    match side {
        Some(p) => panel::render(frame, p, e, theme),
        None if e.panel.focused => panel::overlay(frame, body, e, theme),
        None => {}
    }
    popup::editors(frame, content, e, theme);
    if let Some(menu) = &e.export {
        export::render(frame, body, menu, &e.ev, theme);
    }
    if let Some(view) = &e.log {
        log::render(frame, body, view, theme);
    }
}

fn tabs(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let mut spans = Vec::new();
    let mut used = 0;
    let tabs = e.tabs();
    for (i, tab) in tabs.iter().enumerate() {
        let label = format!(" {} ", tab.title());
        used += width(&label) + 1;
        spans.push(Span::styled(label, theme.tab(*tab == e.tab && e.template.is_none())));
        if i + 1 < tabs.len() {
            spans.push(Span::styled("|", theme.dim()));
        }
    }
    if e.template.is_some() {
        spans.push(Span::styled("|", theme.dim()));
        spans.push(Span::styled(" 评分模板 ", theme.tab(true)));
        used += 11;
    }
    // The year first: when space is short, the organisation's name is what gets cut.
    let filed = if e.filing.is_some() { "［已提交］" } else { "" };
    let who = if e.ev.is_project() {
        format!("{filed}{}年 项目：{}（{}）", e.ev.year, e.ev.project.name, e.ev.organisation.name)
    } else {
        format!("{filed}{}年 {}", e.ev.year, e.ev.organisation.name)
    };
    let room = (area.width as usize).saturating_sub(used + 1);
    let who = fit(&who, room);
    spans.push(Span::raw(" ".repeat(room.saturating_sub(width(&who)))));
    spans.push(Span::styled(who, theme.title()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The message line, wrapped: a message is never cut (a long one takes more lines from
/// the screen above it, up to `MAX_STATUS`).
fn status_lines(status: &crate::app::Status, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let (mark, style) = if status.error { ("！", theme.error()) } else { ("", theme.plain()) };
    let text = format!("{mark}{}", status.text);
    text::wrap(&text, width as usize).into_iter().take(MAX_STATUS).map(|l| Line::styled(l, style)).collect()
}

/// The most lines a message takes.
const MAX_STATUS: usize = 6;

/// The keys that matter here, from the key table.
fn hint_line(frame: &mut Frame, area: Rect, app: &App) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (name, what) in app.hints() {
        let w = width(name) + width(what) + 3;
        // The two spaces after the last hint may fall off the edge.
        if used + w - 2 > area.width as usize {
            break;
        }
        used += w;
        // Bold keys and plain words: colour here would cost bytes on every context change.
        spans.push(Span::styled(name, Style::default().add_modifier(Modifier::BOLD)));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
