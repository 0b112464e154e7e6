//! Files in and out of the browser: downloads, reading a picked or dropped file, the clipboard.

use crate::notices::FileError;
use lvzhi_core::limits::Limit;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `bytes` as a download named `file_name`.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), FileError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| FileError::Download)?;
    download_blob(&blob, file_name)
}

/// Offers a Word file named `file_name`; says so when done.
pub fn offer_docx(bytes: &[u8], file_name: &str) -> Result<String, FileError> {
    const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    download(bytes, file_name, WORD).map(|()| format!("已导出 {file_name}。"))
}

/// The file a file input's `change` event picked. The input is cleared, so picking the same file
/// again fires again.
pub fn take_picked_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}

/// The bytes of a file the user picked or dropped; a file over `limit` is refused by the size it
/// states, before a byte of it is read.
pub async fn read_bytes(file: &web_sys::File, limit: Limit) -> Result<Vec<u8>, FileError> {
    limit.check(file.size() as usize).map_err(FileError::TooLarge)?;
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| FileError::Read)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of a file that must be UTF-8.
pub async fn read_text(file: &web_sys::File, limit: Limit) -> Result<String, FileError> {
    String::from_utf8(read_bytes(file, limit).await?).map_err(|_| FileError::NotUtf8)
}

/// Puts text on the clipboard. Pages served over plain http (an intranet) have no clipboard API at
/// all: then it says so, rather than calling what is not there.
pub async fn copy_text(text: &str) -> Result<(), FileError> {
    let navigator = leptos::prelude::window().navigator();
    let available =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|clipboard| !clipboard.is_undefined());
    if !available {
        return Err(FileError::Clipboard);
    }
    JsFuture::from(navigator.clipboard().write_text(text)).await.map(|_| ()).map_err(|_| FileError::Clipboard)
}

/// Offers the draft as a draft file carrying its framework (a colleague who has only the file
/// opens it whole), named after it and the time of export; returns the name.
pub fn download_draft_file(draft: &lvzhi_core::Draft, framework: &lvzhi_core::Framework) -> Result<String, FileError> {
    let name = lvzhi_core::file_names::draft_file_name(draft, &crate::clock::file_stamp());
    download(lvzhi_core::draft_file::export_draft_file(draft, framework).as_bytes(), &name, "application/json")?;
    Ok(name)
}

/// Offers a framework as a framework file, named by its title, version and today's date (two
/// versions never share a name); returns the name.
pub fn download_framework_file(framework: &lvzhi_core::Framework) -> Result<String, FileError> {
    let text = serde_json::to_string_pretty(framework).expect("a framework serializes");
    let name = lvzhi_core::file_names::framework_file_name(framework, &crate::clock::local_date());
    download(text.as_bytes(), &name, "application/json")?;
    Ok(name)
}

/// GBK (GB18030) text as the browser decodes it; `None` when it is not that either.
pub fn decode_gbk(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gbk", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// Offers a `Blob` (made of other blobs: nothing copied) as a download named `file_name`.
pub fn download_blob(blob: &web_sys::Blob, file_name: &str) -> Result<(), FileError> {
    let failed = |_| FileError::Download;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(failed)?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(failed)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or(FileError::Download)?;
    body.append_child(&anchor).map_err(failed)?;
    anchor.click();
    anchor.remove();
    // A large package is read by the download after the click: the URL goes a minute later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// The bytes of part of a `Blob` (a file's slice), read without the rest.
pub async fn read_slice(blob: &web_sys::Blob, start: f64, end: f64) -> Result<Vec<u8>, FileError> {
    let slice = blob.slice_with_f64_and_f64(start, end).map_err(|_| FileError::Read)?;
    let buffer = JsFuture::from(slice.array_buffer()).await.map_err(|_| FileError::Read)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Bytes read at a time while digesting a file: large enough to be quick, small enough that a
/// 200 MB video never sits in the wasm memory whole.
const DIGEST_CHUNK_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// A file's SHA-256, CRC-32 and size, read from the browser in chunks.
pub async fn digest_blob(blob: &web_sys::Blob) -> Result<lvzhi_core::content_digest::Digested, FileError> {
    let mut digest = lvzhi_core::content_digest::ContentDigest::new();
    let size = blob.size();
    let mut start = 0.0;
    while start < size {
        let end = (start + DIGEST_CHUNK_BYTES).min(size);
        digest.update(&read_slice(blob, start, end).await?);
        start = end;
    }
    Ok(digest.finish())
}

/// A byte count as people read it: `350 B`, `16 KB`, `1.2 MB`, `10.0 GB`.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        0..=1023 => format!("{bytes} B"),
        1024..=1_048_575 => format!("{:.0} KB", bytes as f64 / 1024.0),
        1_048_576..=1_073_741_823 => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
        _ => format!("{:.1} GB", bytes as f64 / 1_073_741_824.0),
    }
}
