//! Widgets of no feature: a file picker, a modal dialog, a list's removal with undo. They import nothing of the
//! features (`scripts/check-imports.mjs` holds them to it).

pub mod file_picker;
pub mod modal;
pub mod removal;
