//! The county's own templates: saved under a name, offered for new evaluations.
//!
//! A saved template is a whole template (as an evaluation holds one), so choosing it
//! later gives exactly what was saved, whatever the presets have become since.

use super::read::bad;
use super::{Result, Store, StoreError};
use crate::domain::template::Template;
use rusqlite::OptionalExtension;

impl Store {
    /// Every saved template, by name.
    pub fn saved_templates(&self) -> Result<Vec<Template>> {
        let sql = |e| self.sql(e);
        let mut stmt = self.conn.prepare_cached("SELECT name, body FROM saved_template ORDER BY name").map_err(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(sql)?;
        let mut out = Vec::new();
        for row in rows {
            let (name, body) = row.map_err(sql)?;
            let mut t: Template = serde_json::from_str(&body).map_err(|_| bad("保存的评分模板", &name))?;
            t.name = name;
            out.push(t);
        }
        Ok(out)
    }

    /// The saved template of this name, if any.
    pub fn saved_template(&self, name: &str) -> Result<Option<Template>> {
        Ok(self.saved_templates()?.into_iter().find(|t| t.name == name.trim()))
    }

    /// Saves a template under its name, replacing one of the same name; returns whether
    /// one was replaced. A name that is a preset's is refused (it would hide the preset).
    pub fn save_template(&mut self, template: &Template) -> Result<bool> {
        let name = template.name.trim();
        if name.is_empty() {
            return Err(StoreError::BadData { what: "模板名称".into(), value: String::new() });
        }
        if crate::domain::template::PRESETS.iter().any(|p| p.name == name || p.key == name) {
            return Err(StoreError::PresetName(name.to_string()));
        }
        let body = serde_json::to_string(template).expect("a template always serialises");
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let existed: Option<String> = tx
            .query_row("SELECT name FROM saved_template WHERE name = ?1", [name], |r| r.get(0))
            .optional()
            .map_err(sql)?;
        tx.execute(
            "INSERT INTO saved_template (name, body) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET body = excluded.body,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            rusqlite::params![name, body],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(existed.is_some())
    }

    /// Deletes a saved template; false if there was none of that name.
    pub fn delete_template(&mut self, name: &str) -> Result<bool> {
        let path = self.path.clone();
        let sql = |e| StoreError::from_sqlite(&path, e);
        let tx = self.begin()?;
        let n = tx.execute("DELETE FROM saved_template WHERE name = ?1", [name.trim()]).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(n > 0)
    }
}

/// A template by the name a user gives: a preset's key or name, else a saved one's name.
pub fn find_template(store: &Store, name: &str) -> Result<Option<Template>> {
    let name = name.trim();
    if let Some(p) = crate::domain::template::PRESETS.iter().find(|p| p.key == name || p.name == name) {
        return Ok(Some((p.build)()));
    }
    store.saved_template(name)
}
