//! The app's keyboard commands.

/// Ctrl+`letter`, or ⌘+`letter` on a Mac: the app's keyboard commands (Ctrl+S, Ctrl+P).
pub fn is_command_key(event: &web_sys::KeyboardEvent, letter: &str) -> bool {
    (event.ctrl_key() || event.meta_key()) && event.key().eq_ignore_ascii_case(letter)
}
