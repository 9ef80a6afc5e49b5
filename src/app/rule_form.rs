//! The rule form: a list of the rule kinds, then the chosen kind's settings, never
//! typed as syntax. The row's score under the draft rule is shown as it changes.

use super::input::LineInput;
use super::keys::Action;
pub use super::rule_keys::kind_key;
use crate::domain::model::{Evaluation, Indicator};
use crate::domain::number::{parse_decimal, parse_non_negative, plain};
use crate::domain::rule::*;
use crate::domain::score::ScoreSheet;
use crossterm::event::KeyEvent;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandPart {
    Op,
    Bound,
    Inclusive,
    Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelPart {
    Words,
    Low,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RungPart {
    Over,
    UpTo,
    Deduct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPart {
    Label,
    Points,
}

/// One line of the settings of a rule kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Step,
    Deduct,
    WholeSteps,
    Relative,
    Measure,
    Band(usize, BandPart),
    AddBand,
    Otherwise,
    OwnLevels,
    Level(usize, LevelPart),
    AddLevel,
    Rung(usize, RungPart),
    AddRung,
    Per,
    Periods,
    Counts,
    Item(usize, ItemPart),
    AddItem,
    BinaryDeduct,
}

/// How a line is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Typed in a one-line editor.
    Typed,
    /// Enter switches it.
    Switch,
    /// Enter adds an entry.
    Add,
}

fn pct(d: Decimal) -> String {
    format!("{}%", plain(d * Decimal::ONE_HUNDRED))
}

fn opt(d: Option<Decimal>, none: &str) -> String {
    d.map_or(none.to_string(), plain)
}

impl Line {
    pub fn kind(self) -> LineKind {
        match self {
            Line::WholeSteps | Line::Relative | Line::Measure | Line::Counts | Line::OwnLevels => LineKind::Switch,
            Line::Band(_, BandPart::Op | BandPart::Inclusive) => LineKind::Switch,
            Line::AddBand | Line::AddLevel | Line::AddRung | Line::AddItem => LineKind::Add,
            _ => LineKind::Typed,
        }
    }

    pub fn label(self) -> String {
        match self {
            Line::Step => "每（X）".into(),
            Line::Deduct => "扣（Y分）".into(),
            Line::WholeSteps => "只计整档".into(),
            Line::Relative => "超出按指标值的百分比计".into(),
            Line::Measure => "比较".into(),
            Line::Band(i, BandPart::Op) => format!("第{}档 条件", i + 1),
            Line::Band(_, BandPart::Bound) => "　界值".into(),
            Line::Band(_, BandPart::Inclusive) => "　含界值".into(),
            Line::Band(_, BandPart::Points) => "　计分".into(),
            Line::Otherwise => "其余情况计分".into(),
            Line::OwnLevels => "等级表".into(),
            Line::Level(i, LevelPart::Words) => format!("第{}级 用词", i + 1),
            Line::Level(_, LevelPart::Low) => "　得分比例（下限）".into(),
            Line::Level(_, LevelPart::High) => "　上限（区间等级）".into(),
            Line::Rung(i, RungPart::Over) => format!("第{}档 逾期超过（天）", i + 1),
            Line::Rung(_, RungPart::UpTo) => "　至多（天）".into(),
            Line::Rung(_, RungPart::Deduct) => "　扣分".into(),
            Line::Per => "每次扣分".into(),
            Line::Periods => "期数（如12个月）".into(),
            Line::Counts => "计数方式".into(),
            Line::Item(i, ItemPart::Label) => format!("第{}项", i + 1),
            Line::Item(_, ItemPart::Points) => "　分值".into(),
            Line::BinaryDeduct => "未完成扣分".into(),
            Line::AddBand => "＋ 添加一档".into(),
            Line::AddLevel => "＋ 添加一级".into(),
            Line::AddRung => "＋ 添加一档".into(),
            Line::AddItem => "＋ 添加一项".into(),
        }
    }

    /// The value as shown (and as an editor starts).
    pub fn text(self, rule: &Rule) -> String {
        let yes = |b: bool| if b { "是" } else { "否" }.to_string();
        match (self, rule) {
            (Line::Step, Rule::Shortfall(r)) => plain(r.step),
            (Line::Deduct, Rule::Shortfall(r)) => plain(r.deduct),
            (Line::WholeSteps, Rule::Shortfall(r)) => yes(r.whole_steps),
            (Line::Step, Rule::Excess(r)) => plain(r.step),
            (Line::Deduct, Rule::Excess(r)) => plain(r.deduct),
            (Line::WholeSteps, Rule::Excess(r)) => yes(r.whole_steps),
            (Line::Relative, Rule::Excess(r)) => yes(r.relative),
            (Line::Measure, Rule::Bands(b)) => b.measure.label().into(),
            (Line::Band(i, part), Rule::Bands(b)) => b.bands.get(i).map_or(String::new(), |band| match part {
                BandPart::Op => band.op.symbol(band.inclusive).into(),
                BandPart::Bound => plain(band.bound),
                BandPart::Inclusive => yes(band.inclusive),
                BandPart::Points => plain(band.points),
            }),
            (Line::Otherwise, Rule::Bands(b)) => plain(b.otherwise),
            (Line::OwnLevels, Rule::Grade(g)) => {
                if g.levels.is_empty() { "用模板的等级表" } else { "本行自定" }.into()
            }
            (Line::Level(i, part), Rule::Grade(g)) => g.levels.get(i).map_or(String::new(), |l| match part {
                LevelPart::Words => l.words.join("、"),
                LevelPart::Low => pct(l.low),
                LevelPart::High => l.high.map_or("—".into(), pct),
            }),
            (Line::Rung(i, part), Rule::Deadline(d)) => d.ladder.get(i).map_or(String::new(), |r| match part {
                RungPart::Over => r.over_days.to_string(),
                RungPart::UpTo => r.up_to_days.map_or("不限".into(), |d| d.to_string()),
                RungPart::Deduct => plain(r.deduct),
            }),
            (Line::Per, Rule::Count(c)) => plain(c.per),
            (Line::Periods, Rule::Count(c)) => c.periods.map_or("—".into(), |p| p.to_string()),
            (Line::Counts, Rule::Count(c)) => match c.counts {
                CountKind::Missed => "未完成次数 = 指标值 − 完成值".into(),
                CountKind::Violations => "违规次数 = 完成值 − 指标值".into(),
            },
            (Line::Item(i, part), Rule::Checklist(c)) => c.items.get(i).map_or(String::new(), |it| match part {
                ItemPart::Label => it.label.clone(),
                ItemPart::Points => plain(it.points),
            }),
            (Line::BinaryDeduct, Rule::Binary(b)) => opt(b.deduct, "全部分值"),
            _ => String::new(),
        }
    }
}

/// The lines of a rule's settings.
pub fn lines(rule: &Rule) -> Vec<Line> {
    let mut out = Vec::new();
    match rule {
        Rule::Shortfall(_) => out.extend([Line::Step, Line::Deduct, Line::WholeSteps]),
        Rule::Excess(_) => out.extend([Line::Step, Line::Deduct, Line::WholeSteps, Line::Relative]),
        Rule::Bands(b) => {
            out.push(Line::Measure);
            for i in 0..b.bands.len() {
                out.extend(
                    [BandPart::Op, BandPart::Bound, BandPart::Inclusive, BandPart::Points].map(|p| Line::Band(i, p)),
                );
            }
            out.extend([Line::AddBand, Line::Otherwise]);
        }
        Rule::Grade(g) => {
            out.push(Line::OwnLevels);
            if !g.levels.is_empty() {
                for i in 0..g.levels.len() {
                    out.extend([LevelPart::Words, LevelPart::Low, LevelPart::High].map(|p| Line::Level(i, p)));
                }
                out.push(Line::AddLevel);
            }
        }
        Rule::Deadline(d) => {
            for i in 0..d.ladder.len() {
                out.extend([RungPart::Over, RungPart::UpTo, RungPart::Deduct].map(|p| Line::Rung(i, p)));
            }
            out.push(Line::AddRung);
        }
        Rule::Count(_) => out.extend([Line::Per, Line::Periods, Line::Counts]),
        Rule::Checklist(c) => {
            for i in 0..c.items.len() {
                out.extend([ItemPart::Label, ItemPart::Points].map(|p| Line::Item(i, p)));
            }
            out.push(Line::AddItem);
        }
        Rule::Binary(_) => out.push(Line::BinaryDeduct),
        Rule::Proportional | Rule::Reverse | Rule::Directional | Rule::Manual => {}
    }
    out
}

fn number(text: &str) -> Result<Decimal, String> {
    parse_non_negative(text).map_err(|e| e.to_string())
}

fn percent_in(text: &str) -> Result<Decimal, String> {
    let v = number(text.trim().trim_end_matches(['%', '％']))?;
    if v > Decimal::ONE_HUNDRED {
        return Err("比例不能超过 100%".into());
    }
    Ok(v / Decimal::ONE_HUNDRED)
}

fn days(text: &str) -> Result<u32, String> {
    text.trim().parse::<u32>().map_err(|_| format!("“{}”不是天数", text.trim()))
}

/// Sets a typed line's value in the rule.
fn set(line: Line, rule: &mut Rule, text: &str) -> Result<(), String> {
    let t = text.trim();
    let none_if_empty = |t: &str| t.is_empty() || t == "—" || t == "不限";
    match (line, rule) {
        (Line::Step, Rule::Shortfall(StepRule { step, .. }) | Rule::Excess(ExcessRule { step, .. })) => {
            let v = number(t)?;
            if v.is_zero() {
                return Err("“每X”必须大于 0".into());
            }
            *step = v;
        }
        (Line::Deduct, Rule::Shortfall(StepRule { deduct, .. }) | Rule::Excess(ExcessRule { deduct, .. })) => {
            *deduct = number(t)?
        }
        (Line::Band(i, BandPart::Bound), Rule::Bands(b)) => {
            b.bands[i].bound = parse_decimal(t).map_err(|e| e.to_string())?
        }
        (Line::Band(i, BandPart::Points), Rule::Bands(b)) => b.bands[i].points = number(t)?,
        (Line::Otherwise, Rule::Bands(b)) => b.otherwise = number(t)?,
        (Line::Level(i, LevelPart::Words), Rule::Grade(g)) => {
            let words: Vec<String> =
                t.split(['、', ',', '，', ' ']).filter(|w| !w.is_empty()).map(String::from).collect();
            if words.is_empty() {
                return Err("至少填写一个用词".into());
            }
            g.levels[i].words = words;
        }
        (Line::Level(i, LevelPart::Low), Rule::Grade(g)) => g.levels[i].low = percent_in(t)?,
        (Line::Level(i, LevelPart::High), Rule::Grade(g)) => {
            g.levels[i].high = if none_if_empty(t) { None } else { Some(percent_in(t)?) }
        }
        (Line::Rung(i, RungPart::Over), Rule::Deadline(d)) => d.ladder[i].over_days = days(t)?,
        (Line::Rung(i, RungPart::UpTo), Rule::Deadline(d)) => {
            d.ladder[i].up_to_days = if none_if_empty(t) { None } else { Some(days(t)?) }
        }
        (Line::Rung(i, RungPart::Deduct), Rule::Deadline(d)) => d.ladder[i].deduct = number(t)?,
        (Line::Per, Rule::Count(c)) => c.per = number(t)?,
        (Line::Periods, Rule::Count(c)) => c.periods = if none_if_empty(t) { None } else { Some(days(t)?) },
        (Line::Item(i, ItemPart::Label), Rule::Checklist(c)) => c.items[i].label = t.into(),
        (Line::Item(i, ItemPart::Points), Rule::Checklist(c)) => c.items[i].points = number(t)?,
        (Line::BinaryDeduct, Rule::Binary(b)) => {
            b.deduct = if none_if_empty(t) || t == "全部分值" { None } else { Some(number(t)?) }
        }
        _ => {}
    }
    Ok(())
}

/// Switches a switch line, or adds an entry for an add line.
fn switch(line: Line, rule: &mut Rule, template_levels: &[GradeLevel]) {
    match (line, rule) {
        (Line::WholeSteps, Rule::Shortfall(r)) => r.whole_steps = !r.whole_steps,
        (Line::WholeSteps, Rule::Excess(r)) => r.whole_steps = !r.whole_steps,
        (Line::Relative, Rule::Excess(r)) => r.relative = !r.relative,
        (Line::Measure, Rule::Bands(b)) => {
            b.measure = match b.measure {
                Measure::Actual => Measure::Deviation,
                Measure::Deviation => Measure::RelativeDeviation,
                Measure::RelativeDeviation => Measure::Actual,
            }
        }
        (Line::Band(i, BandPart::Op), Rule::Bands(b)) => {
            b.bands[i].op = match b.bands[i].op {
                BandOp::AtLeast => BandOp::AtMost,
                BandOp::AtMost => BandOp::Within,
                BandOp::Within => BandOp::AtLeast,
            }
        }
        (Line::Band(i, BandPart::Inclusive), Rule::Bands(b)) => b.bands[i].inclusive = !b.bands[i].inclusive,
        (Line::AddBand, Rule::Bands(b)) => {
            b.bands.push(Band { op: BandOp::AtLeast, bound: Decimal::ZERO, inclusive: true, points: Decimal::ZERO })
        }
        (Line::OwnLevels, Rule::Grade(g)) => {
            g.levels = if g.levels.is_empty() { template_levels.to_vec() } else { Vec::new() };
        }
        (Line::AddLevel, Rule::Grade(g)) => {
            g.levels.push(GradeLevel { words: vec!["新等级".into()], low: Decimal::ZERO, high: None })
        }
        (Line::AddRung, Rule::Deadline(d)) => {
            let over = d.ladder.last().and_then(|r| r.up_to_days).unwrap_or(0);
            d.ladder.push(Rung { over_days: over, up_to_days: None, deduct: Decimal::ONE });
        }
        (Line::Counts, Rule::Count(c)) => {
            c.counts = match c.counts {
                CountKind::Missed => CountKind::Violations,
                CountKind::Violations => CountKind::Missed,
            }
        }
        (Line::AddItem, Rule::Checklist(c)) => {
            c.items.push(ChecklistItem { label: String::new(), points: Decimal::ONE })
        }
        _ => {}
    }
}

/// Removes the entry a line belongs to (a band, level, rung or item).
fn remove(line: Line, rule: &mut Rule) -> bool {
    match (line, rule) {
        (Line::Band(i, _), Rule::Bands(b)) => {
            b.bands.remove(i);
        }
        (Line::Level(i, _), Rule::Grade(g)) => {
            g.levels.remove(i);
        }
        (Line::Rung(i, _), Rule::Deadline(d)) => {
            d.ladder.remove(i);
        }
        (Line::Item(i, _), Rule::Checklist(c)) => {
            c.items.remove(i);
        }
        _ => return false,
    }
    true
}

/// What makes a draft rule unusable.
pub fn problem(rule: &Rule) -> Option<&'static str> {
    match rule {
        Rule::Bands(b) if b.bands.is_empty() => Some("分档计分至少需要一档"),
        Rule::Deadline(d) if d.ladder.is_empty() => Some("时限扣分至少需要一档"),
        Rule::Checklist(c) if c.items.is_empty() => Some("逐项计分至少需要一项"),
        Rule::Checklist(c) if c.items.iter().any(|i| i.label.trim().is_empty()) => Some("请填写每一项的内容"),
        _ => None,
    }
}

