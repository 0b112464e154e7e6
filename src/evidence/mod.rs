//! 佐证材料's files: kept per 佐证材料 entry in the browser (`evidence_state.rs`: attach, rename,
//! move, remove into the 回收站, restore, the browser's room), packed for the reviewers and read
//! back (`package_state.rs`); the files of one entry in the form (`attachments.rs`) and the page
//! of them all (`evidence_page.rs`).

pub mod attachments;
pub mod evidence_page;
pub mod evidence_state;
pub mod package_state;
