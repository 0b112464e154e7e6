//! 履职自评's pure core: the indicator framework, the draft, figures and their references, progress.
//!
//! Nothing here knows of the browser; the app renders this state and sends edits back.

pub mod backup;
pub mod collection;
pub mod content_digest;
pub mod departments;
pub mod docx;
pub mod docx_chart;
pub mod docx_table;
pub mod draft;
pub mod draft_file;
pub mod evidence_package;
pub mod figure;
pub mod figures_sheet;
pub mod file_names;
pub mod file_text;
pub mod framework;
pub mod framework_edit;
pub mod fullwidth;
pub mod han;
pub mod indicator_table;
pub mod json_errors;
pub mod limits;
pub mod merge;
pub mod parse;
pub mod points;
pub mod progress;
pub mod remap;
pub mod report;
pub mod rule_reading;
pub mod score_table;
pub mod scoring;
pub mod small_sort;
pub mod status;
pub mod template;
pub mod threshold;
pub mod validate;
pub mod zip_files;

/// The two fields every file of ours starts with; read before the body so that a file of another
/// kind, or from a newer version, is recognised as such.
#[derive(serde::Deserialize)]
pub(crate) struct FileHeader {
    #[serde(default)]
    format: String,
    #[serde(default)]
    schema_version: u64,
}

pub use draft::{Draft, ItemEntry, Measure, Meta, Problem, Rating};
pub use framework::{Framework, FrameworkError};
pub use progress::{item_status, ItemStatus, Progress};
