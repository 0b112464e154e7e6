//! Whether the browser promises to keep this site's data (the Storage API's persistence): asked on
//! 草稿管理 and shown there, with the way to ask for it. Without the promise a browser short of
//! space may clear localStorage, and a private window clears it when closed — the drafts' only
//! copy — so the page says so plainly, beside 导出 and 全部备份. Where the API is missing (older
//! browsers, some 国产 ones) nothing is claimed either way.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// `navigator.storage`, where the browser has it.
fn storage_manager() -> Option<js_sys::Object> {
    let navigator = leptos::prelude::window().navigator();
    let manager = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    manager.dyn_into::<js_sys::Object>().ok()
}

/// Calls `navigator.storage.<method>()`, a promise of a boolean.
async fn ask_manager(method: &str) -> Option<bool> {
    let manager = storage_manager()?;
    let function = js_sys::Reflect::get(&manager, &method.into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = function.call0(&manager).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Whether this site's data is kept until the user clears it; `None`: the browser cannot say.
pub async fn persisted() -> Option<bool> {
    ask_manager("persisted").await
}

/// Asks the browser to keep this site's data; its answer (browsers grant it by their own rules,
/// often for sites used often or bookmarked).
pub async fn ask_to_persist() -> Option<bool> {
    ask_manager("persist").await
}
