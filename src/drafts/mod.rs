//! Drafts and files: 草稿管理 (the drafts, versions, backups, 回收站, 存储空间), 开始, draft files
//! imported and merged, backups of all drafts, last year's report imported, and moving a draft to
//! another framework (更换指标体系, 以本草稿开始新一年). Every action is a `Session` method; these
//! pages list and ask.

pub mod backup;
pub mod departments_page;
pub mod draft_file_import;
pub mod drafts_page;
pub mod import_old;
pub mod import_review;
pub mod merge_dialog;
pub mod remap_dialog;
pub mod start_page;
pub mod storage_space;
pub mod toolbar;
