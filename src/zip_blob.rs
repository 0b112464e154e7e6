//! Zips as the browser's `Blob`s, for the 佐证材料包 and the backup: written as the headers around
//! blobs the browser already holds (nothing copied into memory), and read by their central
//! directory, each entry a slice of the picked file (inflated only when someone packed it again
//! with compression). The layout of the bytes is the core's (`evidence_package::stored_zip`).

use crate::files::{decode_gbk, read_slice};
use crate::notices::{AppError, FileError};
use lvzhi_core::evidence_package::stored_zip::{
    central_directory_at, data_offset, list_entries, stored_zip, DosTime, ListedEntry, Piece, StoredEntry,
};

/// The entries' time: now, in local time.
fn now() -> DosTime {
    let now = js_sys::Date::new_0();
    DosTime::new(
        now.get_full_year() as u16,
        now.get_month() as u16 + 1,
        now.get_date() as u16,
        now.get_hours() as u16,
        now.get_minutes() as u16,
        now.get_seconds() as u16,
    )
}

/// The zip of `entries`, the i-th entry's content being `contents[i]` (a `Blob` or a
/// `Uint8Array`).
pub fn zip_blob(entries: &[StoredEntry], contents: &js_sys::Array) -> Result<web_sys::Blob, AppError> {
    let pieces = stored_zip(entries, now()).map_err(|limit| AppError::Refused(limit.to_string()))?;
    let parts = js_sys::Array::new();
    for piece in &pieces {
        match piece {
            Piece::Bytes(bytes) => parts.push(&js_sys::Uint8Array::from(bytes.as_slice())),
            Piece::Content(index) => parts.push(&contents.get(*index as u32)),
        };
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/zip");
    web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options).map_err(|_| AppError::File(FileError::Download))
}

/// A text entry to write: its name, size and CRC-32, and its bytes for the contents.
pub fn text_entry(name: &str, bytes: &[u8]) -> (StoredEntry, js_sys::Uint8Array) {
    let digest = lvzhi_core::content_digest::digest(bytes);
    (StoredEntry { path: name.to_owned(), size: digest.size, crc32: digest.crc32 }, js_sys::Uint8Array::from(bytes))
}

/// A picked zip's entries, each with its name (UTF-8, else GBK as Chinese Windows writes it);
/// `None` when it is not a zip.
pub async fn zip_entries(file: &web_sys::Blob) -> Result<Option<Vec<(String, ListedEntry)>>, FileError> {
    let size = file.size();
    // The end record is within the last 22 bytes plus a comment of at most 65 535.
    let tail_start = (size - 65_557.0).max(0.0);
    let tail = read_slice(file, tail_start, size).await?;
    let Some((offset, length)) = central_directory_at(&tail, tail_start as u64) else { return Ok(None) };
    let central = read_slice(file, offset as f64, (offset + length) as f64).await?;
    let Some(entries) = list_entries(&central) else { return Ok(None) };
    Ok(Some(
        entries
            .into_iter()
            .map(|entry| (entry.path.clone().or_else(|| decode_gbk(&entry.raw_name)).unwrap_or_default(), entry))
            .collect(),
    ))
}

/// An entry's content as a `Blob`: a slice of the file where it is stored, inflated (at most
/// `limit` bytes) where it was compressed; `None` when it cannot be read.
pub async fn entry_blob(file: &web_sys::Blob, entry: &ListedEntry, limit: usize) -> Option<web_sys::Blob> {
    let header = read_slice(file, entry.header_offset as f64, entry.header_offset as f64 + 30.0).await.ok()?;
    let start = data_offset(entry, &header)? as f64;
    match entry.method {
        0 => file.slice_with_f64_and_f64(start, start + entry.size as f64).ok(),
        8 => {
            let bytes = entry_bytes(file, entry, limit).await?;
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
            web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
        }
        _ => None,
    }
}

/// An entry's bytes (inflated when deflated), at most `limit`; `None` when it cannot be read.
pub async fn entry_bytes(file: &web_sys::Blob, entry: &ListedEntry, limit: usize) -> Option<Vec<u8>> {
    let header = read_slice(file, entry.header_offset as f64, entry.header_offset as f64 + 30.0).await.ok()?;
    let start = data_offset(entry, &header)? as f64;
    let raw = read_slice(file, start, start + entry.compressed as f64).await.ok()?;
    match entry.method {
        0 => (raw.len() <= limit).then_some(raw),
        8 => lvzhi_core::zip_files::inflate(&raw, limit),
        _ => None,
    }
}
