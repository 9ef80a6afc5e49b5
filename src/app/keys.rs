//! The one key table: (context, key) → action. It also produces the help overlay and
//! the key hints in the status line, so the three can never disagree.
//!
//! No Alt chords (an Esc-prefixed sequence may arrive split over SSH); arrows, Tab,
//! Enter, Esc, F-keys and Ctrl keys only.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard focus is; decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// The start screen's list of evaluations.
    Start,
    /// A form tab (单位信息, 预算执行, 资产; a project's 项目信息, 项目资金): moving between fields.
    Form,
    /// The indicator grid.
    Grid,
    /// The narrative tab's list of sections.
    Narrative,
    /// Typing in a one-line field.
    Editing,
    /// Typing in a multi-line text area.
    TextArea,
    /// The rule form.
    RuleForm,
    /// The findings list of the side panel.
    Panel,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
    /// A short list to choose from (the export formats).
    Choices,
    /// Typing the start screen's filter.
    Filter,
    /// The new-evaluation dialog: typing in its text lines (单位名称, 年度, 项目名称),
    /// choosing with ←→ on the others (类型, 评分模板).
    NewForm,
    /// The compare screen.
    Compare,
    /// The list of rows (or projects) to pair a renamed one with.
    Pick,
    /// The trend screen.
    Trend,
    /// The template screen (F10): the settings.
    Template,
    /// The template screen, in an opened list (the grid's columns, the funds block's).
    TemplateList,
    /// Choosing another template for the evaluation.
    TemplatePick,
    /// The history of an evaluation (修改记录).
    Log,
    /// Typing a reason (for unlocking a filed evaluation).
    Reason,
    /// The bureau's review of a year (复核).
    Review,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Start => "开始页",
            Ctx::Form => "表单",
            Ctx::Grid => "绩效指标表",
            Ctx::Narrative => "报告文字",
            Ctx::Editing => "编辑单行",
            Ctx::TextArea => "编辑多行文字",
            Ctx::RuleForm => "评分规则",
            Ctx::Panel => "检查结果",
            Ctx::Confirm => "确认",
            Ctx::Help => "帮助",
            Ctx::Choices => "导出",
            Ctx::Filter => "筛选",
            Ctx::NewForm => "新建自评",
            Ctx::Compare => "年度比较",
            Ctx::Pick => "配对改名的指标或项目",
            Ctx::Trend => "趋势",
            Ctx::Template => "评分模板",
            Ctx::TemplateList => "评分模板：列",
            Ctx::TemplatePick => "换用评分模板",
            Ctx::Log => "修改记录",
            Ctx::Reason => "写明原因",
            Ctx::Review => "复核",
        }
    }
}

/// What a key asks for. Text typed while editing is not an action: it goes to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Back,
    Undo,
    Redo,
    NextTab,
    PrevTab,
    Panel,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Edit,
    Confirm,
    ConfirmNext,
    Cancel,
    InsertRow,
    DeleteRow,
    MoveRowUp,
    MoveRowDown,
    /// Take the rule the criterion text reads as.
    Accept,
    /// Open the rule form filled in from the criterion text.
    FromText,
    New,
    Delete,
    Yes,
    No,
    Jump,
    Filter,
    Sort,
    NewYear,
    Compare,
    Trend,
    Reference,
    Export,
    Earlier,
    Later,
    MoreYears,
    FewerYears,
    Pair,
    /// Show the projects of a folded year on the start screen.
    Expand,
    /// Fold them back into one line.
    Fold,
    /// Open the template screen.
    Template,
    /// Print or stop printing an item of a list (a column).
    Toggle,
    /// Choose another template (a preset or the county's own).
    Preset,
    /// Keep the template in the database under a name.
    SaveTemplate,
    /// A kind's number or initial in the rule form (the form reads which).
    ChooseKind,
    /// The rule of the row above, at once.
    SameAsAbove,
    /// Save the rule and make it new rows' rule.
    SetDefault,
    /// File (lock) the evaluation, or unlock a filed one.
    Lock,
    /// The history of changes.
    Log,
    /// Show only the changes of one field.
    Only,
    /// Open the bureau's review of every evaluation.
    Review,
    /// Show only the rows with the next kind of finding.
    Kind,
    /// Open the selected evaluation at its indicator grid, where most of the work is.
    OpenGrid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}

const fn c(ch: char) -> Key {
    Key { code: KeyCode::Char(ch), mods: KeyModifiers::NONE }
}

const fn ctrl(ch: char) -> Key {
    Key { code: KeyCode::Char(ch), mods: KeyModifiers::CONTROL }
}

