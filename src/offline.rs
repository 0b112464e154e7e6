//! Offline use: the service worker (built by scripts/postbuild.mjs) caches the app shell; a new
//! version waits until the user clicks 更新, so an update never lands in the middle of typing.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Whether the app is served (http(s)), not opened as the one-file build from disk.
pub fn is_served() -> bool {
    let protocol = window().location().protocol().unwrap_or_default();
    protocol == "http:" || protocol == "https:"
}

/// The service worker container, where the page may have one (served, not file://).
fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    (supported && is_served()).then(|| navigator.service_worker())
}

/// Registers the service worker; `update_ready` turns true when a new version waits.
pub fn register_service_worker(update_ready: RwSignal<bool>) {
    let Some(container) = container() else { return };
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("./sw.js")).await else { return };
        // A browser (or a policy) that does not allow service workers may answer with nothing
        // instead of refusing: the app then works as before, only not offline.
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
        let has_controller = move || container.controller().is_some();
        if registration.waiting().is_some() && has_controller() {
            update_ready.set(true);
        }
        let watched = registration.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = watched.installing() else { return };
            let worker = installing.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                let controlled = window().navigator().service_worker().controller().is_some();
                if worker.state() == web_sys::ServiceWorkerState::Installed && controlled {
                    update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    });
}

/// Lets the waiting version take over, then reloads into it. The caller saves the draft first.
pub fn apply_update() {
    let Some(container) = container() else { return };
    let on_change = Closure::<dyn FnMut()>::new(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else { return };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
        if let Some(waiting) = registration.waiting() {
            let _ = waiting.post_message(&"skip-waiting".into());
        }
    });
}
