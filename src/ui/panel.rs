//! The score panel: total, grade, total by rules, subtotals per 一级指标, each deduction
//! and the findings. Beside the content on wide terminals; below 100 columns a one-line
//! summary that F9 opens as an overlay.

use super::form::mark;
use super::popup::centered;
use super::text::{pad, pad_left, wrap};
use super::theme::Theme;
use crate::app::eval::EvalState;
use crate::domain::check::counts;
use crate::domain::number::plain;
use crate::domain::score::signed;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

fn lines(e: &EvalState, width: usize, height: usize, theme: Theme) -> Vec<Line<'static>> {
    let s = &e.sheet;
    let mut out = vec![Line::from(vec![
        Span::styled("总分 ", theme.heading()),
        Span::styled(s.show(s.total), theme.good()),
        Span::raw("  "),
        Span::styled(s.grade.label(), theme.good()),
    ])];
    if s.rule_total != s.total {
        out.push(Line::raw(format!(
            "按规则总分 {}（相差 {}）",
            s.show(s.rule_total),
            signed(s.rule_total - s.total, s.places)
        )));
    }
    if let Some(cap) = s.cap {
        out.push(Line::styled(format!("执行率偏低，以{}分为限", plain(cap)), theme.warning()));
    }
    // Focused in a short overlay (below 100 columns), the findings take the room.
    let brief = e.panel.focused && height < 30;
    if !brief {
        sections(e, width, theme, &mut out);
    }
    let (errors, warnings, notes) = counts(&e.findings);
    out.push(Line::styled(format!("─ 检查：{errors}错 {warnings}警 {notes}提 ─"), theme.heading()));
    if e.findings.is_empty() {
        out.push(Line::styled("未发现问题", theme.good()));
        return out;
    }
    // Each finding wrapped whole beside its mark; the window keeps the selected one in view.
    let text_width = width.saturating_sub(4).max(2);
    let blocks: Vec<Vec<Line<'static>>> = e
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let sel = e.panel.focused && i == e.panel.selected;
            let style = if sel { theme.selected() } else { theme.plain() };
            wrap(&f.message, text_width)
                .into_iter()
                .enumerate()
                .map(|(k, l)| {
                    let lead = if k == 0 { mark(f.severity, theme) } else { Span::raw("    ") };
                    Line::from(vec![lead, Span::styled(l, style)])
                })
                .collect()
        })
        .collect();
    let room = height.saturating_sub(out.len());
    let mut first = 0;
    if e.panel.focused {
        // As many findings before the selected one as fit with it (and the line below).
        let selected = e.panel.selected.min(blocks.len() - 1);
        let mut used = blocks[selected].len() + 1;
        first = selected;
        while first > 0 && used + blocks[first - 1].len() <= room {
            first -= 1;
            used += blocks[first].len();
        }
    }
    let mut used = 0;
    let mut shown = 0;
    for block in blocks.iter().skip(first) {
        // Whole findings only, and a line kept for saying how many more there are.
        let last = first + shown + 1 == blocks.len();
        if used + block.len() + usize::from(!last) > room {
            if shown == 0 {
                // One finding longer than the panel: as much of it as there is room for.
                out.extend(block.iter().take(room.saturating_sub(1)).cloned());
                shown = 1;
            }
            break;
        }
        used += block.len();
        shown += 1;
        out.extend(block.iter().cloned());
    }
    let below = blocks.len() - first - shown;
    if below > 0 || first > 0 {
        let more = match (first, below) {
            (0, b) => format!("（另有 {b} 条，F9 后 ↑↓ 查看）"),
            (a, 0) => format!("（上方另有 {a} 条）"),
            (a, b) => format!("（上方 {a} 条、下方 {b} 条）"),
        };
        out.push(Line::styled(more, theme.dim()));
    }
    out
}

/// The subtotals per 一级指标 and the deductions.
fn sections(e: &EvalState, width: usize, theme: Theme, out: &mut Vec<Line<'static>>) {
    let s = &e.sheet;
    out.push(Line::styled("─ 分项 ─", theme.heading()));
    for sub in s.subtotals() {
        let figures = format!("{}/{}", s.show(sub.score), plain(sub.weight));
        out.push(Line::raw(format!("{}{}", pad(&sub.level1, width.saturating_sub(12)), pad_left(&figures, 12))));
    }
    let lost: Vec<_> = s.items.iter().filter(|i| i.lost() > rust_decimal::Decimal::ZERO).collect();
    if !lost.is_empty() {
        out.push(Line::styled("─ 扣分 ─", theme.heading()));
        // Row and points lost, then why (the rule's sum, or the entered score's reason) on
        // at most two lines: the selected row's detail under the grid has all of it.
        for item in lost {
            let minus = pad_left(&format!("-{}", s.show(item.lost())), 6);
            let why = item.explanation.rsplit_once('；').map_or(item.explanation.as_str(), |(_, last)| last);
            let lead = format!("{} {minus} ", pad(&item.name, 12));
            let first = width.saturating_sub(super::text::width(&lead)).max(2);
            let mut parts = wrap(why, first).into_iter();
            out.push(Line::raw(format!("{lead}{}", parts.next().unwrap_or_default())));
            let rest: String = parts.collect();
            let mut more = wrap(rest.trim_start(), width.saturating_sub(2).max(2));
            if more.len() > 1 {
                more.truncate(1);
                more.push(format!("（详见{}一行）", item.name));
            }
            out.extend(more.into_iter().filter(|l| !l.is_empty()).map(|l| Line::styled(format!("  {l}"), theme.dim())));
        }
    }
}

pub fn render(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let title = if e.panel.focused { " 评分与检查（Enter 跳转） " } else { " 评分与检查（F9） " };
    let block = Block::default().borders(Borders::LEFT).title(title).border_style(if e.panel.focused {
        theme.heading()
    } else {
        theme.border()
    });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(1), ..inner };
    frame.render_widget(Paragraph::new(lines(e, inner.width as usize, inner.height as usize, theme)), inner);
}

/// The one-line summary below 100 columns.
pub fn summary(frame: &mut Frame, area: Rect, e: &EvalState, theme: Theme) {
    let s = &e.sheet;
    let (errors, warnings, notes) = counts(&e.findings);
    let mut spans = vec![
        Span::styled(format!("总分 {} {}", s.show(s.total), s.grade.label()), theme.good()),
        Span::styled(" | ", theme.dim()),
    ];
    if s.rule_total != s.total {
        spans.push(Span::raw(format!("按规则 {}", s.show(s.rule_total))));
        spans.push(Span::styled(" | ", theme.dim()));
    }
    let check_style = if errors > 0 {
        theme.error()
    } else if warnings > 0 {
        theme.warning()
    } else {
        theme.plain()
    };
    spans.push(Span::styled(format!("检查 {errors}错 {warnings}警 {notes}提"), check_style));
    spans.push(Span::styled(" | F9 详情", theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn overlay(frame: &mut Frame, body: Rect, e: &EvalState, theme: Theme) {
    let rect = centered(body, 60, body.height);
    super::popup::clear(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" 评分与检查（Enter 跳转，Esc 关闭） ")
        .border_style(theme.heading());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines(e, inner.width as usize, inner.height as usize, theme)), inner);
}
