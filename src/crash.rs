//! When the app panics: the panic is logged as before, then `src/guard.js` (plain JavaScript,
//! loaded before the app) is asked to show the blocking 程序出错 notice, with the drafts as last
//! saved and the panic text. The wasm instance traps right after the hook returns, so nothing
//! here may rely on the app's state.

use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsValue;

/// Set by the panic hook. After a trap the instance can still be entered (a `pagehide` listener,
/// a timer), but its state is no longer trusted: nothing may be written from it any more.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Whether the app has panicked in this page, or `guard.js` has stopped it (an exception thrown
/// out of the WebAssembly).
pub fn has_stopped() -> bool {
    STOPPED.load(Ordering::Relaxed)
        || web_sys::window()
            .and_then(|window| js_sys::Reflect::get(&window, &JsValue::from_str("lvzhiStopped")).ok())
            .is_some_and(|stopped| stopped.is_truthy())
}

/// Installs the panic hook. Called once, first thing at start-up.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        STOPPED.store(true, Ordering::Relaxed);
        console_error_panic_hook::hook(info);
        let window = web_sys::window().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        if let Ok(notify) = js_sys::Reflect::get(&window, &JsValue::from_str("lvzhiCrash")) {
            if let Some(notify) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&notify) {
                let _ = notify.call1(&window, &JsValue::from_str(&info.to_string()));
            }
        }
    }));
}

/// Tells the crash notice whether this window holds edits not yet written, so that after a
/// crash it says truthfully whether everything was saved.
pub fn mark_unsaved_edits(unsaved: bool) {
    if let Some(window) = web_sys::window() {
        // Only read by the crash notice; failing to set it changes nothing else.
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str("lvzhiUnsavedEdits"), &JsValue::from_bool(unsaved));
    }
}

/// Test builds only (`--features crash-trigger`): a `lvzhi-test-panic` event on the window panics,
/// so the end-to-end tests can check the notice. Never compiled into the bundle users get.
#[cfg(feature = "crash-trigger")]
pub fn install_test_trigger() {
    let listener = leptos::prelude::window_event_listener_untyped("lvzhi-test-panic", |_| {
        panic!("测试用的故意崩溃（crash-trigger）");
    });
    // Lives as long as the page.
    std::mem::forget(listener);
}

/// Marks the app as started for the guard script (`window.lvzhiStarted`), so that a later error is
/// treated as a crash, not as a failure to start.
pub fn announce_started() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str("lvzhiStarted"), &JsValue::TRUE);
    }
}
