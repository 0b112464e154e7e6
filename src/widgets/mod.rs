//! Widgets of no feature: a file picker, a modal dialog, a list's removal with undo, a report laid
//! out as the printed page. They import nothing of the features (`scripts/check-imports.mjs` holds
//! them to it).

pub mod file_picker;
pub mod modal;
pub mod removal;
pub mod report_blocks;
