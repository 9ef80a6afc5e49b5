//! The template screen's state (F10): the settings of the open evaluation's template as
//! rows, a list setting (the grid's columns, the funds block's columns and sources)
//! opened into its items, and the chooser of another template.
//!
//! Changes go through the one edit path of the evaluation (`eval::template`), so each
//! is saved, rescored and undoable.

use crate::domain::template::setting::Setting;
use crate::domain::template::{ColumnKey, FundsKey, Heading, Labelled, PRESETS, SourceKey, Template};
use std::cell::Cell;

/// A row of the template screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateRow {
    Heading(String),
    Setting(Setting),
    /// An item of an opened list setting: its index in [`items`].
    Item(Setting, usize),
}

impl TemplateRow {
    pub fn selectable(&self) -> bool {
        !matches!(self, TemplateRow::Heading(_))
    }
}

/// One item of a list setting as the screen shows it: label, whether the template
/// prints it, its usual heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub on: bool,
    pub usual: &'static str,
}

/// Another template to switch to: every preset, then the county's own.
pub struct Chooser {
    pub options: Vec<Template>,
    pub selected: usize,
}

impl Chooser {
    pub fn new(saved: Vec<Template>, current: &Template) -> Chooser {
        let mut options: Vec<Template> = PRESETS.iter().map(|p| (p.build)()).collect();
        options.extend(saved);
        let selected = options.iter().position(|t| t.name == current.name).unwrap_or(0);
        Chooser { options, selected }
    }

    /// The option's name, marked when it is one of the county's own.
    pub fn label(&self, i: usize) -> String {
        let t = &self.options[i];
        if i >= PRESETS.len() { format!("{}（本地）", t.name) } else { t.name.clone() }
    }
}

#[derive(Default)]
pub struct TemplateView {
    pub cursor: usize,
    /// The first row drawn; drawing keeps the cursor in view.
    pub top: Cell<usize>,
    /// The list setting whose items are shown.
    pub open: Option<Setting>,
    pub chooser: Option<Chooser>,
}

impl TemplateView {
    pub fn new() -> TemplateView {
        // The first selectable row (the first row is a heading).
        let cursor = rows(&Template::default(), None).iter().position(TemplateRow::selectable).unwrap_or(0);
        TemplateView { cursor, ..TemplateView::default() }
    }

    pub fn row(&self, t: &Template) -> Option<TemplateRow> {
        rows(t, self.open).get(self.cursor).cloned().filter(TemplateRow::selectable)
    }

    /// Moves the cursor by `by` selectable rows.
    pub fn step(&mut self, t: &Template, by: isize) {
        let rows = rows(t, self.open);
        let selectable: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].selectable()).collect();
        if selectable.is_empty() {
            return;
        }
        let at = selectable.iter().position(|&i| i >= self.cursor).unwrap_or(selectable.len() - 1) as isize;
        self.cursor = selectable[(at + by).clamp(0, selectable.len() as isize - 1) as usize];
    }

    /// Puts the cursor on a row (after the rows changed around it).
    pub fn select(&mut self, t: &Template, row: &TemplateRow) {
        if let Some(i) = rows(t, self.open).iter().position(|r| r == row) {
            self.cursor = i;
        } else {
            self.step(t, 0);
        }
    }
}

/// The screen's rows: scoring settings, then what is printed; an open list's items
/// under it.
pub fn rows(t: &Template, open: Option<Setting>) -> Vec<TemplateRow> {
    let mut out = vec![TemplateRow::Heading("计分".into())];
    for s in Setting::ALL {
        if s == Setting::Columns {
            out.push(TemplateRow::Heading("印制（自评表的样式）".into()));
        }
        out.push(TemplateRow::Setting(s));
        if open == Some(s) {
            out.extend((0..items(t, s).len()).map(|i| TemplateRow::Item(s, i)));
        }
    }
    out
}

fn listed<K: Heading + PartialEq + Copy>(on: &[Labelled<K>], all: &[K]) -> Vec<Item> {
    let mut out: Vec<Item> =
        on.iter().map(|c| Item { label: c.heading().to_string(), on: true, usual: c.key.heading() }).collect();
    out.extend(all.iter().filter(|k| !on.iter().any(|c| c.key == **k)).map(|k| Item {
        label: k.heading().to_string(),
        on: false,
        usual: k.heading(),
    }));
    out
}

