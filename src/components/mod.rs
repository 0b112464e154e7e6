//! The form's components. Each reads the workspace from context and edits its own signals.

pub mod backup;
pub mod draft_file_import;
pub mod drafts_page;
pub mod fields;
pub mod figure_input;
pub mod figures_page;
pub mod figures_sheet;
pub mod findings_panel;
pub mod frameworks_list;
pub mod import_old;
pub mod item_editor;
pub mod list_editor;
pub mod merge_dialog;
pub mod meta_editor;
pub mod modal;
pub mod nav;
pub mod overview;
pub mod print_view;
pub mod report_parts;
pub mod scores;
pub mod scoring_page;
pub mod status_bar;
pub mod table_import;
pub mod toolbar;
