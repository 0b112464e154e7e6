//! 分发给部门 as the draft keeps it: a department's part knows whose draft it belongs to and what
//! it held when sent (the base its return is merged against); the main draft lists the parts it
//! sent and which came back. The splitting and merging themselves are in `crate::departments`.

use super::Draft;
use serde::{Deserialize, Serialize};

/// On a department's part: where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PartOf {
    /// The 责任单位 the part is for, as the framework names it.
    pub department: String,
    /// The main draft's id: a returned part merges only into that draft.
    pub draft_id: String,
    /// The main draft's name when the part was made, to tell the department whose it is.
    pub draft_name: String,
    /// ISO 8601.
    pub sent_at: String,
    /// The part as sent: what the department found filled in, so that on its return only what it
    /// changed is taken (and the main draft's later edits are kept).
    pub sent: Box<Draft>,
}

/// On the main draft: one part sent to a department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SentPart {
    pub department: String,
    /// The part draft's id.
    pub part_id: String,
    /// ISO 8601.
    pub sent_at: String,
    /// When its return was merged in, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_at: Option<String>,
}
