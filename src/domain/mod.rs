//! The domain: the evaluation model, scoring, checks and year comparison.
//! Plain Rust: no terminal, no database, no files.

pub mod change;
pub mod check;
pub mod compare;
pub mod criterion;
pub mod date;
pub mod derived;
pub mod field;
pub mod model;
pub mod money;
pub mod narrative;
pub mod nature;
pub mod number;
pub mod project;
pub mod review;
pub mod rule;
pub mod score;
pub mod serde_decimal;
pub mod template;
pub mod text;
pub mod value;
