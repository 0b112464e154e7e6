//! 履职自评: the browser app. Components render the core's state and write edits back.

mod app;
mod autosave;
mod checks;
mod components;
mod crash;
mod draft_state;
mod field;
mod files;
mod offline;
mod route;
mod workspace;

fn main() {
    crash::install_panic_hook();
    #[cfg(feature = "crash-trigger")]
    crash::install_test_trigger();
    leptos::mount::mount_to_body(app::App);
}
