//! The pure core alone, without any UI: each exported function calls what the app calls for one
//! capability, so that the wasm holds exactly that part of the core. Measured, never shipped.
use lvzhi_core::{draft_file, validate, Draft, Framework};
use wasm_bindgen::prelude::*;

fn read_draft(json: &str) -> Result<Draft, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

/// The form's model and the validator: the framework, a draft read and written as JSON, every
/// finding, and the fixes applied.
#[wasm_bindgen]
pub fn check_and_fix(draft_json: &str) -> Result<String, String> {
    let framework = Framework::builtin();
    let draft = read_draft(draft_json)?;
    let findings = validate::validate(&framework, &draft);
    let fixes: Vec<&validate::Fix> = findings.iter().filter_map(|finding| finding.fix.as_ref()).collect();
    let fixed = validate::apply_fixes(&draft, &fixes).map_err(|_| "stale fix".to_string())?;
    let messages: String = findings.iter().map(|finding| finding.message.as_str()).collect();
    Ok(format!("{messages}{}", draft_file::export_draft_json(&fixed)))
}

#[cfg(feature = "word-export")]
#[wasm_bindgen]
pub fn word_and_text(draft_json: &str) -> Result<Vec<u8>, String> {
    let framework = Framework::builtin();
    let report = lvzhi_core::report::build_report(&framework, &read_draft(draft_json)?);
    let mut bytes = lvzhi_core::docx::write_docx(&report);
    bytes.extend(report.to_plain_text().bytes());
    Ok(bytes)
}

#[cfg(feature = "merge")]
#[wasm_bindgen]
pub fn merge_two(mine_json: &str, theirs_json: &str) -> Result<String, String> {
    let framework = Framework::builtin();
    let (mine, theirs) = (read_draft(mine_json)?, read_draft(theirs_json)?);
    let merged = lvzhi_core::merge::merge(&framework, None, &mine, &theirs);
    Ok(draft_file::export_draft_json(&merged.resolve(&[])))
}

#[cfg(feature = "import")]
#[wasm_bindgen]
pub fn import_any(bytes: &[u8]) -> String {
    let framework = Framework::builtin();
    let from_word = lvzhi_core::parse::parse_docx(bytes, &framework).is_ok();
    let from_text = lvzhi_core::parse::parse_text(&String::from_utf8_lossy(bytes), &framework).is_ok();
    let from_draft_file = draft_file::read_draft_file(bytes, &framework).is_ok();
    format!("{from_word}{from_text}{from_draft_file}")
}
