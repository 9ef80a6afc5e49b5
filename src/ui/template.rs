//! The template screen (F10): the template's name and the preset it started from, every
//! setting with its value (a setting changed from the preset marked `*`), an opened
//! list's items, the line editor in place, and the chooser of another template.

use super::form::scroll;
use super::popup::{centered, clear};
use super::text::{fit, pad, width};
use super::theme::Theme;
use crate::app::eval::{Editor, EvalState, LineTarget};
use crate::app::template::{TemplateRow, TemplateView, items, rows};
use crate::domain::template::setting::Setting;
use crate::domain::template::{PRESETS, Template};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LABEL: usize = 20;
/// Lines above the settings: the name and the preset's source.
const HEAD: u16 = 2;

/// The preset a template started from, if it names one.
fn base(t: &Template) -> Option<Template> {
    Template::preset(&t.preset)
}

pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, v: &TemplateView, theme: Theme) {
    let t = &e.ev.template;
    let w = area.width as usize;
    let preset = base(t);
    let changed = preset.as_ref().map_or(0, |p| Setting::ALL.iter().filter(|s| s.show(p) != s.show(t)).count());
    let from = PRESETS.iter().find(|p| p.key == t.preset);
    let mut head = vec![Line::from(vec![
        Span::styled("评分模板：", theme.heading()),
        Span::styled(fit(&t.name, w.saturating_sub(40)), theme.title()),
        Span::raw(fit(
            &match (from, changed) {
                (Some(p), 0) => format!("  即预设“{}”", p.key),
                (Some(p), n) => format!("  以预设“{}”为基础，改了 {n} 项（*）", p.key),
                (None, _) => "  自定".to_string(),
            },
            w.saturating_sub(10 + width(&t.name).min(w)),
        )),
    ])];
    head.push(Line::styled(fit(&from.map_or(String::new(), |p| format!("出处：{}", p.source)), w), theme.dim()));
    frame.render_widget(Paragraph::new(head), Rect { height: HEAD.min(area.height), ..area });

    let list = rows(t, v.open);
    let body = Rect { y: area.y + HEAD, height: area.height.saturating_sub(HEAD + 1), ..area };
    let height = body.height as usize;
    let top = scroll(&v.top, v.cursor, height);
    let value_w = w.saturating_sub(LABEL + 3);
    let mut lines = Vec::with_capacity(height);
    for (i, row) in list.iter().enumerate().skip(top).take(height) {
        let sel = i == v.cursor;
        let marker = Span::raw(if sel { "> " } else { "  " });
        let label_style = if sel { theme.selected() } else { theme.plain() };
        let line = match row {
            TemplateRow::Heading(h) => Line::styled(fit(&format!("【{h}】"), w), theme.heading()),
            TemplateRow::Setting(s) => {
                let star = preset.as_ref().is_some_and(|p| s.show(p) != s.show(t));
                let value = match s {
                    _ if s.is_choice() => format!("< {} >", s.show(t)),
                    _ if s.is_list() && v.open == Some(*s) => "（Esc 收起）".to_string(),
                    _ => s.show(t),
                };
                Line::from(vec![
                    marker,
                    Span::styled(pad(s.label(), LABEL), label_style),
                    Span::styled(if star { "*" } else { " " }, theme.warning()),
                    Span::raw(fit(&value, value_w)),
                ])
            }
            TemplateRow::Item(s, k) => {
                let all = items(t, *s);
                let Some(it) = all.get(*k) else { continue };
                let mark = if it.on { "[x] " } else { "[ ] " };
                let renamed =
                    if it.on && it.label != it.usual { format!("（原：{}）", it.usual) } else { String::new() };
                let style = if it.on {
                    label_style
                } else if sel {
                    theme.selected()
                } else {
                    theme.dim()
                };
                Line::from(vec![
                    marker,
                    Span::raw("  "),
                    Span::styled(mark, style),
                    Span::styled(fit(&format!("{}{renamed}", it.label), w.saturating_sub(8)), style),
                ])
            }
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), body);
    let foot = Rect { y: area.y + area.height.saturating_sub(1), height: 1, ..area };
    editor(frame, body, foot, e, v, top, theme);
    if let Some(ch) = &v.chooser {
        chooser(frame, area, ch, theme);
    }
}

/// The line editor over the value of the row being changed, its complaint on the foot
/// line; else what the selected setting's preset had.
fn editor(frame: &mut Frame, body: Rect, foot: Rect, e: &EvalState, v: &TemplateView, top: usize, theme: Theme) {
    let t = &e.ev.template;
    if let Some(Editor::Line { target, input }) = &e.editor {
        let editing = matches!(target, LineTarget::Setting(_) | LineTarget::ItemLabel(..));
        if editing && v.cursor >= top {
            let y = body.y + (v.cursor - top) as u16;
            let x = body.x + if matches!(target, LineTarget::ItemLabel(..)) { 8 } else { 2 + LABEL as u16 + 1 };
            let field = Rect { x, y, width: (body.x + body.width).saturating_sub(x), height: 1 };
            super::input::render(frame, field, input, theme);
        }
        if let LineTarget::TemplateName = target {
            frame.render_widget(ratatui::widgets::Clear, foot);
            let head = "另存为本地模板，名称：";
            frame.render_widget(Paragraph::new(Line::styled(head, theme.key())), foot);
            let x = foot.x + width(head) as u16;
            let field = Rect { x, width: (foot.x + foot.width).saturating_sub(x), ..foot };
            super::input::render(frame, field, input, theme);
            return;
        }
        if let Some(err) = &input.error {
            frame.render_widget(
                Paragraph::new(Line::styled(fit(&format!("！{err}"), foot.width as usize), theme.error())),
                foot,
            );
            return;
        }
    }
    let hint = match v.row(t) {
        Some(TemplateRow::Setting(s)) => {
            let what = if s.scores() { "影响计分" } else { "影响检查或印制" };
            match base(t).filter(|p| s.show(p) != s.show(t)) {
                Some(p) => format!("{what}；预设为：{}", s.show(&p)),
                None => what.to_string(),
            }
        }
        Some(TemplateRow::Item(..)) => "空格 印/不印  Ctrl+↑↓ 调整顺序  Enter 改表头".to_string(),
        _ => String::new(),
    };
    frame.render_widget(Paragraph::new(Line::styled(fit(&hint, foot.width as usize), theme.dim())), foot);
}

fn chooser(frame: &mut Frame, area: Rect, ch: &crate::app::template::Chooser, theme: Theme) {
    let rect = centered(area, 56, (ch.options.len() as u16 + 2).min(area.height));
    clear(frame, rect);
    let block = Block::default().borders(Borders::ALL).title(" 换用评分模板 ").border_style(theme.heading());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let room = inner.height as usize;
    let top = ch.selected.saturating_sub(room.saturating_sub(1));
    let lines: Vec<Line> = (0..ch.options.len())
        .skip(top)
        .take(room)
        .map(|i| {
            let sel = i == ch.selected;
            let text = fit(&format!("{}{}", if sel { "> " } else { "  " }, ch.label(i)), inner.width as usize);
            Line::styled(text, if sel { theme.selected() } else { theme.plain() })
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
