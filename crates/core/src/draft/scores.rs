//! What the user states for a scored framework: 自评得分 with 得失分说明 and 佐证材料 per scored
//! row, occurrences per 扣分项, and answers to the 一票否决 / 降等 / 不得评优 conditions.
//!
//! Invariant: as everywhere in the draft, numbers are kept as typed; totals are derived
//! (`crate::scoring`), never stored.

use serde::{Deserialize, Serialize};

/// The self-score of one scored row (an item scored directly, a 观测点, a sub-point, a bonus item).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreEntry {
    /// 自评得分 as typed.
    pub score: String,
    /// 得失分说明: why points were lost (or, above a proposed score, why it is higher).
    pub explanation: String,
    /// 佐证材料: the evidence index of the row, names only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl ScoreEntry {
    pub fn is_empty(&self) -> bool {
        self == &ScoreEntry::default()
    }
}

/// One document of the evidence index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evidence {
    /// The document's title.
    pub title: String,
    /// 文号 or date.
    pub reference: String,
    /// 提供单位.
    pub provider: String,
    /// The document's files (a scan, photos, the .docx), kept in the browser by content
    /// (`crates/storage`'s file store) and packed by `evidence_package`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<EvidenceFile>,
}

/// A file attached to a 佐证材料 entry: the draft refers to it by content, so the same file
/// attached twice is stored once and the draft stays small.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EvidenceFile {
    /// SHA-256 of the content, 64 lowercase hex digits: the key it is stored under.
    pub sha256: String,
    /// The file's name as the user knows it (with its extension).
    pub name: String,
    pub size: u64,
    /// CRC-32 of the content (what a zip entry declares), so a package is written without
    /// reading the files again.
    pub crc32: u32,
    /// The media type the browser gave it (`application/pdf`), empty when unknown.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub media_type: String,
}

/// Occurrences of one 扣分项, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeductionEntry {
    pub occurrences: String,
    pub explanation: String,
}

/// The answer to one condition: 是 (it happened), 否, or not answered yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConditionAnswer {
    pub occurred: Option<bool>,
    pub explanation: String,
}
