//! Loading framework files: the built-in one passes, malformed ones are refused with a clear message.

mod common;

use lvzhi_core::framework::{Framework, FrameworkError, ProblemAt, BUILTIN_FRAMEWORK_JSON};
use serde_json::{json, Value};

fn builtin_value() -> Value {
    serde_json::from_str(BUILTIN_FRAMEWORK_JSON).unwrap()
}

fn load(value: &Value) -> Result<Framework, FrameworkError> {
    Framework::from_json(&value.to_string())
}

#[test]
fn the_builtin_framework_loads_with_nine_areas_and_thresholds_with_their_basis() {
    let framework = Framework::from_json(BUILTIN_FRAMEWORK_JSON).expect("built-in framework is valid");
    assert_eq!(framework.areas.len(), 9);
    assert_eq!(framework.year, 2023);
    assert_eq!(framework.notice.number, "川教督委〔2023〕2号");
    let inclusive = framework.figure("inclusive_kindergarten_rate").unwrap();
    assert_eq!(inclusive.thresholds[0].at_least, Some(80.0));
    assert!(inclusive.thresholds[0].basis.contains("普及普惠督导评估办法"));
    assert!(framework
        .all_figures()
        .all(|figure| figure.thresholds.iter().all(|threshold| !threshold.basis.is_empty())));
}

#[test]
fn broken_json_is_refused_with_line_and_column() {
    let error = Framework::from_json("{\n  \"format\": \"lvzhi-framework\",\n  oops\n}").unwrap_err();
    match &error {
        FrameworkError::Syntax { line, column, .. } => assert_eq!((*line, *column), (3, 3)),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(error.to_string().starts_with("指标体系文件无法解析（第3行第3列）"));
}

#[test]
fn a_file_of_another_kind_is_refused() {
    let error = Framework::from_json(r#"{"format":"lvzhi-draft","schema_version":1}"#).unwrap_err();
    assert_eq!(error, FrameworkError::WrongFormat { found: "lvzhi-draft".into() });
    assert!(error.to_string().contains("这不是指标体系文件"));
}

#[test]
fn a_newer_schema_is_refused() {
    let mut value = builtin_value();
    value["schema_version"] = json!(99);
    assert_eq!(load(&value).unwrap_err(), FrameworkError::NewerSchema { found: 99 });
}

#[test]
fn a_missing_field_is_a_syntax_error_naming_it() {
    let mut value = builtin_value();
    value.as_object_mut().unwrap().remove("areas");
    let error = load(&value).unwrap_err();
    assert!(error.to_string().contains("areas"), "{error}");
}

#[test]
fn every_structural_problem_is_listed_not_just_the_first() {
    let mut value = builtin_value();
    value["areas"][1]["items"][0]["code"] = json!("A1.1");
    value["areas"][1]["items"][0]["starter"] = json!("经费{无此数据}亿元");
    value["areas"][2]["items"][1]["figures"][0]["min"] = json!(10);
    value["areas"][2]["items"][1]["figures"][0]["max"] = json!(1);
    let FrameworkError::Invalid { problems } = load(&value).unwrap_err() else { panic!("expected Invalid") };
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].message.contains("A1.1") && problems[0].message.contains("重复"));
    assert_eq!(problems[0].at, ProblemAt::Node("A1.1".into()), "a problem says where it is");
    assert!(problems.iter().any(|problem| problem.message.contains("无此数据")));
    assert!(problems.iter().any(|problem| problem.message.contains("下限大于上限")));
}

#[test]
fn an_unknown_field_is_refused_rather_than_silently_ignored() {
    let mut value = builtin_value();
    value["areas"][0]["items"][0]["max_scroe"] = json!(5);
    assert!(load(&value).unwrap_err().to_string().contains("max_scroe"));
}

#[test]
fn a_threshold_naming_a_missing_figure_is_refused() {
    let mut value = builtin_value();
    value["areas"][4]["items"][0]["figures"][0]["thresholds"][0]["at_least_figure"] = json!("nobody");
    let error = load(&value).unwrap_err().to_string();
    assert!(error.contains("nobody"), "{error}");
}

/// Framework files for another year, province or level are written by hand: the published schema
/// lets an editor check them as they are typed.
#[cfg(feature = "schema")]
mod schema {
    use super::*;

    fn published_schema() -> Value {
        let generated = serde_json::to_value(schemars::schema_for!(Framework)).unwrap();
        common::published_schema(
            "framework.schema.json",
            "履职自评指标体系文件 (lvzhi-framework)",
            "lvzhi-framework",
            generated,
        )
    }

    #[test]
    fn the_published_schema_is_current() {
        published_schema();
    }

    #[test]
    fn the_builtin_framework_validates_and_a_wrong_kind_of_figure_does_not() {
        let validator = jsonschema::validator_for(&published_schema()).expect("a valid schema");
        let errors: Vec<String> = validator.iter_errors(&builtin_value()).map(|error| error.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let mut broken = builtin_value();
        broken["areas"][0]["items"][0]["figures"][0]["kind"] = json!("money");
        assert!(!validator.is_valid(&broken), "an unknown figure kind must not validate");
        let mut broken = builtin_value();
        broken["areas"][0]["colour"] = json!("red");
        assert!(!validator.is_valid(&broken), "an unknown field must not validate, as the app refuses it");
    }
}

#[test]
fn a_framework_larger_than_any_real_one_is_refused_naming_the_limit() {
    // The probe's hostile file had 50 000 items; one over the limit is refused the same way.
    let mut value = builtin_value();
    let template = value["areas"][0]["items"][0].clone();
    let items: Vec<Value> = (0..=lvzhi_core::limits::FRAMEWORK_ITEMS)
        .map(|index| {
            let mut item = template.clone();
            item["code"] = json!(format!("X{index}"));
            item["figures"] = json!([]);
            item["starter"] = Value::Null;
            item
        })
        .collect();
    value["areas"] = json!([{ "code": "X", "title": "一个领域", "items": items }]);
    let Err(FrameworkError::Invalid { problems }) = load(&value) else { panic!("refused") };
    // Its size alone: checking each of its rows would list the same problems a thousand times.
    assert_eq!(problems.len(), 1, "{:?}", problems.first());
    assert!(problems[0].message.starts_with("二级指标有1001个，超过了上限1000个"), "{}", problems[0].message);
}

#[test]
fn the_builtin_frameworks_are_well_under_the_framework_file_limit() {
    use lvzhi_core::framework::SCORED_EXAMPLE_JSON;
    for json in [BUILTIN_FRAMEWORK_JSON, SCORED_EXAMPLE_JSON] {
        assert!(json.len() * 10 < lvzhi_core::limits::FRAMEWORK_FILE.bytes, "{}", json.len());
    }
}

#[test]
fn a_framework_is_labelled_by_its_title_and_by_its_version_once_it_has_an_earlier_one() {
    let mut framework = lvzhi_core::Framework::builtin();
    assert_eq!(framework.label(), framework.title);
    assert_eq!(framework.versioned_label(), format!("{}（版本{}）", framework.title, framework.version));
    framework.previous = "sichuan-2023-city".into();
    framework.version = "2023.1-2".into();
    assert_eq!(framework.label(), format!("{}（版本2023.1-2）", framework.title));
}
