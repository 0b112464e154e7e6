//! IndexedDB driven through `Reflect`, with the promises' own resolve and reject functions as
//! event handlers, not through web-sys's typed bindings and Rust closures: the same calls for a
//! fraction of the generated glue (the first visit's size, BENCHMARKS.md). Shared by the journal
//! (`durable`) and the 汇总 shelf (`shelf`).

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `target.name(args…)`.
pub(crate) fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let method = Reflect::get(target, &name.into()).ok()?.dyn_into::<Function>().ok()?;
    method.apply(target, &args.iter().collect::<Array>()).ok()
}

/// A promise settled by `target`'s events: resolved by `done` (with the event), rejected by each of
/// `failed`.
pub(crate) fn settled(target: &JsValue, done: &str, failed: &[&str]) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let _ = Reflect::set(target, &done.into(), &resolve);
        for event in failed {
            let _ = Reflect::set(target, &(*event).into(), &reject);
        }
    })
}

/// A request's result once it succeeded.
pub(crate) async fn result_of(request: JsValue) -> Option<JsValue> {
    JsFuture::from(settled(&request, "onsuccess", &["onerror"])).await.ok()?;
    Reflect::get(&request, &"result".into()).ok()
}

/// Whether a transaction committed (to disk, for a strict one).
pub(crate) async fn committed(transaction: &JsValue) -> bool {
    JsFuture::from(settled(transaction, "oncomplete", &["onerror", "onabort"])).await.is_ok()
}

/// A promise resolved after `ms` milliseconds.
pub(crate) fn delay(ms: i32) -> Promise {
    Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    })
}

/// Opens (creating on first use) the database `name` with one object store `store`; `None` where
/// IndexedDB is missing, refuses, or does not answer within `timeout_ms`.
pub(crate) async fn open_database(name: &str, store: &'static str, timeout_ms: i32) -> Option<JsValue> {
    let window: JsValue = web_sys::window()?.into();
    let factory = Reflect::get(&window, &"indexedDB".into()).ok().filter(|factory| factory.is_object())?;
    let request = call(&factory, "open", &[name.into(), 1.into()])?;
    // The first open creates the store, inside the upgrade event itself (the version change is
    // only open while it is dispatched).
    let upgrade = Closure::once_into_js({
        let request = request.clone();
        move || {
            if let Ok(database) = Reflect::get(&request, &"result".into()) {
                let _ = call(&database, "createObjectStore", &[store.into()]);
            }
        }
    });
    Reflect::set(&request, &"onupgradeneeded".into(), &upgrade).ok()?;
    let opened = settled(&request, "onsuccess", &["onerror", "onblocked"]);
    let race = Promise::race(&Array::of2(&opened, &delay(timeout_ms)));
    // The timer resolves with `undefined`: then the database is not open (yet), and unused.
    let event = JsFuture::from(race).await.ok()?;
    if event.is_undefined() {
        return None;
    }
    Reflect::get(&request, &"result".into()).ok().filter(|database| database.is_object())
}

/// A transaction on `store` (strict: committed means on disk), and the store.
pub(crate) fn transaction(database: &JsValue, store: &str, mode: &str) -> Option<(JsValue, JsValue)> {
    let options = Object::new();
    Reflect::set(&options, &"durability".into(), &"strict".into()).ok()?;
    let transaction = call(database, "transaction", &[store.into(), mode.into(), options.into()])?;
    let object_store = call(&transaction, "objectStore", &[store.into()])?;
    Some((transaction, object_store))
}
