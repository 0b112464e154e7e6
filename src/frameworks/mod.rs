//! Frameworks in the app: the list on 草稿管理, 从指标表新建 (a notice's table read into a
//! framework), and 编辑指标体系. Three layers, three names: the core's `framework_edit` (the pure
//! actions and their undo), `editor_state` here (the editor's signals around it) and `editor_page`
//! (the page and its parts: tree, meta form, rules, deductions, fields committed on change).

pub mod commit_field;
pub mod deduction;
pub mod editor_page;
pub mod editor_state;
pub mod list;
pub mod meta_form;
pub mod rules;
pub mod table_import;
pub mod table_rules_preview;
pub mod table_source;
pub mod tree;
