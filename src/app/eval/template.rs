//! The template screen of an open evaluation (F10): moving over the settings, changing
//! one (typed, chosen with ←→, or an item of a list), choosing another template, and
//! saving this one under a name. Every change is an edit of the evaluation's template:
//! saved at once, rescored, said (预算执行率分值：10 分 → 20 分；总分 89.60 → 99.60) and
//! undoable.

use super::*;
use crate::app::template::{Chooser, ItemEdit, TemplateRow, TemplateView, edit_item, items};
use crate::domain::score::total_change;
use crate::domain::template::Template;
use crate::domain::template::setting::Setting;

impl EvalState {
    pub(super) fn template_ctx(&self) -> Ctx {
        let Some(v) = &self.template else { return Ctx::Template };
        if v.chooser.is_some() {
            Ctx::TemplatePick
        } else if matches!(v.row(&self.ev.template), Some(TemplateRow::Item(..))) {
            Ctx::TemplateList
        } else {
            Ctx::Template
        }
    }

    pub(super) fn open_template(&mut self, status: &mut Status) {
        self.template = Some(TemplateView::new());
        let t = &self.ev.template;
        *status =
            Status::info(format!("评分模板：{}（以 {} 为基础）。Enter 修改，p 换用模板，Esc 返回", t.name, t.preset));
    }

    /// Replaces the template, saving and rescoring; says what changed. A template the
    /// checks refuse never gets here (every way of making one validates it).
    fn set_template(&mut self, store: &mut Store, next: Template, what: String) -> Result<String, String> {
        let before = self.sheet.clone();
        if !self.apply(store, Slot::Template, Content::Template(Box::new(next)), format!("评分模板：{what}"), false)?
        {
            return Ok(format!("{what}：未改变"));
        }
        Ok(format!("已修改 {what}；{}", total_change(&before, &self.sheet)))
    }

    /// `设置：旧值 → 新值`.
    fn described(&self, s: Setting, next: &Template) -> String {
        format!("{}：{} → {}", s.label(), s.show(&self.ev.template), s.show(next))
    }

    pub(super) fn act_template(&mut self, action: Action, store: &mut Store, status: &mut Status) -> bool {
        let Some(mut view) = self.template.take() else { return false };
        let keep = self.template_step(&mut view, action, store, status);
        if keep {
            self.template = Some(view);
        }
        true
    }

