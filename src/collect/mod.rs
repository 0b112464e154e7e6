//! 汇总: a 督导室 collects many units' drafts, compares them at a glance and scores them (复核). The
//! collection lives in IndexedDB under a name (`lvzhi_storage::Shelf`); it reads the units'
//! drafts and never changes one. `collect_state.rs` holds it and every action on it (the figure
//! compared across units and the 汇总表 written with it in `across_state.rs`); the pages
//! (`collect_page.rs` with the comparison table and the figure chart, `unit_page.rs` with one
//! unit's report, findings and 复核) render it and call those actions.

mod across_state;
pub mod collect_page;
pub mod collect_state;
mod comparison_table;
mod figure_chart;
mod item_across;
pub mod unit_page;
