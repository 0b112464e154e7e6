//! The report's own parts, as the framework's skeleton asks for them: a 主送 line for the 报告
//! form, narrative parts (基本情况) written, 整改情况 entries complete. Silent for a skeleton
//! without such parts (the Sichuan one).

use super::{Rule, Severity};
use crate::draft::{Location, MetaField, RectificationField};
use crate::framework::PartKind;

pub const ADDRESSEE_REQUIRED: Rule = Rule {
    code: "addressee-required",
    severity: Severity::Error,
    name: "缺少主送机关",
    description: "指标体系要求报告采用“报告”文种，标题下须写主送机关（如“××市人民政府教育督导委员会”）。",
    check: |context, rule, findings| {
        if context.framework.report.addressee_required && context.draft.meta.addressee.trim().is_empty() {
            let location = Location::Meta(MetaField::Addressee);
            findings.push(rule.finding(location, None, "本报告须写主送机关。".to_owned()));
        }
    },
};

pub const SECTION_EMPTY: Rule = Rule {
    code: "section-empty",
    severity: Severity::Error,
    name: "报告部分未写",
    description: "指标体系规定的报告部分（如“基本情况”）必须写出内容。",
    check: |context, rule, findings| {
        for part in context.framework.report.parts.iter().filter(|part| part.kind == PartKind::Narrative) {
            let text = context.draft.sections.get(&part.code).map(String::as_str).unwrap_or_default();
            if text.trim().is_empty() {
                findings.push(rule.finding(Location::Section(part.code.clone()), None, "尚未填写。".to_owned()));
            }
        }
    },
};

pub const RECTIFICATION_INCOMPLETE: Rule = Rule {
    code: "rectification-incomplete",
    severity: Severity::Warning,
    name: "整改情况不完整",
    description: "上一轮评价反馈的每个问题都应写明整改措施、整改进展，并说明是否已完成整改。",
    check: |context, rule, findings| {
        if !context.framework.report.parts.iter().any(|part| part.kind == PartKind::Rectification) {
            return;
        }
        let entries = context.draft.rectifications.iter().filter(|entry| !entry.is_empty());
        let mut any = false;
        for entry in entries {
            any = true;
            for field in RectificationField::ALL {
                if entry.text(field).trim().is_empty() {
                    let location = Location::Rectification(entry.id.clone(), field);
                    findings.push(rule.finding(location, None, format!("请写明{}。", field.label_zh())));
                }
            }
            if entry.done.is_none() {
                let location = Location::Rectification(entry.id.clone(), RectificationField::Progress);
                findings.push(rule.finding(location, None, "请说明是否已完成整改。".to_owned()));
            }
        }
        if !any {
            let message = "尚未列出上一轮评价反馈的问题；如无反馈问题，请在该部分写明。".to_owned();
            findings.push(rule.finding(Location::Rectifications, None, message));
        }
    },
};