    /// One key on the template screen; false when it closes.
    fn template_step(&mut self, v: &mut TemplateView, action: Action, store: &mut Store, status: &mut Status) -> bool {
        if let Some(ch) = &mut v.chooser {
            match action {
                Action::Up => ch.selected = ch.selected.saturating_sub(1),
                Action::Down => ch.selected = (ch.selected + 1).min(ch.options.len() - 1),
                Action::Home | Action::PageUp => ch.selected = 0,
                Action::End | Action::PageDown => ch.selected = ch.options.len() - 1,
                Action::Cancel | Action::Back => {
                    v.chooser = None;
                    *status = Status::info("未换用模板");
                }
                Action::Confirm => {
                    let next = ch.options[ch.selected].clone();
                    v.chooser = None;
                    let what = format!("换用模板“{}” → “{}”", self.ev.template.name, next.name);
                    *status = match self.set_template(store, next, what) {
                        Ok(said) => Status::info(said),
                        Err(e) => Status::error(e),
                    };
                    v.open = None;
                    v.step(&self.ev.template, 0);
                }
                _ => {}
            }
            return true;
        }
        let t = self.ev.template.clone();
        let row = v.row(&t);
        match action {
            Action::Back if v.open.is_some() => {
                let open = v.open.take().expect("checked");
                v.select(&t, &TemplateRow::Setting(open));
            }
            Action::Back => {
                *status = Status::info("已关闭评分模板");
                return false;
            }
            Action::Up => v.step(&t, -1),
            Action::Down => v.step(&t, 1),
            Action::PageUp => v.step(&t, -10),
            Action::PageDown => v.step(&t, 10),
            Action::Home => v.step(&t, -1000),
            Action::End => v.step(&t, 1000),
            Action::Undo | Action::Redo => self.undo(store, status, action == Action::Redo),
            Action::Preset => {
                let saved = store.saved_templates().unwrap_or_else(|e| {
                    *status = Status::error(format!("本地模板读取失败：{e}"));
                    Vec::new()
                });
                v.chooser = Some(Chooser::new(saved, &t));
                if !status.error {
                    *status = Status::info("换用模板：↑↓ 选择，Enter 换用（可撤销），Esc 取消");
                }
            }
            Action::SaveTemplate => {
                let input = LineInput::selecting(
                    if t.preset == "custom" || Template::preset(&t.preset).is_none_or(|p| p.name != t.name) {
                        &t.name
                    } else {
                        ""
                    },
                );
                self.editor = Some(Editor::Line { target: LineTarget::TemplateName, input });
                *status = Status::info("另存为本地模板：输入名称，Enter 保存");
            }
            Action::Left | Action::Right => {
                if let Some(TemplateRow::Setting(s)) =
                    row.filter(|r| matches!(r, TemplateRow::Setting(s) if s.is_choice()))
                {
                    let next = s.cycle(&t, if action == Action::Left { -1 } else { 1 });
                    self.say(store, status, s, next);
                }
            }
            Action::Edit => match row {
                Some(TemplateRow::Setting(s)) if s.is_choice() => {
                    let next = s.cycle(&t, 1);
                    self.say(store, status, s, next);
                }
                Some(TemplateRow::Setting(s)) if s.is_list() => {
                    v.open = if v.open == Some(s) { None } else { Some(s) };
                    if v.open.is_some() {
                        v.step(&t, 1);
                        *status = Status::info("空格 印/不印，Ctrl+↑↓ 调整顺序，Enter 改表头，Esc 收起");
                    }
                }
                Some(TemplateRow::Setting(s)) if s.is_long_text() => {
                    self.editor = Some(Editor::Text {
                        target: TextTarget::Note,
                        input: Box::new(TextInput::new(&t.note)),
                        dirty: false,
                    });
                }
                Some(TemplateRow::Setting(s)) => {
                    self.editor = Some(Editor::Line {
                        target: LineTarget::Setting(s),
                        input: LineInput::selecting(&s.edit_text(&t)),
                    });
                }
                Some(TemplateRow::Item(s, i)) => {
                    let label = items(&t, s).get(i).map(|it| it.label.clone()).unwrap_or_default();
                    self.editor =
                        Some(Editor::Line { target: LineTarget::ItemLabel(s, i), input: LineInput::selecting(&label) });
                }
                _ => {}
            },
            Action::Toggle | Action::MoveRowUp | Action::MoveRowDown => {
                let Some(TemplateRow::Item(s, i)) = row else { return true };
                let edit = match action {
                    Action::Toggle => ItemEdit::Toggle,
                    Action::MoveRowUp => ItemEdit::Move(-1),
                    _ => ItemEdit::Move(1),
                };
                match edit_item(&t, s, i, &edit) {
                    Ok((next, at)) => {
                        let what = self.described(s, &next);
                        *status = match self.set_template(store, next, what) {
                            Ok(said) => Status::info(said),
                            Err(e) => Status::error(e),
                        };
                        v.select(&self.ev.template, &TemplateRow::Item(s, at));
                    }
                    Err(e) => *status = Status::error(e),
                }
            }
            _ => {}
        }
        true
    }

    /// Applies a chosen value and says what it did.
    fn say(&mut self, store: &mut Store, status: &mut Status, s: Setting, next: Template) {
        let what = self.described(s, &next);
        *status = match self.set_template(store, next, what) {
            Ok(said) => Status::info(said),
            Err(e) => Status::error(e),
        };
    }

    /// Confirms a line typed on the template screen: a setting, a column's heading, or
    /// the name to save under. Refused text keeps the editor open with the reason.
    pub(super) fn confirm_template_line(
        &mut self,
        target: &LineTarget,
        text: &str,
        store: &mut Store,
    ) -> Result<(), String> {
        let t = self.ev.template.clone();
        let (next, what) = match target {
            LineTarget::Setting(s) => {
                let next = s.parse(&t, text)?;
                let what = self.described(*s, &next);
                (next, what)
            }
            LineTarget::ItemLabel(s, i) => {
                let (next, _) = edit_item(&t, *s, *i, &ItemEdit::Rename(text.to_string()))?;
                let what = self.described(*s, &next);
                (next, what)
            }
            LineTarget::TemplateName => {
                let name = text.trim();
                if name.is_empty() {
                    return Err("请输入本地模板的名称".into());
                }
                let mine = Template { name: name.to_string(), ..t.clone() };
                let replaced = store.save_template(&mine).map_err(|e| e.to_string())?;
                // The evaluation's template takes the name too: it is that template now.
                let said = self.set_template(store, mine, format!("模板名称：{} → {name}", t.name))?;
                self.last_change = Some(format!(
                    "{}本地模板“{name}”，新建自评时可选用；{said}",
                    if replaced { "已更新" } else { "已保存" }
                ));
                return Ok(());
            }
            _ => return Err("不是评分模板的设置".into()),
        };
        let said = self.set_template(store, next, what)?;
        self.last_change = Some(said);
        Ok(())
    }
}
