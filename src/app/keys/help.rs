//! The help overlay (F1): every context's notes and keys, from the key table, in the
//! order the overlay shows them, and where each context's section starts.

use super::Ctx::{self, *};
use super::{ANYWHERE, BINDINGS, Binding, MOVING, SIDEWAYS};

/// Sequences worth saying in the help, before a context's keys: how to get somewhere.
const NOTES: &[(Ctx, &str, &str)] = &[
    (Grid, "→ … Enter", "评分规则：→ 移到表格下方的“评分规则”，Enter 打开规则表单"),
    (Grid, "1–9/0/x/r", "在“评分规则”上直接按规则编号：打开规则表单并选中该种类"),
    (Grid, "→ … Enter", "评分标准、偏差原因也在表格下方，→ 移到后 Enter 编辑"),
];

/// Whether a binding is one of the moving keys, listed once in the help.
fn moving(b: &Binding) -> bool {
    b.ctxs == MOVING || b.ctxs == SIDEWAYS
}

/// The help overlay's sections: for each context, its notes (sequences worth saying),
/// then every binding (moving keys once).
pub fn help() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let order = [
        Start,
        Filter,
        NewForm,
        Form,
        Grid,
        Narrative,
        Editing,
        TextArea,
        RuleForm,
        Template,
        TemplateList,
        TemplatePick,
        Panel,
        Compare,
        Pick,
        Trend,
        Review,
        Choices,
        Log,
        Reason,
    ];
    let mut out: Vec<(&'static str, Vec<(&'static str, &'static str)>)> = order
        .iter()
        .map(|&ctx| {
            // The notes first: on a small screen the way to what has no key of its own
            // stays in view above a long list of keys.
            let mut rows: Vec<(&'static str, &'static str)> =
                NOTES.iter().filter(|(c, ..)| *c == ctx).map(|(_, keys, what)| (*keys, *what)).collect();
            rows.extend(
                BINDINGS
                    .iter()
                    .filter(|b| b.ctxs.contains(&ctx) && !moving(b) && b.ctxs != ANYWHERE)
                    .map(|b| (b.name, b.what)),
            );
            (ctx.title(), rows)
        })
        .collect();
    out.push(("移动", BINDINGS.iter().filter(|b| moving(b)).map(|b| (b.name, b.what)).collect()));
    out
}

/// How many lines the help overlay's sections take.
pub fn help_len() -> u16 {
    help().iter().filter(|(_, rows)| !rows.is_empty()).map(|(_, rows)| 1 + rows.len() as u16).sum()
}

/// The line of the help overlay (a title line and a line a key, per section) where the
/// section of `ctx` starts, so that F1 opens at the keys of where the user is.
pub fn help_line(ctx: Ctx) -> u16 {
    let mut line = 0;
    for (title, rows) in help().into_iter().filter(|(_, rows)| !rows.is_empty()) {
        if title == ctx.title() {
            return line;
        }
        line += 1 + rows.len() as u16;
    }
    0
}