/// The items of a list setting: those printed, in order, then the others.
pub fn items(t: &Template, s: Setting) -> Vec<Item> {
    match s {
        Setting::Columns => listed(&t.columns, &ColumnKey::ALL),
        Setting::FundsColumns => listed(&t.funds.columns, &FundsKey::ALL),
        Setting::FundsSources => listed(&t.funds.sources, &SourceKey::ALL),
        _ => Vec::new(),
    }
}

/// What an item operation does to one list.
#[derive(Debug, Clone)]
pub enum ItemEdit {
    Toggle,
    /// Moves a printed item up (−1) or down (+1) among the printed ones.
    Move(isize),
    Rename(String),
}

fn edit_list<K: Heading + PartialEq + Copy>(
    on: &mut Vec<Labelled<K>>,
    all: &[K],
    i: usize,
    edit: &ItemEdit,
) -> Result<usize, String> {
    let off: Vec<K> = all.iter().copied().filter(|k| !on.iter().any(|c| c.key == *k)).collect();
    match edit {
        ItemEdit::Toggle if i < on.len() => {
            on.remove(i);
            Ok(on.len())
        }
        ItemEdit::Toggle => {
            let key = *off.get(i - on.len()).ok_or("没有这一项")?;
            on.push(Labelled::of(key));
            Ok(on.len() - 1)
        }
        ItemEdit::Move(_) if i >= on.len() => Err("未印的列不能移动：先按空格选用".into()),
        ItemEdit::Move(by) => {
            let j = (i as isize + by).clamp(0, on.len() as isize - 1) as usize;
            let item = on.remove(i);
            on.insert(j, item);
            Ok(j)
        }
        ItemEdit::Rename(_) if i >= on.len() => Err("未印的列没有表头：先按空格选用".into()),
        ItemEdit::Rename(label) if label.trim().is_empty() => Err("表头不能为空".into()),
        ItemEdit::Rename(label) => {
            on[i].label = label.trim().to_string();
            Ok(i)
        }
    }
}

/// The template with one item of a list setting changed, and where that item is now;
/// validated, so that (say) removing 得分 is refused with the reason.
pub fn edit_item(t: &Template, s: Setting, i: usize, edit: &ItemEdit) -> Result<(Template, usize), String> {
    let mut t = t.clone();
    let at = match s {
        Setting::Columns => edit_list(&mut t.columns, &ColumnKey::ALL, i, edit)?,
        Setting::FundsColumns => edit_list(&mut t.funds.columns, &FundsKey::ALL, i, edit)?,
        Setting::FundsSources => edit_list(&mut t.funds.sources, &SourceKey::ALL, i, edit)?,
        _ => return Err("这一项不是列表".into()),
    };
    t.validate()?;
    Ok((t, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_chosen_moved_and_renamed() {
        let t = Template::national();
        let items = items(&t, Setting::Columns);
        assert_eq!(items.len(), ColumnKey::ALL.len());
        assert!(items[..8].iter().all(|i| i.on) && items[8..].iter().all(|i| !i.on));
        let nature = items.iter().position(|i| i.usual == "指标性质").unwrap();
        let (t, at) = edit_item(&t, Setting::Columns, nature, &ItemEdit::Toggle).unwrap();
        assert!(t.has(ColumnKey::Nature) && at == 8);
        let (t, at) = edit_item(&t, Setting::Columns, at, &ItemEdit::Move(-5)).unwrap();
        assert_eq!((t.columns[3].key, at), (ColumnKey::Nature, 3));
        let (t, _) = edit_item(&t, Setting::Columns, 6, &ItemEdit::Rename("权重".into())).unwrap();
        assert_eq!(t.columns[6].heading(), "权重");
        let score = t.columns.iter().position(|c| c.key == ColumnKey::Score).unwrap();
        assert!(edit_item(&t, Setting::Columns, score, &ItemEdit::Toggle).unwrap_err().contains("得分"));
        assert!(edit_item(&t, Setting::Columns, 12, &ItemEdit::Move(1)).is_err());
    }

    #[test]
    fn an_open_list_shows_its_items_under_it() {
        let t = Template::national();
        let closed = rows(&t, None);
        let open = rows(&t, Some(Setting::FundsSources));
        assert_eq!(open.len(), closed.len() + SourceKey::ALL.len());
        let mut v = TemplateView::new();
        assert_eq!(v.row(&t), Some(TemplateRow::Setting(Setting::ALL[0])));
        v.step(&t, 1);
        assert_eq!(v.row(&t), Some(TemplateRow::Setting(Setting::ALL[1])));
    }
}
