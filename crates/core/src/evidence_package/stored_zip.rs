//! A zip of stored (not deflated) entries whose sizes and CRC-32s are known in advance, written as
//! pieces: the headers as bytes, each file's content as a reference the browser fills in from its
//! own storage (a `Blob` of `Blob`s), so hundreds of megabytes are packed without a copy of them in
//! memory. Photos, PDFs and Office files are compressed already; deflating them again would gain
//! nothing and take the time of reading every byte. And the reverse: where each entry of a zip is
//! (its central directory), so a package is unpacked by slicing, not by reading it whole.
//!
//! Plain zip (no zip64): a package up to 4 GB − 1 byte and 65 535 entries, UTF-8 names (flag bit
//! 11), which Windows' own unpacker, 7-Zip, WinRAR, `unzip` and Python's `zipfile` read.

/// A piece of the zip: bytes written here, or the content of the entry at this index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Bytes(Vec<u8>),
    Content(usize),
}

/// An entry to write: its path in the package, its size and its CRC-32.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEntry {
    pub path: String,
    pub size: u64,
    pub crc32: u32,
}

/// Why the package cannot be one zip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipLimit {
    TooLarge { bytes: u64 },
    TooManyFiles { count: usize },
}

impl std::fmt::Display for ZipLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipLimit::TooLarge { bytes } => write!(
                f,
                "佐证材料共{:.1} GB，超过了一个压缩包的上限（4 GB）：请分领域导出，或把过大的视频等文件另行提交。",
                *bytes as f64 / 1_073_741_824.0
            ),
            ZipLimit::TooManyFiles { count } => {
                write!(f, "佐证材料共{count}个文件，超过了一个压缩包的上限（65535个）。")
            }
        }
    }
}

/// MS-DOS date and time of the entries (the package's time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DosTime {
    pub date: u16,
    pub time: u16,
}

impl DosTime {
    /// From a local date and time (year 1980–2107).
    pub fn new(year: u16, month: u16, day: u16, hour: u16, minute: u16, second: u16) -> DosTime {
        DosTime {
            date: ((year.clamp(1980, 2107) - 1980) << 9) | (month << 5) | day,
            time: (hour << 11) | (minute << 5) | (second / 2),
        }
    }
}

const UTF8_NAMES: u16 = 1 << 11;
const VERSION: u16 = 20;

fn u16le(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// The pieces of the zip holding `entries` in order.
pub fn stored_zip(entries: &[StoredEntry], time: DosTime) -> Result<Vec<Piece>, ZipLimit> {
    if entries.len() > usize::from(u16::MAX) {
        return Err(ZipLimit::TooManyFiles { count: entries.len() });
    }
    let total: u64 = entries.iter().map(|entry| entry.size + 30 + 46 + 2 * entry.path.len() as u64).sum::<u64>() + 22;
    if total > u64::from(u32::MAX) {
        return Err(ZipLimit::TooLarge { bytes: total });
    }
    let mut pieces = Vec::new();
    let mut central = Vec::new();
    let mut offset: u32 = 0;
    for (index, entry) in entries.iter().enumerate() {
        let name = entry.path.as_bytes();
        let size = entry.size as u32;
        let mut local = Vec::with_capacity(30 + name.len());
        u32le(&mut local, 0x0403_4b50);
        u16le(&mut local, VERSION);
        u16le(&mut local, UTF8_NAMES);
        u16le(&mut local, 0); // stored
        u16le(&mut local, time.time);
        u16le(&mut local, time.date);
        u32le(&mut local, entry.crc32);
        u32le(&mut local, size);
        u32le(&mut local, size);
        u16le(&mut local, name.len() as u16);
        u16le(&mut local, 0);
        local.extend_from_slice(name);
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, VERSION);
        u16le(&mut central, VERSION);
        u16le(&mut central, UTF8_NAMES);
        u16le(&mut central, 0);
        u16le(&mut central, time.time);
        u16le(&mut central, time.date);
        u32le(&mut central, entry.crc32);
        u32le(&mut central, size);
        u32le(&mut central, size);
        u16le(&mut central, name.len() as u16);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name);
        offset += local.len() as u32 + size;
        pieces.push(Piece::Bytes(local));
        pieces.push(Piece::Content(index));
    }
    let central_size = central.len() as u32;
    let mut end = central;
    u32le(&mut end, 0x0605_4b50);
    u16le(&mut end, 0);
    u16le(&mut end, 0);
    u16le(&mut end, entries.len() as u16);
    u16le(&mut end, entries.len() as u16);
    u32le(&mut end, central_size);
    u32le(&mut end, offset);
    u16le(&mut end, 0);
    pieces.push(Piece::Bytes(end));
    Ok(pieces)
}

