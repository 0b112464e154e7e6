//! 履职自评: the browser app. Components render the core's state and write edits back.

mod app;
mod autosave;
mod clock;
mod components;
mod crash;
mod draft_signals;
mod edits;
mod field;
mod files;
mod findings;
mod framework_editing;
mod import_review;
mod journal;
mod keys;
mod notices;
mod offline;
mod part_signals;
#[cfg(test)]
mod part_signals_tests;
mod persistence;
mod route;
mod rows;
mod score_signals;
#[cfg(test)]
mod score_signals_tests;
mod session;
mod workspace;

fn main() {
    crash::install_panic_hook();
    #[cfg(feature = "crash-trigger")]
    crash::install_test_trigger();
    // Saves a crash kept from the disk are put back before any draft is read (src/journal.rs).
    wasm_bindgen_futures::spawn_local(async {
        journal::start(lvzhi_storage::DraftStorage::open().ok()).await;
        leptos::mount::mount_to_body(app::App);
        // Tells src/guard.js the app is up: errors from now on are no failure to start.
        crash::announce_started();
    });
}
