//! The zip container, in one place: the .docx export and the backup write through
//! [`write_zip`], the .docx import and the backup read through [`open_zip`] and [`read_entry`].
//! One path each way keeps one copy of the zip crate's code in the wasm.

use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;

pub type ZipReader<'bytes> = zip::ZipArchive<Cursor<&'bytes [u8]>>;

/// A zip of `(name, content)` files, deflated, in order.
pub fn write_zip<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        // Writing to memory cannot fail short of running out of it.
        if archive.start_file(name, options).is_err() || archive.write_all(content.as_bytes()).is_err() {
            panic!("writing a zip to memory");
        }
    }
    match archive.finish() {
        Ok(cursor) => cursor.into_inner(),
        Err(_) => panic!("finishing a zip in memory"),
    }
}

/// Opens a zip; `None` when `bytes` are not one.
pub fn open_zip(bytes: &[u8]) -> Option<ZipReader<'_>> {
    zip::ZipArchive::new(Cursor::new(bytes)).ok()
}

/// Why an entry could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    /// No entry of that name.
    Missing,
    /// There, but its data is broken (bad compressed stream, wrong checksum).
    Unreadable,
}

/// The content of the entry `name`, read up to `limit` + 1 bytes (so a caller can tell "too
/// large" from "exactly the limit", and a zip bomb stops there).
/// The size an entry declares (uncompressed), for a message; `read_entry` still stops at its limit
/// whatever is declared.
pub fn declared_size(archive: &mut ZipReader<'_>, name: &str) -> Option<usize> {
    archive.by_name(name).ok().map(|file| usize::try_from(file.size()).unwrap_or(usize::MAX))
}

pub fn read_entry(archive: &mut ZipReader<'_>, name: &str, limit: usize) -> Result<Vec<u8>, EntryProblem> {
    let mut file = archive.by_name(name).map_err(|_| EntryProblem::Missing)?;
    let mut content = Vec::new();
    (&mut file).take(limit as u64 + 1).read_to_end(&mut content).map_err(|_| EntryProblem::Unreadable)?;
    Ok(content)
}

/// Deflated data inflated, up to `limit` bytes (`None`: broken, or larger than that).
pub fn inflate(compressed: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(compressed).take(limit as u64 + 1).read_to_end(&mut out).ok()?;
    (out.len() <= limit).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_a_damaged_entry_is_told_from_a_missing_one() {
        let text = "履职自评".repeat(200);
        let bytes = write_zip([("a.txt", text.as_str()), ("文件夹/b.json", "{}")]);
        let mut archive = open_zip(&bytes).expect("a zip");
        assert_eq!(read_entry(&mut archive, "a.txt", 1 << 20), Ok(text.clone().into_bytes()));
        assert_eq!(read_entry(&mut archive, "文件夹/b.json", 1 << 20), Ok(b"{}".to_vec()));
        assert_eq!(read_entry(&mut archive, "c.txt", 1 << 20), Err(EntryProblem::Missing));
        // The limit + 1 bytes are read, and no more.
        assert_eq!(read_entry(&mut archive, "a.txt", 10).map(|content| content.len()), Ok(11));

        // Damage the compressed data of a.txt (after its 30-byte local header and name).
        let mut damaged = bytes.clone();
        for byte in &mut damaged[40..60] {
            *byte ^= 0x55;
        }
        let mut archive = open_zip(&damaged).expect("the directory is intact");
        assert_eq!(read_entry(&mut archive, "a.txt", 1 << 20), Err(EntryProblem::Unreadable));
        assert!(open_zip(b"not a zip").is_none());
    }
}
