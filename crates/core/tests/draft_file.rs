//! Draft files: export → import is lossless; every way a file can be wrong gets its own message;
//! an older draft is migrated; exported files validate against the published JSON Schema.

mod common;

use lvzhi_core::draft::DRAFT_SCHEMA_VERSION;
use lvzhi_core::draft_file::{export_draft_json, read_draft_file, ImportError, MAX_DRAFT_FILE_BYTES};
use lvzhi_core::file_names::draft_file_name;
use lvzhi_core::Framework;
use serde_json::json;

#[test]
fn export_then_import_gives_back_the_identical_draft() {
    let framework = Framework::builtin();
    let mut draft = common::seed_like_draft(&framework);
    draft.items.get_mut("A1.1").unwrap().narrative.push_str("\n第二段：“引号”😀\t制表符");
    let file = export_draft_json(&draft);
    let header = format!("{{\n  \"format\": \"lvzhi-draft\",\n  \"schema_version\": {DRAFT_SCHEMA_VERSION},");
    assert!(file.starts_with(&header), "pretty, header first");
    let preview = read_draft_file(file.as_bytes(), &framework).unwrap();
    assert_eq!(preview.draft, draft);
    assert_eq!(preview.migrated_from, None);
    assert_eq!((preview.region.as_str(), preview.year.as_str()), ("资阳市", "2023"));
    assert_eq!((preview.done_items, preview.total_items), (42, 42));
    assert_eq!((preview.problems, preview.measures), (3, 5));
    assert_eq!(draft_file_name(&draft, "20240105-1630"), "资阳市2023年自评报告草稿-20240105-1630.json");
}

fn error_of(bytes: &[u8]) -> ImportError {
    read_draft_file(bytes, &Framework::builtin()).unwrap_err()
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(error_of(b""), ImportError::Empty);
    assert_eq!(error_of(b" \n\t"), ImportError::Empty);
}

#[test]
fn a_file_over_the_limit_is_refused_before_reading() {
    let big = vec![b' '; MAX_DRAFT_FILE_BYTES + 1];
    let error = error_of(&big);
    assert!(matches!(error, ImportError::TooLarge { .. }));
    assert!(error.to_string().contains("文件太大"));
}