const fn ctrl_k(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::CONTROL }
}

impl Key {
    /// The key as a user sees it, without the Shift that comes with capitals.
    pub fn of(event: &KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::SHIFT | KeyModifiers::ALT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code: event.code, mods }
    }
}

pub struct Binding {
    pub ctxs: &'static [Ctx],
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as written in hints and help.
    pub name: &'static str,
    /// What it does, in a few Chinese words.
    pub what: &'static str,
    /// Shown in the status line's hints.
    pub hint: bool,
}

use Ctx::*;
use KeyCode::*;

/// Not the new-evaluation dialog: its arrows are its own, and Home/End/PgUp/PgDn go to the
/// line being typed.
const MOVING: &[Ctx] = &[
    Start,
    Form,
    Grid,
    Narrative,
    RuleForm,
    Panel,
    Help,
    Compare,
    Pick,
    Trend,
    Choices,
    Log,
    Template,
    TemplateList,
    TemplatePick,
    Review,
];
/// ← and → move the window of years on the compare screen and fold the start screen's
/// projects, so they are not in `MOVING`.
const SIDEWAYS: &[Ctx] = &[Form, Grid, Narrative, RuleForm, Panel, Help, Template];
const IN_EVALUATION: &[Ctx] = &[Form, Grid, Narrative];
const ANYWHERE: &[Ctx] = &[Start, Form, Grid, Narrative, RuleForm, Panel, Help, Confirm, Choices];

macro_rules! b {
    ($ctxs:expr, [$($key:expr),+], $action:ident, $name:literal, $what:literal, $hint:literal) => {
        Binding { ctxs: $ctxs, keys: &[$($key),+], action: Action::$action, name: $name, what: $what, hint: $hint }
    };
}