/// The pieces put together with the contents given (for small packages and tests).
pub fn assemble(pieces: &[Piece], contents: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Bytes(bytes) => out.extend_from_slice(bytes),
            Piece::Content(index) => out.extend_from_slice(contents[*index]),
        }
    }
    out
}

/// An entry of a zip as its central directory lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedEntry {
    /// The name as UTF-8; `None` for a name in a local code page (a zip made on Chinese Windows
    /// writes GBK without saying so): `raw_name` for the browser to decode.
    pub path: Option<String>,
    pub raw_name: Vec<u8>,
    /// 0 stored, 8 deflated (others cannot be read here).
    pub method: u16,
    pub crc32: u32,
    pub compressed: u64,
    pub size: u64,
    /// Where its local header starts.
    pub header_offset: u64,
}

/// Where a zip's central directory is: `(offset, size)`, read from the end of the file (`tail`:
/// its last bytes, at least the last 22, at most the last 65 557 to allow for a comment), whose
/// first byte is at `tail_offset` in the file. `None`: not a zip (or zip64, which packages never
/// need).
pub fn central_directory_at(tail: &[u8], tail_offset: u64) -> Option<(u64, u64)> {
    let start = (0..tail.len().checked_sub(21)?).rev().find(|&at| tail[at..].starts_with(&[0x50, 0x4b, 0x05, 0x06]))?;
    let end = &tail[start..];
    let size = u64::from(u32::from_le_bytes(end.get(12..16)?.try_into().ok()?));
    let offset = u64::from(u32::from_le_bytes(end.get(16..20)?.try_into().ok()?));
    (offset + size <= tail_offset + start as u64).then_some((offset, size))
}

/// The entries a central directory lists; `None` when it is broken.
pub fn list_entries(central: &[u8]) -> Option<Vec<ListedEntry>> {
    let mut entries = Vec::new();
    let mut at = 0;
    let u16_at =
        |bytes: &[u8], at: usize| -> Option<u16> { Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?)) };
    let u32_at =
        |bytes: &[u8], at: usize| -> Option<u32> { Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?)) };
    while at + 46 <= central.len() {
        if u32_at(central, at)? != 0x0201_4b50 {
            return None;
        }
        let name_length = usize::from(u16_at(central, at + 28)?);
        let extra_length = usize::from(u16_at(central, at + 30)?);
        let comment_length = usize::from(u16_at(central, at + 32)?);
        let name = central.get(at + 46..at + 46 + name_length)?;
        // Without the UTF-8 flag a name is in the packer's code page (GBK on Chinese Windows) —
        // unless it is ASCII or happens to be valid UTF-8 (7-Zip writes UTF-8 without the flag).
        // (GBK's Chinese is hardly ever valid UTF-8, so valid UTF-8 is taken as such.)
        let path = std::str::from_utf8(name).ok();
        entries.push(ListedEntry {
            path: path.map(str::to_owned),
            raw_name: name.to_vec(),
            method: u16_at(central, at + 10)?,
            crc32: u32_at(central, at + 16)?,
            compressed: u64::from(u32_at(central, at + 20)?),
            size: u64::from(u32_at(central, at + 24)?),
            header_offset: u64::from(u32_at(central, at + 42)?),
        });
        at += 46 + name_length + extra_length + comment_length;
    }
    Some(entries)
}

/// Where an entry's data starts, from the first 30 bytes of its local header.
pub fn data_offset(entry: &ListedEntry, local_header: &[u8]) -> Option<u64> {
    if local_header.get(0..4)? != [0x50, 0x4b, 0x03, 0x04] {
        return None;
    }
    let name_length = u64::from(u16::from_le_bytes(local_header.get(26..28)?.try_into().ok()?));
    let extra_length = u64::from(u16::from_le_bytes(local_header.get(28..30)?.try_into().ok()?));
    Some(entry.header_offset + 30 + name_length + extra_length)
}
