//! The open draft's form: its pages (overview, 基本信息, items, figures, lists, the report's own
//! parts, scoring, the print view), the navigation, the header (status bar, notices) and the findings
//! panel.
//! Each component reads the `Workspace` from context and edits its own signals.

pub mod fields;
pub mod figure_input;
pub mod figures_page;
pub mod figures_sheet;
pub mod findings_panel;
pub mod item_editor;
pub mod list_editor;
pub mod meta_editor;
pub mod nav;
pub mod overview;
pub mod print_view;
pub mod report_parts;
pub mod score_sheet_page;
pub mod scores;
pub mod scoring_page;
pub mod status_bar;
