//! The history of an evaluation (修改记录): one change a line, newest first, and the
//! selected change in full under the list.

use super::text::{fit, pad, width, wrap};
use super::theme::Theme;
use crate::app::log::LogView;
use crate::domain::text::changed_part;
use crate::store::{ChangeKind, ChangeRecord};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// How many lines the selected change gets under the list.
const DETAIL: usize = 6;

/// How much of a long text around what changed is shown.
const CONTEXT: usize = 8;

/// What a change did, in one line: `23家 → 25家`, `…成效。 → …成效。补充一句。`, `原因：…`.
fn summary(r: &ChangeRecord) -> String {
    let one = |s: &str| s.replace('\n', " ");
    let (old, new) = changed_part(&r.old, &r.new, CONTEXT);
    match r.kind {
        ChangeKind::Unlock => format!("原因：{}", one(&r.note)),
        _ if !r.note.is_empty() && r.old.is_empty() => format!("{}  {}", one(&new), one(&r.note)).trim().to_string(),
        _ if r.old.is_empty() && r.new.is_empty() => String::new(),
        _ if r.old.is_empty() => format!("→ {}", one(&new)),
        _ => format!("{} → {}", one(&old), one(&new)),
    }
}

/// The words for what was changed: the screen's label, or the kind of change.
fn what(r: &ChangeRecord) -> String {
    match r.kind {
        ChangeKind::Edit => r.label.clone(),
        ChangeKind::Undo | ChangeKind::Redo => r.label.clone(),
        kind => format!("【{}】{}", kind.label(), r.label),
    }
}

fn line(r: &ChangeRecord, w: usize) -> String {
    let at = r.at.get(5..16).unwrap_or(&r.at);
    let head = format!("{}  {}  {}  ", at, pad(&r.user, 8), pad(&what(r), 26));
    let rest = w.saturating_sub(width(&head));
    format!("{head}{}", fit(&summary(r), rest))
}

fn detail(r: &ChangeRecord, w: usize) -> Vec<String> {
    let mut out = vec![format!("{}  {}  {}", r.at, r.who(), what(r))];
    let mut field = |title: &str, text: &str| {
        if text.is_empty() {
            return;
        }
        for (i, l) in wrap(text, w.saturating_sub(6)).into_iter().enumerate() {
            out.push(format!("{}{l}", if i == 0 { format!("{title}：") } else { "      ".to_string() }));
        }
    };
    // A long text shows what changed in it, with some text either side.
    let (old, new) = changed_part(&r.old, &r.new, 3 * CONTEXT);
    field("原值", &old);
    field(if r.open { "新值（输入中）" } else { "新值" }, &new);
    field(if r.kind == ChangeKind::Unlock { "原因" } else { "备注" }, &r.note);
    out
}

pub fn render(frame: &mut Frame, area: Rect, v: &LogView, theme: Theme) {
    frame.render_widget(Clear, area);
    let w = area.width as usize;
    let mut head = vec![Span::styled(" 修改记录", theme.heading())];
    head.push(Span::styled(format!("  {}／{} 条", v.shown.len(), v.records.len()), theme.dim()));
    if let Some((_, label)) = &v.place {
        head.push(Span::styled(format!("  只看：{}（f 取消）", fit(label, 24)), theme.key()));
    }
    if v.filter_input.is_none() && !v.filter.is_empty() {
        head.push(Span::styled(format!("  筛选：“{}”", fit(&v.filter, 16)), theme.key()));
    }
    let mut lines = vec![Line::from(head)];
    if v.records.is_empty() {
        lines.push(Line::raw("  还没有修改记录。"));
    } else if v.shown.is_empty() {
        lines.push(Line::raw("  没有符合筛选的修改。Esc 清除筛选。"));
    }
    let room = (area.height as usize).saturating_sub(2 + DETAIL);
    let top = v.selected.saturating_sub(room.saturating_sub(1));
    for (k, &i) in v.shown.iter().enumerate().skip(top).take(room) {
        let sel = k == v.selected;
        let text = pad(&line(&v.records[i], w.saturating_sub(2)), w.saturating_sub(2));
        lines.push(Line::from(vec![
            Span::raw(if sel { "> " } else { "  " }),
            Span::styled(text, if sel { theme.selected() } else { theme.plain() }),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
    if let Some(r) = v.record() {
        let y = area.y + area.height.saturating_sub(DETAIL as u16 + 1);
        let rect = Rect { y, height: (DETAIL as u16 + 1).min(area.height), ..area };
        let mut lines = vec![Line::styled("-".repeat(w), theme.dim())];
        lines.extend(detail(r, w).into_iter().take(DETAIL).map(|l| Line::raw(fit(&l, w))));
        frame.render_widget(Clear, rect);
        frame.render_widget(Paragraph::new(lines), rect);
    }
    if let Some(input) = &v.filter_input {
        let label = "  筛选：";
        let x = area.x + width(label) as u16;
        frame.render_widget(Paragraph::new(Line::styled(label, theme.heading())), Rect { height: 1, ..area });
        let field = Rect { x, y: area.y, width: (area.width / 2).min(area.right().saturating_sub(x)), height: 1 };
        super::input::render(frame, field, input, theme);
    }
}
