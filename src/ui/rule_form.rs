//! The rule form popup: the kinds on the left, the chosen kind's settings on the
//! right, and the row's score under the draft rule below.

use super::popup::centered;
use super::text::{fit, pad, wrap};
use super::theme::Theme;
use crate::app::rule_form::{LineKind, RuleForm, kind_key};
use crate::domain::model::Evaluation;
use crate::domain::rule::RuleKind;
use crate::domain::score::score_row;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const KINDS: u16 = 14;
/// The kinds' list and a line under it.
const KIND_LINES: u16 = 12;
const LABEL: usize = 22;

pub fn render(frame: &mut Frame, area: Rect, form: &RuleForm, ev: &Evaluation, theme: Theme) {
    let Some(ind) = ev.indicators.get(form.row) else { return };
    let rect = centered(area, 78, area.height);
    super::popup::clear(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" 评分规则{}：{} ", if form.prefilled { "（按评分标准预填）" } else { "" }, fit(&ind.name, 24)))
        .title_bottom(" 编号或首字母选种类  →/Enter 填写  = 沿用上一行  F10 保存  Esc 放弃 ")
        .border_style(theme.heading());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // The preview: this row scored under the draft.
    let mut row = ind.clone();
    row.rule = form.draft().clone();
    let item = score_row(&ev.template, Some(ev.year), form.row, &row);
    let result = match item.rule_score {
        Some(s) => format!(
            "按此规则：得 {} 分。{}",
            crate::domain::number::fixed(s, ev.template.rounding.places()),
            item.explanation
        ),
        None => format!("按此规则无法计分：{}", item.explanation),
    };
    let err = form.editing.as_ref().and_then(|i| i.error.clone()).or_else(|| form.error.clone());
    let w = inner.width as usize;
    let criterion = format!("评分标准：{}", ind.criterion.replace('\n', " "));
    let mut preview: Vec<Line> = wrap(&criterion, w).into_iter().map(|l| Line::styled(l, theme.dim())).collect();
    match err {
        Some(e) => preview.extend(wrap(&format!("！{e}"), w).into_iter().map(|l| Line::styled(l, theme.error()))),
        None => preview.extend(wrap(&result, w).into_iter().map(|l| Line::styled(l, theme.good()))),
    }
    // The criterion and the score under the draft rule, leaving the kinds their lines.
    let preview_h = (preview.len() as u16).clamp(4, inner.height.saturating_sub(KIND_LINES).max(4));
    let top_h = inner.height.saturating_sub(preview_h);
    // The kinds.
    let kinds: Vec<Line> = RuleKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let sel = i == form.kind;
            let style = if sel && !form.in_fields {
                theme.selected()
            } else if sel {
                theme.good()
            } else {
                theme.plain()
            };
            Line::from(vec![
                Span::raw(if sel { ">" } else { " " }),
                Span::styled(kind_key(*k).to_string(), theme.key()),
                Span::styled(pad(k.label(), KINDS as usize - 3), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(kinds), Rect { width: KINDS, height: top_h, ..inner });
    // The settings.
    let right = Rect { x: inner.x + KINDS + 1, width: inner.width.saturating_sub(KINDS + 1), height: top_h, ..inner };
    let kind = RuleKind::ALL[form.kind];
    let mut lines = vec![Line::styled(fit(&format!("例：{}", kind.example()), right.width as usize), theme.dim())];
    let all = form.lines();
    if all.is_empty() {
        lines.push(Line::raw("此规则没有需要填写的项。"));
    }
    let room = (right.height as usize).saturating_sub(1);
    let first = form.line.saturating_sub(room.saturating_sub(1));
    let draft = form.draft();
    let mut editor_y = None;
    for (i, line) in all.iter().enumerate().skip(first).take(room) {
        let sel = form.in_fields && i == form.line;
        let value = match line.kind() {
            LineKind::Add => String::new(),
            LineKind::Switch => format!("< {} >", line.text(draft)),
            LineKind::Typed => line.text(draft),
        };
        let style = if sel { theme.selected() } else { theme.plain() };
        if sel {
            editor_y = Some(right.y + lines.len() as u16);
        }
        lines.push(Line::from(vec![
            Span::styled(pad(&line.label(), LABEL), if line.kind() == LineKind::Add { theme.key() } else { style }),
            Span::raw(" "),
            Span::raw(fit(&value, (right.width as usize).saturating_sub(LABEL + 1))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), right);
    if let (Some(input), Some(y)) = (&form.editing, editor_y) {
        let field =
            Rect { x: right.x + LABEL as u16 + 1, y, width: right.width.saturating_sub(LABEL as u16 + 1), height: 1 };
        super::input::render(frame, field, input, theme);
    }
    if preview.len() > preview_h as usize {
        preview.truncate(preview_h as usize - 1);
        preview.push(Line::styled("（评分标准未完：关闭后在表格下方看全文）", theme.dim()));
    }
    frame.render_widget(Paragraph::new(preview), Rect { y: inner.y + top_h, height: preview_h, ..inner });
}
