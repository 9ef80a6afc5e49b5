//! The 自评报告 as a small document model, in the order of the seed report. The
//! sentences are built here once; `markdown` and `docx` only render the blocks.

use super::self_table;
use super::sentences::{self, MISSING};
use super::table::Table;
use crate::domain::model::{Evaluation, Section};
use crate::domain::score::score;

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
    /// A table with its caption, printed on landscape pages.
    Table {
        caption: String,
        table: Table,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    pub blocks: Vec<Block>,
}

pub fn report_title(ev: &Evaluation) -> String {
    format!("{}年度部门整体支出绩效自评报告", ev.year)
}

/// Whether a typed line is a sub-heading such as `（一）项目立项情况`: a bracketed
/// Chinese numeral, short, and not a sentence.
fn is_subheading(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('（') else { return false };
    let numeral: String = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    !numeral.is_empty() && rest[numeral.len()..].starts_with('）') && line.chars().count() <= 30 && !line.contains('。')
}

struct Builder {
    blocks: Vec<Block>,
}

impl Builder {
    fn heading(&mut self, level: u8, text: &str) {
        self.blocks.push(Block::Heading { level, text: text.to_string() });
    }

    fn paragraph(&mut self, text: String) {
        self.blocks.push(Block::Paragraph(text));
    }

    /// A heading and the one computed paragraph under it.
    fn computed(&mut self, level: u8, heading: &str, text: String) {
        self.heading(level, heading);
        self.paragraph(text);
    }

    /// Typed text: one paragraph per line, sub-headings recognised; `empty` if blank.
    fn typed(&mut self, text: &str, empty: &str) {
        let mut any = false;
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            any = true;
            if is_subheading(line) {
                self.heading(3, line);
            } else {
                self.paragraph(line.to_string());
            }
        }
        if !any {
            self.paragraph(empty.to_string());
        }
    }
}

/// The whole report: sections 一 to 六, then the 自评表.
pub fn build(ev: &Evaluation) -> Report {
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
    b.typed(n.get(Section::ProjectPerformance), MISSING);

    b.heading(1, "五、存在问题原因分析及改进措施");
    b.heading(2, "（一）存在问题原因");
    b.typed(n.get(Section::Problems), MISSING);
    b.heading(2, "（二）改进措施及建议");
    b.typed(n.get(Section::Improvements), MISSING);

    b.heading(1, "六、其它需要说明的情况");
    b.typed(n.get(Section::Other), "无");

    let form = self_table::build(ev, &sheet);
    b.blocks.push(Block::Table { caption: form.title, table: form.table });
    Report { title: report_title(ev), blocks: b.blocks }
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
        let r = build(&ev);
        let i = r.blocks.iter().position(|b| matches!(b, Block::Heading { text, .. } if text == "（一）综合评价结论"));
        let next = &r.blocks[i.unwrap() + 1];
        assert!(
            matches!(next, Block::Paragraph(p) if p.starts_with("2024年度部门整体支出绩效自评综合得分")),
            "{next:?}"
        );
        assert!(matches!(r.blocks.last(), Some(Block::Table { .. })));
    }
}
