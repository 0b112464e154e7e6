//! Scoring rules read from words, wherever notices write them: a row's 评分细则 (a deduction that
//! is arithmetic on a figure; a 一票否决 or 降等 condition), a rule row of the table (加分项,
//! 扣分项, 一票否决…), and the notice's text about results (grade bands, total, bonus cap).
//! Everything here proposes; the caller shows each proposal with its words and applies only what
//! the user keeps.
//!
//! `words.rs` reads numbers and amounts ("扣0.5分", "每少一次", "最高3分"); `conditions.rs`,
//! `deductions.rs` and `results.rs` read the three kinds of rule.

pub mod conditions;
pub mod deductions;
pub mod results;
pub mod words;

pub use conditions::{conditions_in, effect_named, ReadCondition};
pub use deductions::{propose_deduction, DeductionProposal, RowWords};
pub use results::{read_results, ReadResults};