/// Every binding. Earlier entries win when a key is bound twice in one context.
pub const BINDINGS: &[Binding] = &[
    // Editing text: everything not bound here goes to the editor.
    b!(&[Editing], [k(Enter)], Confirm, "Enter", "保存", true),
    b!(&[Editing, TextArea], [k(Tab)], ConfirmNext, "Tab", "保存并到下一项", true),
    b!(&[Editing], [k(Esc)], Cancel, "Esc", "取消（改过的要按两次）", true),
    b!(&[TextArea], [k(Esc), k(F(10)), ctrl('s')], Confirm, "Esc/F10", "完成（文字随打随存）", true),
    b!(&[Editing, TextArea, Filter, NewForm], [ctrl('c'), ctrl('q')], Quit, "Ctrl+Q", "退出", false),
    b!(&[Editing, TextArea, Filter, NewForm, Choices, Pick, TemplatePick], [k(F(1))], Help, "F1", "帮助", false),
    // The new-evaluation dialog: typed text goes to the focused field.
    b!(&[NewForm], [k(Enter)], Confirm, "Enter", "创建", true),
    b!(&[NewForm], [k(Tab), k(Down)], NextTab, "Tab/↓", "下一项", true),
    b!(&[NewForm], [k(BackTab), k(Up)], PrevTab, "Shift+Tab/↑", "上一项", false),
    b!(&[NewForm], [k(Left)], Left, "←", "换类型、模板（在文字栏中：左移）", false),
    b!(&[NewForm], [k(Right)], Right, "→", "换类型、模板（在文字栏中：右移）", true),
    b!(&[NewForm], [k(Esc)], Cancel, "Esc", "取消", true),
    // The reason for unlocking: typed text is the reason.
    b!(&[Reason], [k(Enter)], Confirm, "Enter", "解锁", true),
    b!(&[Reason], [k(Esc)], Cancel, "Esc", "取消，不解锁", true),
    b!(&[Reason], [ctrl('c'), ctrl('q')], Quit, "Ctrl+Q", "退出", false),
    // The start screen's filter: typed text filters as it is typed.
    b!(&[Filter], [k(Enter)], Confirm, "Enter", "完成筛选", true),
    b!(&[Filter], [k(Esc)], Cancel, "Esc", "清除筛选", true),
    b!(&[Filter], [k(Up)], Up, "↑", "上一份", false),
    b!(&[Filter], [k(Down)], Down, "↓", "下一份", false),
    // Questions.
    b!(&[Confirm], [c('y'), k(Enter)], Yes, "y", "是", true),
    b!(&[Confirm], [c('n')], No, "n", "否", true),
    b!(&[Confirm], [k(Esc)], Cancel, "Esc", "取消", true),
    b!(&[Confirm, Panel, Help, Choices], [ctrl('q'), ctrl('c')], Quit, "Ctrl+Q", "退出", false),
    // Help and leaving.
    b!(&[Help], [k(Esc), k(F(1)), c('?'), c('q'), k(Enter)], Back, "Esc", "关闭帮助", true),
    b!(
        &[Start, Form, Grid, Narrative, RuleForm, Panel, Compare, Trend, Log, Template, TemplateList, Review],
        [k(F(1)), c('?')],
        Help,
        "F1/?",
        "帮助",
        true
    ),
    b!(&[Start], [c('q'), ctrl('q'), ctrl('c')], Quit, "q", "退出", true),
    b!(&[Start], [k(Esc)], Back, "Esc", "清除筛选，无筛选时问是否退出", false),
    b!(IN_EVALUATION, [ctrl('q'), ctrl('c')], Quit, "Ctrl+Q", "退出", false),
    b!(IN_EVALUATION, [k(Esc)], Back, "Esc", "返回开始页", false),
    b!(&[RuleForm, Template, TemplateList, TemplatePick], [ctrl('q'), ctrl('c')], Quit, "Ctrl+Q", "退出", false),
    b!(&[Form, Grid, Narrative], [k(Enter), k(F(2))], Edit, "Enter", "编辑", true),
    // Undo and redo of confirmed edits.
    b!(&[Form, Grid, Narrative, Template, TemplateList], [ctrl('z')], Undo, "Ctrl+Z", "撤销", true),
    b!(&[Form, Grid, Narrative, Template, TemplateList], [ctrl('y')], Redo, "Ctrl+Y", "重做", false),
    // The template screen, from every tab of an evaluation.
    b!(&[Template], [k(Enter), k(F(2))], Edit, "Enter", "修改（选项按←→）", true),
    b!(&[Template], [c('p')], Preset, "p", "换用模板", true),
    b!(&[Template], [ctrl('s')], SaveTemplate, "Ctrl+S", "另存为本地模板", true),
    b!(&[Template], [k(Esc), k(F(10)), ctrl('t')], Back, "Esc", "返回", true),
    b!(&[TemplateList], [c(' ')], Toggle, "空格", "印/不印此列", true),
    b!(&[TemplateList], [k(Enter), k(F(2))], Edit, "Enter", "改表头", true),
    b!(&[TemplateList], [ctrl_k(Up)], MoveRowUp, "Ctrl+↑", "上移", true),
    b!(&[TemplateList], [ctrl_k(Down)], MoveRowDown, "Ctrl+↓", "下移", true),
    b!(&[TemplateList], [k(Esc)], Back, "Esc", "收起", true),
    b!(&[TemplatePick], [k(Enter)], Confirm, "Enter", "换用", true),
    b!(&[TemplatePick], [k(Esc)], Cancel, "Esc", "取消", true),
    // Tabs and the panel.
    b!(IN_EVALUATION, [k(Tab)], NextTab, "Tab", "下一页", true),
    b!(IN_EVALUATION, [k(BackTab)], PrevTab, "Shift+Tab", "上一页", false),
    b!(&[Form, Grid, Narrative, Panel], [k(F(9))], Panel, "F9", "检查结果", true),
    b!(&[Panel], [k(Esc)], Back, "Esc", "返回", true),
    b!(&[Panel], [k(Enter)], Jump, "Enter", "跳到该处", true),
    // The start screen.
    b!(&[Start], [k(Enter)], Edit, "Enter", "打开", true),
    b!(&[Start], [c('g')], OpenGrid, "g", "指标", true),
    b!(&[Start], [c('n'), k(Insert)], New, "n", "新建", true),
    b!(&[Start], [c('y')], NewYear, "y", "由上年新建", true),
    b!(&[Start], [c('d'), k(Delete)], Delete, "d", "删除", true),
    b!(&[Start], [c('c')], Compare, "c", "比较年度", true),
    b!(&[Start], [c('t')], Trend, "t", "趋势", true),
    b!(&[Start], [k(Right)], Expand, "→", "展开该年度的项目", false),
    b!(&[Start], [k(Left)], Fold, "←", "折叠该年度的项目", false),
    b!(&[Start], [c('l')], Lock, "l", "提交或解锁", true),
    b!(&[Start], [c('h')], Log, "h", "修改记录", false),
    b!(&[Start], [c('/')], Filter, "/", "筛选（单位、项目名称或年度）", false),
    b!(&[Start], [c('s')], Sort, "s", "换排序", false),
    b!(&[Start], [c('b')], Review, "b", "复核全部自评（财政局）", false),
    // The bureau's review.
    b!(&[Review], [k(Enter)], Edit, "Enter", "打开并跳到问题处", true),
    b!(&[Review], [k(Esc)], Back, "Esc", "返回开始页", true),
    b!(&[Review], [c('s')], Sort, "s", "换排序", true),
    b!(&[Review], [c('f')], Kind, "f", "按问题种类筛选", true),
    b!(&[Review], [c('/')], Filter, "/", "按单位筛选", true),
    b!(&[Review], [k(Left)], Earlier, "←", "上一年度", false),
    b!(&[Review], [k(Right)], Later, "→", "下一年度", false),
    b!(&[Review], [ctrl('q'), ctrl('c')], Quit, "Ctrl+Q", "退出", false),
    // Comparing years and the trend.
    b!(&[Compare, Trend], [k(Esc)], Back, "Esc", "返回", true),
    b!(&[Compare, Trend, Pick], [ctrl('q'), ctrl('c')], Quit, "Ctrl+Q", "退出", false),
    b!(&[Compare], [c('p')], Pair, "p", "配对改名的指标", true),
    b!(&[Compare], [c('t')], Trend, "t", "该项的趋势", true),
    b!(&[Compare], [k(Left)], Earlier, "←", "前移一年", true),
    b!(&[Compare], [k(Right)], Later, "→", "后移一年", true),
    b!(&[Compare], [c('+'), c('=')], MoreYears, "+", "多比一年", true),
    b!(&[Compare], [c('-')], FewerYears, "-", "少比一年", true),
    b!(&[Pick], [k(Enter)], Confirm, "Enter", "配对", true),
    b!(&[Pick], [k(Esc)], Cancel, "Esc", "取消", true),
    // The grid.
    b!(&[Grid], [k(Insert), ctrl('n')], InsertRow, "Ins", "插入行", true),
    b!(&[Grid], [k(Delete), ctrl('d')], DeleteRow, "Del", "删除行", false),
    b!(&[Grid], [ctrl('r')], SameAsAbove, "Ctrl+R", "本行沿用上一行的评分规则", false),
    b!(&[Grid], [ctrl_k(Up)], MoveRowUp, "Ctrl+↑", "上移行", false),
    b!(&[Grid], [ctrl_k(Down)], MoveRowDown, "Ctrl+↓", "下移行", false),
    b!(&[Grid], [k(F(3))], Accept, "F3", "采用评分标准读出的规则", false),
    b!(&[Grid], [k(F(4))], FromText, "F4", "按评分标准预填评分规则", false),
    b!(&[Form], [k(Insert), ctrl('n')], InsertRow, "Ins", "添加一项", false),
    b!(&[Form], [k(Delete), ctrl('d')], DeleteRow, "Del", "删除此项", false),
    b!(&[Narrative], [k(F(5))], Reference, "F5", "上年文字", false),
    b!(IN_EVALUATION, [k(F(6))], Export, "F6", "导出", true),
    b!(IN_EVALUATION, [k(F(7))], Log, "F7", "修改记录", false),
    b!(IN_EVALUATION, [k(F(8))], Lock, "F8", "提交或解锁", false),
    // The history of changes.
    b!(&[Log], [k(Esc), k(F(7))], Back, "Esc", "返回（有筛选时先清除）", true),
    b!(&[Log], [k(Enter)], Jump, "Enter", "跳到该处", true),
    b!(&[Log], [c('f')], Only, "f", "只看这一项的修改", true),
    b!(&[Log], [c('/')], Filter, "/", "筛选", true),
    b!(&[Log], [ctrl('q'), ctrl('c')], Quit, "Ctrl+Q", "退出", false),
    // F7 and F8 are the history and filing: the template screen is F10 (or Ctrl+T).
    b!(IN_EVALUATION, [k(F(10)), ctrl('t')], Template, "F10", "评分模板", true),
    b!(&[Choices], [k(Enter)], Confirm, "Enter", "导出到当前目录", true),
    b!(&[Choices], [k(Esc)], Cancel, "Esc", "取消", true),
    // Editing something.
    b!(&[RuleForm], [k(Enter)], Edit, "Enter", "编辑/选择", true),
    b!(&[RuleForm], [k(F(10)), ctrl('s')], Confirm, "F10", "保存规则", true),
    b!(&[RuleForm], [k(Esc)], Cancel, "Esc", "放弃", true),
    b!(&[RuleForm], [k(Insert), ctrl('n')], InsertRow, "Ins", "添加一档", false),
    b!(&[RuleForm], [k(Delete), ctrl('d')], DeleteRow, "Del", "删除一档", false),
    b!(&[RuleForm], [c('='), ctrl('r')], SameAsAbove, "=", "沿用上一行的规则（立即保存）", true),
    b!(&[RuleForm], [k(F(8))], SetDefault, "F8", "保存，并作为新行的默认规则", false),
    b!(
        &[RuleForm],
        [c('1'), c('2'), c('3'), c('4'), c('5'), c('6'), c('7'), c('8'), c('9'), c('0'), c('x'), c('r')],
        ChooseKind,
        "1–9/0/x/r",
        "按编号选规则种类（在右侧：直接输入该项的值）",
        false
    ),
    b!(
        &[RuleForm],
        [c('a'), c('b'), c('c'), c('d'), c('f'), c('s'), c('w'), c('z')],
        ChooseKind,
        "字母",
        "按名称拼音首字母选种类，再按换下一个（c：超出、次数）",
        false
    ),
    // Moving.
    b!(MOVING, [k(Up)], Up, "↑", "上", false),
    b!(MOVING, [k(Down)], Down, "↓", "下", false),
    b!(SIDEWAYS, [k(Left)], Left, "←", "左", false),
    b!(SIDEWAYS, [k(Right)], Right, "→", "右", false),
    b!(MOVING, [k(PageUp)], PageUp, "PgUp", "上一页", false),
    b!(MOVING, [k(PageDown)], PageDown, "PgDn", "下一页", false),
    b!(MOVING, [k(Home)], Home, "Home", "第一项", false),
    b!(MOVING, [k(End)], End, "End", "最后一项", false),
];

