//! The 自评报告 as a small document model, in the order of the seed report. The
//! sentences are built here once; `markdown` and `docx` only render the blocks.

use super::self_table;
use super::sentences::{self, MISSING};
use super::table::{Cell, Style, Table, Value};
use crate::domain::model::{Evaluation, Section};
use crate::domain::project::ProjectLine;
use crate::domain::score::score;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The organisation's name above the title.
    Subtitle(String),
    Title(String),
    /// Level 1 `一、`, level 2 `（一）`, level 3 `1、`.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// A table with its caption; a wide one is printed on landscape pages.
    Table {
        caption: String,
        table: Table,
        landscape: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    pub blocks: Vec<Block>,
}

pub fn report_title(ev: &Evaluation) -> String {
    if ev.is_project() {
        return format!("{}年度项目支出绩效自评报告", ev.year);
    }
    format!("{}年度部门整体支出绩效自评报告", ev.year)
}

/// Whether a typed line is a sub-heading such as `（一）项目立项情况`: a bracketed
/// Chinese numeral, short, and not a sentence.
fn is_subheading(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('（') else { return false };
    let numeral: String = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    !numeral.is_empty() && rest[numeral.len()..].starts_with('）') && line.chars().count() <= 30 && !line.contains('。')
}

pub(super) struct Builder {
    pub blocks: Vec<Block>,
}

impl Builder {
    pub fn heading(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading { level, text: text.to_string() });
    }

    pub fn paragraph(&mut self, text: String) {
        self.blocks.push(Block::Paragraph(text));
    }

    /// A heading and the one computed paragraph under it.
    pub fn computed(&mut self, level: u8, heading: &str, text: String) {
        self.heading(level, heading);
        self.paragraph(text);
    }

    /// The end of every report: 五 problems and improvements, 六 anything else, then the
    /// scored table (the department's or the project's) on a landscape page.
    pub fn close(mut self, ev: &Evaluation, sheet: &crate::domain::score::ScoreSheet) -> Report {
        let n = &ev.narrative;
        self.heading(1, "五、存在问题原因分析及改进措施");
        self.heading(2, "（一）存在问题原因");
        self.typed(n.get(Section::Problems), MISSING);
        self.heading(2, "（二）改进措施及建议");
        self.typed(n.get(Section::Improvements), MISSING);
        self.heading(1, "六、其它需要说明的情况");
        self.typed(n.get(Section::Other), "无");
        let form = self_table::build(ev, sheet);
        self.blocks.push(Block::Table { caption: form.title, table: form.table, landscape: true });
        Report { title: report_title(ev), blocks: self.blocks }
    }

    /// Typed text: one paragraph per line, sub-headings recognised; `empty` if blank
    /// (nothing if `empty` is empty too). A typed sub-heading is one level below the
    /// heading it stands under: `（一）` under 四、 is a level-2 heading like the other
    /// `（一）`s, under （三）主要职责 a level 3.
    pub fn typed(&mut self, text: &str, empty: &str) {
        let under = self
            .blocks
            .iter()
            .rev()
            .find_map(|b| if let Block::Heading { level, .. } = b { Some(*level) } else { None })
            .unwrap_or(1);
        let mut any = false;
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            any = true;
            if is_subheading(line) {
                self.heading((under + 1).min(3), line);
            } else {
                self.paragraph(line.to_string());
            }
        }
        if !any && !empty.is_empty() {
            self.paragraph(empty.to_string());
        }
    }
}