#[test]
fn binary_files_are_refused_as_not_text() {
    assert_eq!(error_of(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe"), ImportError::NotText);
    assert_eq!(error_of(b"{\"format\":\0}"), ImportError::NotText);
}

#[test]
fn a_truncated_file_gives_line_and_column() {
    let framework = Framework::builtin();
    let file = export_draft_json(&common::seed_like_draft(&framework));
    // Cut in the middle of a character, as a broken download would.
    let cut = file
        .char_indices()
        .map(|(at, _)| at)
        .find(|&at| at > file.len() / 2 && !file.is_char_boundary(at + 1))
        .unwrap();
    let error = error_of(&file.as_bytes()[..cut + 1]);
    let ImportError::Syntax { line, .. } = &error else { panic!("{error:?}") };
    assert!(*line > 10);
    assert!(error.to_string().starts_with(&format!("文件内容不完整或已损坏，第{line}行第")));
}

#[test]
fn other_json_is_refused_as_the_wrong_format() {
    let framework_file = lvzhi_core::framework::BUILTIN_FRAMEWORK_JSON.as_bytes();
    assert_eq!(error_of(framework_file), ImportError::WrongFormat { found: "lvzhi-framework".into() });
    assert!(error_of(b"{\"name\": 1}").to_string().contains("缺少 format 字段"));
    assert!(matches!(error_of(b"[1, 2]"), ImportError::Syntax { .. }));
}

#[test]
fn a_newer_schema_is_refused_with_advice_to_update() {
    let framework = Framework::builtin();
    let mut value: serde_json::Value =
        serde_json::from_str(&export_draft_json(&common::seed_like_draft(&framework))).unwrap();
    value["schema_version"] = json!(DRAFT_SCHEMA_VERSION + 1);
    let error = error_of(value.to_string().as_bytes());
    assert_eq!(error, ImportError::NewerSchema { found: DRAFT_SCHEMA_VERSION + 1 });
    assert!(error.to_string().contains("请更新本程序"));
}

#[test]
fn an_unknown_framework_is_explained() {
    let framework = Framework::builtin();
    let mut value: serde_json::Value =
        serde_json::from_str(&export_draft_json(&common::seed_like_draft(&framework))).unwrap();
    value["framework"] = json!({"id": "guizhou-2024-county", "version": "1"});
    let error = error_of(value.to_string().as_bytes());
    assert!(matches!(&error, ImportError::UnknownFramework { id, .. } if id == "guizhou-2024-county"));
    // The user is told the version and what to do, never the internal id (issue 22).
    assert!(!error.to_string().contains("guizhou-2024-county") && error.to_string().contains("（版本1）"));
}

#[test]
fn a_version_one_draft_is_migrated_to_named_references() {
    let framework = Framework::builtin();
    let version_one = json!({
        "format": "lvzhi-draft", "schema_version": 1, "id": "old",
        "framework": {"id": framework.id, "version": framework.version},
        "meta": {"region": "资阳市", "year": "2023"},
        "items": {"A2.1": {"narrative": "{education_budget_year}年经费{education_budget_total}亿元，{region}{unknown_id}{教育经费}"}},
        "figures": {"education_budget_total": "3.73"},
        "measures": [{"id": "m1", "title": "加大投入", "text": "落实《{province}方案》", "answers": []}],
        "created_at": "a", "updated_at": "b"
    });
    let preview = read_draft_file(version_one.to_string().as_bytes(), &framework).unwrap();
    assert_eq!(preview.migrated_from, Some(1));
    assert_eq!(preview.draft.schema_version, DRAFT_SCHEMA_VERSION);
    assert_eq!(preview.draft.items["A2.1"].narrative, "{经费年度}年经费{教育经费}亿元，{地区}{unknown_id}{教育经费}");
    assert_eq!(preview.draft.measures[0].text, "落实《{省份}方案》");
    assert_eq!(preview.draft.figures["education_budget_total"], "3.73");
}

#[cfg(feature = "schema")]
mod schema {
    use super::*;

    fn published_schema() -> serde_json::Value {
        let generated = serde_json::to_value(schemars::schema_for!(lvzhi_core::Draft)).unwrap();
        common::published_schema("draft.schema.json", "履职自评草稿文件 (lvzhi-draft)", "lvzhi-draft", generated)
    }

    /// The published schema is the generated one.
    #[test]
    fn the_published_schema_is_current() {
        published_schema();
    }

    #[test]
    fn exported_files_validate_against_the_published_schema() {
        let validator = jsonschema::validator_for(&published_schema()).expect("a valid schema");
        let framework = Framework::builtin();
        for draft in
            [common::seed_like_draft(&framework), lvzhi_core::Draft::new(&framework, "empty".into(), "t".into())]
        {
            let exported: serde_json::Value = serde_json::from_str(&export_draft_json(&draft)).unwrap();
            let errors: Vec<String> = validator.iter_errors(&exported).map(|error| error.to_string()).collect();
            assert!(errors.is_empty(), "{errors:?}");
        }
        let mut broken: serde_json::Value =
            serde_json::from_str(&export_draft_json(&common::seed_like_draft(&framework))).unwrap();
        broken["items"]["A1.1"]["rating"] = json!("excellent");
        assert!(!validator.is_valid(&broken), "an unknown rating must not validate");
        broken["items"]["A1.1"]["rating"] = json!(null);
        broken["format"] = json!("lvzhi-framework");
        assert!(!validator.is_valid(&broken), "another kind of file must not validate");
    }
}

#[test]
fn a_draft_file_carries_its_framework_and_opens_against_the_same_content_under_another_id() {
    use lvzhi_core::draft_file::{carried_framework, export_draft_file};
    let mut framework = Framework::scored_example();
    framework.id = "county-2025".into();
    framework.title = "某市2025年县级评价指标".into();
    let framework = Framework::from_json(&serde_json::to_string(&framework).unwrap()).unwrap();
    let mut draft = lvzhi_core::Draft::new(&framework, "d1".into(), "2025-03-01T00:00:00Z".into());
    draft.meta.region = "安平县".into();
    let file = export_draft_file(&draft, &framework);
    assert_eq!(carried_framework(file.as_bytes()).unwrap(), Some(framework.clone()));
    // Read back against its own framework: the same draft.
    assert_eq!(read_draft_file(file.as_bytes(), &framework).unwrap().draft, draft);
    // A colleague keeps the same content under another id: the draft opens against it, re-pointed.
    let theirs = Framework { id: "county-2025-v3".into(), version: "3".into(), ..framework.clone() };
    let preview = read_draft_file(file.as_bytes(), &theirs).unwrap();
    assert_eq!(preview.draft.framework.id, "county-2025-v3");
    assert_eq!(preview.draft.meta.region, "安平县");
    // Other content is never taken for it.
    let mut other = theirs.clone();
    other.areas[0].title.push('甲');
    assert!(matches!(read_draft_file(file.as_bytes(), &other), Err(ImportError::UnknownFramework { .. })));
    // A file from before (no framework with it) of a framework not here: the message names the
    // version and what to do, never the internal id.
    let old = export_draft_json(&draft);
    assert_eq!(carried_framework(old.as_bytes()).unwrap(), None);
    let message = read_draft_file(old.as_bytes(), &Framework::builtin()).unwrap_err().to_string();
    assert!(
        message.contains("版本1") && message.contains("从指标体系文件新建") && !message.contains("county-2025"),
        "{message}"
    );
    // A carried framework that would be refused as a file is refused with its reason.
    let mut broken: serde_json::Value = serde_json::from_str(&file).unwrap();
    broken["framework_file"]["areas"][0]["items"][0]["code"] = json!("A2.1");
    let error = carried_framework(broken.to_string().as_bytes()).unwrap_err();
    assert!(matches!(error, ImportError::CarriedFramework { .. }) && error.to_string().contains("重复"), "{error}");
}
