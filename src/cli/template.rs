//! `templates` and `template …`: the presets and the county's own templates, an
//! evaluation's settings, and changing them from the command line with each
//! `KEY=VALUE` as the evaluation file spells it (`funds_weight=20`, `rounding=whole`,
//! `grades={ excellent = "85", good = "75", pass = "60" }`), rescored and saved at once.

use super::table::{Align, render};
use super::{CliError, Result, Which, resolve};
use crate::domain::score::{score, total_change};
use crate::domain::template::setting::Setting;
use crate::domain::template::{PRESETS, Template, TemplateRepr};
use crate::store::{Store, find_template};
use serde_json::{Value, json};

/// `jixiao templates`: every preset with its source, then the saved ones.
pub fn list_text(saved: &[Template]) -> String {
    let mut body: Vec<Vec<String>> =
        PRESETS.iter().map(|p| vec![p.key.to_string(), p.name.to_string(), format!("内置：{}", p.source)]).collect();
    body.extend(saved.iter().map(|t| vec![String::new(), t.name.clone(), format!("本地（以 {} 为基础）", t.preset)]));
    let mut out = render(&["预设", "名称", "来源"], &[Align::Left, Align::Left, Align::Left], &body);
    out.push_str("新建时用 --template 预设或名称选择；默认为 national。详见 docs/templates.md\n");
    out
}

pub fn list_json(saved: &[Template]) -> Value {
    let presets: Vec<Value> =
        PRESETS.iter().map(|p| json!({ "key": p.key, "name": p.name, "source": p.source, "saved": false })).collect();
    let own: Vec<Value> = saved
        .iter()
        .map(|t| json!({ "key": Value::Null, "name": t.name, "preset": t.preset, "saved": true }))
        .collect();
    Value::Array(presets.into_iter().chain(own).collect())
}

/// The template of that name (a preset's key or name, or a saved one), or why not.
pub fn named(store: &Store, name: &str) -> Result<Template> {
    find_template(store, name)?.ok_or_else(|| {
        let known: Vec<&str> = PRESETS.iter().map(|p| p.key).collect();
        CliError::Value(format!(
            "没有名为“{name}”的评分模板：可用内置的 {}，或 jixiao templates 列出的本地模板",
            known.join("、")
        ))
    })
}

/// Every setting of an evaluation's template, as the template screen shows it.
pub fn show_text(t: &Template) -> String {
    let body: Vec<Vec<String>> =
        Setting::ALL.iter().map(|s| vec![s.key().to_string(), s.label().to_string(), s.show(t)]).collect();
    let mut out = format!("评分模板：{}（以 {} 为基础）\n", t.name, t.preset);
    out.push_str(&render(&["键", "设置", "值"], &[Align::Left, Align::Left, Align::Left], &body));
    out
}

/// One `KEY=VALUE` applied: VALUE read as the evaluation file would (a TOML value under
/// `[template]`), else as the template screen reads typed text (`whole`, `90/80/60`).
pub fn assign(t: &Template, assignment: &str) -> Result<Template> {
    let (key, value) = assignment
        .split_once('=')
        .map(|(k, v)| (k.trim(), v.trim()))
        .ok_or_else(|| CliError::Value(format!("“{assignment}”应写作 键=值，如 funds_weight=20")))?;
    let setting = Setting::from_key(key).ok_or_else(|| {
        let keys: Vec<&str> = Setting::ALL.iter().map(|s| s.key()).collect();
        CliError::Value(format!("没有设置“{key}”：可设 {}", keys.join("、")))
    })?;
    let as_file = toml::from_str::<toml::Table>(&format!("v = {value}")).ok().and_then(|mut t| t.remove("v"));
    let result = match as_file {
        // A float has lost its exact value; the screen's reading of the text keeps it.
        Some(v) if !v.is_float() && !v.is_str() => with_value(t, setting, v),
        _ => setting.parse(t, value.trim_matches('"')),
    };
    result.map_err(|e| CliError::Value(format!("{key}：{e}")))
}

/// The template with one key set to a TOML value, read as a file's `[template]` is.
fn with_value(t: &Template, setting: Setting, value: toml::Value) -> std::result::Result<Template, String> {
    let mut table = toml::Table::try_from(t).map_err(|e| e.to_string())?;
    match setting.key().split_once('.') {
        Some((outer, inner)) => {
            let funds = table.entry(outer).or_insert_with(|| toml::Value::Table(toml::Table::new()));
            funds.as_table_mut().ok_or("资金栏设置无法读取")?.insert(inner.to_string(), value);
        }
        None => {
            table.insert(setting.key().to_string(), value);
        }
    }
    let repr: TemplateRepr =
        toml::Value::Table(table).try_into().map_err(|e: toml::de::Error| e.message().to_string())?;
    repr.resolve()
}

/// `jixiao template set`: applies every assignment (all or none), saves, and says what
/// changed and what it did to the total.
pub fn set(store: &mut Store, which: &Which, assignments: &[String]) -> Result<String> {
    if assignments.is_empty() {
        return Err(CliError::Value(
            "请给出至少一项 键=值，如 funds_weight=20；jixiao template show 列出所有设置".into(),
        ));
    }
    let id = resolve(store, which)?;
    let stored = store.load(id)?;
    let mut ev = stored.evaluation.clone();
    let before = score(&ev);
    let mut lines = Vec::new();
    for a in assignments {
        let next = assign(&ev.template, a)?;
        let key = a.split_once('=').map_or(a.as_str(), |(k, _)| k.trim());
        let setting = Setting::from_key(key).expect("assign found it");
        lines.push(format!("{}：{} → {}", setting.label(), setting.show(&ev.template), setting.show(&next)));
        ev.template = next;
    }
    store.save(id, stored.revision, &ev)?;
    let after = score(&ev);
    Ok(format!("已修改 {} 的评分模板：\n  {}\n{}\n", ev.label(), lines.join("\n  "), total_change(&before, &after)))
}

/// `jixiao template save`: keeps an evaluation's template in the database under a name.
pub fn save(store: &mut Store, which: &Which, name: &str) -> Result<String> {
    let ev = store.load(resolve(store, which)?)?.evaluation;
    let t = Template { name: name.trim().to_string(), ..ev.template };
    let replaced = store.save_template(&t)?;
    Ok(format!(
        "{}本地评分模板“{}”（以 {} 为基础）：新建自评时可选用\n",
        if replaced { "已更新" } else { "已保存" },
        t.name,
        t.preset
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn values_are_read_as_the_file_spells_them() {
        let t = Template::national();
        assert_eq!(assign(&t, "funds_weight=20").unwrap().funds_weight, Decimal::from(20));
        assert_eq!(assign(&t, "funds_weight=\"12.5\"").unwrap().funds_weight, Decimal::new(125, 1));
        assert_eq!(assign(&t, "funds_weight=12.5").unwrap().funds_weight, Decimal::new(125, 1));
        assert_eq!(assign(&t, "rounding=whole").unwrap().rounding, crate::domain::template::Rounding::Whole);
        let g = assign(&t, r#"grades={ excellent = "85", good = "75", pass = "60" }"#).unwrap();
        assert_eq!(g.grades.excellent, Decimal::from(85));
        assert!(assign(&t, "funds.split=true").unwrap().funds.split);
        let e = assign(&t, "funds_weight=0").unwrap_err().to_string();
        assert!(e.contains("funds_weight") && e.contains("大于 0"), "{e}");
        assert!(assign(&t, "nothing=1").unwrap_err().to_string().contains("可设"));
        assert!(assign(&t, "funds_weight").is_err());
    }
}
