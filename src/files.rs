//! Files in and out of the browser: downloads, reading a picked or dropped file, the clipboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `bytes` as a download named `file_name`.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), String> {
    let failed =
        |error: JsValue| format!("无法生成下载文件：{}", error.as_string().unwrap_or_else(|| format!("{error:?}")));
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(failed)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("页面没有 body")?;
    body.append_child(&anchor).map_err(failed)?;
    anchor.click();
    anchor.remove();
    // The click has started the download; the URL may go once the current task ends.
    leptos::prelude::request_animation_frame(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// The file a file input's `change` event picked. The input is cleared, so picking the same file
/// again fires again.
pub fn take_picked_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}

/// The bytes of a file the user picked or dropped.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| "无法读取该文件。".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Puts text on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "浏览器不允许写入剪贴板，请改用下载的文本文件。".to_owned())
}

/// Offers the draft as a draft file; returns the file name.
pub fn download_draft_file(draft: &lvzhi_core::Draft) -> Result<String, String> {
    let now = js_sys::Date::new_0();
    let stamp = format!(
        "{}{:02}{:02}-{:02}{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes()
    );
    let name = lvzhi_core::file_names::draft_file_name(draft, &stamp);
    download(lvzhi_core::draft_file::export_draft_json(draft).as_bytes(), &name, "application/json")?;
    Ok(name)
}