/// The action a key means in a context, if any.
pub fn action_for(ctx: Ctx, event: &KeyEvent) -> Option<Action> {
    let key = Key::of(event);
    BINDINGS.iter().find(|b| b.ctxs.contains(&ctx) && b.keys.contains(&key)).map(|b| b.action)
}

impl Action {
    /// Whether the action changes an evaluation (refused, and not offered, when it is filed).
    pub fn edits(self) -> bool {
        matches!(
            self,
            Action::Edit
                | Action::InsertRow
                | Action::DeleteRow
                | Action::MoveRowUp
                | Action::MoveRowDown
                | Action::Undo
                | Action::Redo
                | Action::Accept
                | Action::FromText
                | Action::SameAsAbove
        )
    }
}

/// The hints for the status line: `Enter 编辑  Tab 下一页 …`; without the edits where the
/// evaluation is `read_only` (filed).
pub fn hints(ctx: Ctx, read_only: bool) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.hint && b.ctxs.contains(&ctx) && !(read_only && b.action.edits()))
        .map(|b| (b.name, b.what))
        .collect()
}

mod help;
pub use help::{help, help_len, help_line};

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_mean_what_the_context_says() {
        assert_eq!(action_for(Grid, &ev(Enter, KeyModifiers::NONE)), Some(Action::Edit));
        assert_eq!(action_for(Editing, &ev(Enter, KeyModifiers::NONE)), Some(Action::Confirm));
        assert_eq!(action_for(Editing, &ev(Char('q'), KeyModifiers::NONE)), None, "typed, not a command");
        assert_eq!(action_for(Start, &ev(Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
        assert_eq!(action_for(Grid, &ev(Char('z'), KeyModifiers::CONTROL)), Some(Action::Undo));
        assert_eq!(action_for(Start, &ev(Char('N'), KeyModifiers::SHIFT)), None, "N is not n");
        assert_eq!(action_for(Grid, &ev(BackTab, KeyModifiers::SHIFT)), Some(Action::PrevTab));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in [
            Start,
            Form,
            Grid,
            Narrative,
            Editing,
            TextArea,
            RuleForm,
            Panel,
            Confirm,
            Help,
            Filter,
            Compare,
            Pick,
            Trend,
            Choices,
            NewForm,
            Log,
            Reason,
            Template,
            TemplateList,
            TemplatePick,
        ] {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.ctxs.contains(&ctx)) {
                for key in b.keys {
                    assert!(!seen.contains(key), "{key:?} bound twice in {ctx:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn no_binding_needs_alt() {
        assert!(BINDINGS.iter().flat_map(|b| b.keys).all(|k| !k.mods.contains(KeyModifiers::ALT)));
    }

    #[test]
    fn help_covers_every_binding() {
        let help = help();
        for b in BINDINGS {
            let shown = help.iter().any(|(_, rows)| rows.contains(&(b.name, b.what)));
            assert!(shown || b.ctxs.contains(&Confirm) || b.ctxs.contains(&Help), "{} {} not in help", b.name, b.what);
        }
    }
}