/// The year's projects under 四、项目绩效目标完成情况: 项目名称, 全年预算数, 全年执行数,
/// 执行率, 总分, 等级, and the sums of the budget figures.
pub fn projects_table(projects: &[ProjectLine]) -> Table {
    let mut t = Table::new(7);
    t.push(
        ["序号", "项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率", "总分", "等级"]
            .map(Cell::header)
            .to_vec(),
    );
    t.repeat_row = Some(0);
    let wan = |a: Option<crate::domain::money::Amount>| Cell::number(a.map(|a| a.in_wan()), 2);
    for (i, p) in projects.iter().enumerate() {
        t.push(vec![
            Cell::number(Some(Decimal::from(i + 1)), 0),
            Cell::text(p.name.clone(), Style::Text),
            wan(p.full_year),
            wan(p.executed),
            Cell::new(p.rate().map_or(Value::Empty, Value::Percent), Style::Number),
            Cell::label(&p.total),
            Cell::label(&p.grade),
        ]);
    }
    let sum = |f: fn(&ProjectLine) -> Option<crate::domain::money::Amount>| -> Option<Decimal> {
        projects.iter().map(|p| f(p).map(|a| a.in_wan())).sum()
    };
    let (budget, executed) = (sum(|p| p.full_year), sum(|p| p.executed));
    t.push(vec![
        Cell::header("合计").wide(2),
        Cell::number(budget, 2),
        Cell::number(executed, 2),
        Cell::new(
            budget.filter(|b| !b.is_zero()).zip(executed).map_or(Value::Empty, |(b, e)| Value::Percent(e / b)),
            Style::Number,
        ),
        Cell::empty().wide(2),
    ]);
    t.fit_widths(&[5.0, 16.0, 10.0, 10.0, 8.0, 7.0, 5.0], &[5.0, 36.0, 12.0, 12.0, 9.0, 8.0, 6.0]);
    t
}

/// The whole report: sections 一 to 六, then the 自评表; a project's is its own
/// (`project_report`). `projects` are the year's projects, listed under 四.
pub fn build(ev: &Evaluation, projects: &[ProjectLine]) -> Report {
    if ev.is_project() {
        return super::project_report::build(ev);
    }
    let sheet = score(ev);
    let n = &ev.narrative;
    let mut b = Builder { blocks: Vec::new() };
    b.blocks.push(Block::Subtitle(ev.organisation.name.clone()));
    b.blocks.push(Block::Title(report_title(ev)));

    b.heading(1, "一、单位基本情况");
    b.computed(2, "（一）机构设置情况", sentences::organisation(ev));
    b.computed(2, "（二）人员编制情况", sentences::staffing(ev));
    b.heading(2, "（三）主要职责");
    b.typed(&ev.organisation.responsibilities, MISSING);

    b.heading(1, "二、预算支出情况");
    b.heading(2, "（一）部门预决算情况");
    b.computed(3, "1、部门预算情况", sentences::initial_budget(ev));
    b.computed(3, "2、部门决算情况（含年中预算追加情况）", sentences::final_accounts(ev));
    b.heading(2, "（二）部门预算执行情况");
    b.computed(3, "1、“三公”经费执行情况", sentences::sangong(ev));
    b.computed(3, "2、政府采购执行情况", sentences::procurement(ev));
    b.computed(3, "3、资产管理情况", sentences::assets(ev));

    b.heading(1, "三、单位整体支出绩效情况");
    b.heading(2, "（一）综合评价结论");
    let computed = sentences::conclusion(ev, &sheet.show(sheet.total), sheet.grade.label());
    b.typed(n.get(Section::Conclusion), &computed);
    b.heading(2, "（二）评价指标分析");
    b.typed(n.get(Section::Analysis), MISSING);

    b.heading(1, "四、项目绩效目标完成情况");
    b.typed(n.get(Section::ProjectPerformance), if projects.is_empty() { MISSING } else { "" });
    if !projects.is_empty() {
        let caption = format!("{}年度项目支出绩效自评情况（{}个项目）", ev.year, projects.len());
        b.blocks.push(Block::Table { caption, table: projects_table(projects), landscape: false });
    }

    b.close(ev, &sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_typed_subheadings_but_not_sentences() {
        assert!(is_subheading("（一）项目立项情况"));
        assert!(is_subheading("（四）、项目绩效情况分析"));
        assert!(!is_subheading("（1）、规上工业增加值。2024年我县共有210家"));
        assert!(!is_subheading("（一）参照省市做法，每年申报一次。"));
        assert!(!is_subheading("1、工业经济稳步增长。"));
        assert!(!is_subheading("（"));
    }

    #[test]
    fn an_untyped_conclusion_is_written_from_the_score() {
        let ev = Evaluation { year: 2024, ..Evaluation::default() };
        let r = build(&ev, &[]);
        let i = r.blocks.iter().position(|b| matches!(b, Block::Heading { text, .. } if text == "（一）综合评价结论"));
        let next = &r.blocks[i.unwrap() + 1];
        assert!(
            matches!(next, Block::Paragraph(p) if p.starts_with("2024年度部门整体支出绩效自评综合得分")),
            "{next:?}"
        );
        assert!(matches!(r.blocks.last(), Some(Block::Table { .. })));
    }
}
