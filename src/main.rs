//! 履职自评: the browser app. Components render the core's state and write edits back.

mod app;
mod autosave;
mod checks;
mod components;
mod draft_state;
mod files;
mod offline;
mod route;
mod workspace;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