pub struct RuleForm {
    /// The indicator row the rule is for.
    pub row: usize,
    /// A draft per kind, so that trying another kind and coming back loses nothing.
    drafts: Vec<Rule>,
    pub kind: usize,
    pub in_fields: bool,
    pub line: usize,
    pub editing: Option<LineInput>,
    pub error: Option<String>,
    /// Filled in from the criterion text (the title says so).
    pub prefilled: bool,
}

pub enum Outcome {
    Stay,
    Cancel,
    Save(Rule),
    /// Save it for this row and make it the rule new rows start with (F8).
    SaveAsDefault(Rule),
}

impl RuleForm {
    pub fn new(row: usize, ind: &Indicator) -> RuleForm {
        let kind = RuleKind::ALL.iter().position(|k| *k == ind.rule.kind()).unwrap_or(0);
        let drafts = RuleKind::ALL
            .iter()
            .map(|k| if *k == ind.rule.kind() { ind.rule.clone() } else { Rule::default_of(*k) })
            .collect();
        RuleForm { row, drafts, kind, in_fields: false, line: 0, editing: None, error: None, prefilled: false }
    }

    /// The form filled in with the rule the row's criterion reads as, that kind selected.
    pub fn with_proposal(row: usize, ind: &Indicator, proposal: &Rule) -> RuleForm {
        let mut form = RuleForm::new(row, ind);
        form.kind = RuleKind::ALL.iter().position(|k| *k == proposal.kind()).unwrap_or(form.kind);
        form.drafts[form.kind] = proposal.clone();
        form.prefilled = true;
        form
    }

