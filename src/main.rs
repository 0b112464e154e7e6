//! 履职自评: the browser app. Components render the core's state and write edits back.
//!
//! Laid out by feature: `workspace` (the open draft's state: signals, edits, findings, autosave),
//! `form` (the open draft's pages), `drafts` (草稿管理, files, backups, imports, merges),
//! `frameworks` (their list, the editor, 从指标表新建), `widgets` (no feature of their own), and
//! the app's frame: `app`, `route`, `session`, `notices`, `crash`, `files` and small helpers.

mod app;
mod clock;
mod collect;
mod crash;
mod drafts;
mod evidence;
mod files;
mod form;
mod frameworks;
mod keys;
mod notices;
mod offline;
mod persistence;
mod route;
mod session;
mod widgets;
mod workspace;
mod zip_blob;

fn main() {
    crash::install_panic_hook();
    #[cfg(feature = "crash-trigger")]
    crash::install_test_trigger();
    // Saves a crash kept from the disk are put back before any draft is read (src/workspace/journal.rs).
    wasm_bindgen_futures::spawn_local(async {
        workspace::journal::start(lvzhi_storage::DraftStorage::open().ok()).await;
        leptos::mount::mount_to_body(app::App);
        // Tells src/guard.js the app is up: errors from now on are no failure to start.
        crash::announce_started();
    });
}
