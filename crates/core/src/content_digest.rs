//! A file's digest as it is read, chunk by chunk: its SHA-256 (the key 佐证材料's files are kept
//! under, so the same content is stored once) and its CRC-32 and size (what a zip entry declares,
//! so a package is written without reading the files again).

use sha2::{Digest, Sha256};

/// Fed a file's bytes in order, in chunks of any size.
#[derive(Clone, Default)]
pub struct ContentDigest {
    sha256: Sha256,
    crc32: crc32fast::Hasher,
    size: u64,
}

/// What a file's content comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digested {
    /// 64 lowercase hex digits.
    pub sha256: String,
    pub crc32: u32,
    pub size: u64,
}

impl ContentDigest {
    pub fn new() -> ContentDigest {
        ContentDigest::default()
    }

    pub fn update(&mut self, chunk: &[u8]) {
        self.sha256.update(chunk);
        self.crc32.update(chunk);
        self.size += chunk.len() as u64;
    }

    pub fn finish(self) -> Digested {
        let sha256 = self.sha256.finalize().iter().map(|byte| format!("{byte:02x}")).collect();
        Digested { sha256, crc32: self.crc32.finalize(), size: self.size }
    }
}

/// The digest of bytes at hand.
pub fn digest(bytes: &[u8]) -> Digested {
    let mut digest = ContentDigest::new();
    digest.update(bytes);
    digest.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_chunks_of_any_size_agree() {
        let empty = digest(b"");
        assert_eq!(empty.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!((empty.crc32, empty.size), (0, 0));
        let abc = digest(b"abc");
        assert_eq!(abc.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(digest(b"123456789").crc32, 0xCBF4_3926, "the CRC-32 check value");
        let content: Vec<u8> = (0..100_000u32).map(|index| (index % 253) as u8).collect();
        let mut chunked = ContentDigest::new();
        for chunk in content.chunks(7_919) {
            chunked.update(chunk);
        }
        assert_eq!(chunked.finish(), digest(&content));
    }
}