    pub fn draft(&self) -> &Rule {
        &self.drafts[self.kind]
    }

    pub fn lines(&self) -> Vec<Line> {
        lines(self.draft())
    }

    /// A key for the form: text for the line being typed; else a kind's number or
    /// initial, or in the settings the first character of a typed line's new value.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if let Some(input) = self.editing.as_mut() {
            return input.key(key);
        }
        match key.code {
            crossterm::event::KeyCode::Char(c) => self.choose(c),
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(i) = self.editing.as_mut() {
            i.paste(text);
        }
    }

    pub fn act(&mut self, action: Action, ev: &Evaluation, _sheet: &ScoreSheet) -> Outcome {
        self.error = None;
        let current = self.lines().get(self.line).copied();
        if let Some(input) = self.editing.as_mut() {
            match action {
                Action::Confirm | Action::ConfirmNext => {
                    let text = input.text();
                    let Some(line) = current else { return Outcome::Stay };
                    match set(line, &mut self.drafts[self.kind], &text) {
                        Ok(()) => {
                            self.editing = None;
                            if action == Action::ConfirmNext {
                                self.line = (self.line + 1).min(self.lines().len().saturating_sub(1));
                            }
                        }
                        Err(e) => input.error = Some(e),
                    }
                }
                Action::Cancel => self.editing = None,
                _ => {}
            }
            return Outcome::Stay;
        }
        let count = self.lines().len();
        match action {
            Action::Cancel => return Outcome::Cancel,
            Action::Confirm | Action::SetDefault => match problem(self.draft()) {
                Some(p) => self.error = Some(p.into()),
                None if action == Action::SetDefault => return Outcome::SaveAsDefault(self.draft().clone()),
                None => return Outcome::Save(self.draft().clone()),
            },
            Action::SameAsAbove => match self.row.checked_sub(1).and_then(|i| ev.indicators.get(i)) {
                Some(above) => return Outcome::Save(above.rule.clone()),
                None => self.error = Some("这是第一行，上面没有可沿用的规则".into()),
            },
            Action::Up | Action::Down if !self.in_fields => {
                let by = if action == Action::Up { RuleKind::ALL.len() - 1 } else { 1 };
                self.kind = (self.kind + by) % RuleKind::ALL.len();
                self.line = 0;
            }
            Action::Up => self.line = self.line.saturating_sub(1),
            Action::Down => self.line = (self.line + 1).min(count.saturating_sub(1)),
            Action::Right | Action::Edit if !self.in_fields => {
                if count == 0 {
                    self.error = Some("此规则没有需要填写的项：按 F10 保存".into());
                } else {
                    self.in_fields = true;
                    self.line = self.line.min(count - 1);
                }
            }
            Action::Left => self.in_fields = false,
            Action::Edit => {
                let Some(&line) = self.lines().get(self.line) else { return Outcome::Stay };
                match line.kind() {
                    LineKind::Typed => self.editing = Some(LineInput::selecting(&line.text(self.draft()))),
                    LineKind::Switch | LineKind::Add => {
                        switch(line, &mut self.drafts[self.kind], &ev.template.qualitative)
                    }
                }
            }
            Action::InsertRow if self.in_fields => {
                if let Some(add) = self.lines().iter().position(|l| l.kind() == LineKind::Add) {
                    let line = self.lines()[add];
                    switch(line, &mut self.drafts[self.kind], &ev.template.qualitative);
                }
            }
            Action::DeleteRow if self.in_fields => {
                if let Some(&line) = self.lines().get(self.line)
                    && remove(line, &mut self.drafts[self.kind])
                {
                    self.line = self.line.min(self.lines().len().saturating_sub(1));
                }
            }
            _ => {}
        }
        Outcome::Stay
    }
}
