//! Completeness: required meta, every item filled or marked 无此项工作任务 with a reason, required
//! figures, at least one problem and one measure.

use super::{Fix, Rule, Severity};
use crate::draft::{Location, MetaField};
use crate::progress::{item_status, ItemStatus};
use crate::template::references_in;

pub const META_REQUIRED: Rule = Rule {
    code: "meta-required",
    severity: Severity::Error,
    name: "基本信息未填",
    description: "地区、年度、通知名称、文号、报告单位和日期是报告标题、开头和落款的组成部分，必须填写。",
    check: |context, rule, findings| {
        for field in [
            MetaField::Region,
            MetaField::Year,
            MetaField::NoticeTitle,
            MetaField::NoticeNumber,
            MetaField::Unit,
            MetaField::Date,
        ] {
            if field.value(context.draft).trim().is_empty() {
                findings.push(rule.finding(Location::Meta(field), None, format!("请填写“{}”。", field.label_zh())));
            }
        }
    },
};

pub const META_YEAR: Rule = Rule {
    code: "meta-year",
    severity: Severity::Error,
    name: "评价年度有误",
    description: "评价年度应为四位年份，且与指标体系的年度一致。",
    check: |context, rule, findings| {
        let year = context.draft.meta.year.trim();
        if year.is_empty() {
            return;
        }
        let location = Location::Meta(MetaField::Year);
        match crate::draft::four_digit_year(year) {
            Some(value) => {
                if value != context.framework.year {
                    findings.push(rule.finding(
                        location,
                        None,
                        format!("评价年度为{value}年，而指标体系是{}年的，请核对。", context.framework.year),
                    ));
                }
            }
            _ => findings.push(rule.finding(location, None, "评价年度应为四位数字的年份，如2023。".to_owned())),
        }
    },
};

pub const META_DATA_YEAR: Rule = Rule {
    code: "meta-data-year",
    severity: Severity::Error,
    name: "数据年度有误",
    description: "数据年度应为四位年份，且不晚于评价年度；不填则按指标体系（通常为评价年度的上一年）。",
    check: |context, rule, findings| {
        let typed = context.draft.meta.data_year.trim();
        if typed.is_empty() {
            return;
        }
        let location = Location::Meta(MetaField::DataYear);
        match crate::draft::four_digit_year(typed) {
            Some(value) => {
                let evaluation =
                    crate::draft::four_digit_year(&context.draft.meta.year).unwrap_or(context.framework.year);
                if value > evaluation {
                    findings.push(rule.finding(
                        location,
                        None,
                        format!("数据年度为{value}年，晚于评价年度{evaluation}年，请核对。"),
                    ));
                }
            }
            _ => findings.push(rule.finding(
                location,
                None,
                "数据年度应为四位数字的年份，如2022；不填则按指标体系。".to_owned(),
            )),
        }
    },
};

/// `2024-01-05`, `2024年01月05日`, `2024.1.5` → `2024年1月5日`; `None` when not a date or already right.
pub fn normalized_date(text: &str) -> Option<String> {
    let numbers: Vec<&str> = text.split(['-', '.', '/', '年', '月', '日']).filter(|part| !part.is_empty()).collect();
    let [year, month, day] = numbers[..] else { return None };
    if year.len() != 4 || ![year, month, day].iter().all(|part| part.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (month, day): (u32, u32) = (month.parse().ok()?, day.parse().ok()?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let normalized = format!("{year}年{month}月{day}日");
    (normalized != text).then_some(normalized)
}

pub const META_DATE: Rule = Rule {
    code: "meta-date",
    severity: Severity::Warning,
    name: "日期格式",
    description: "成文日期用阿拉伯数字写全年、月、日，月日不编虚位（2024年1月5日）。",
    check: |context, rule, findings| {
        let date = context.draft.meta.date.trim();
        if let Some(normalized) = normalized_date(date) {
            let location = Location::Meta(MetaField::Date);
            let start = context.draft.meta.date.find(date).unwrap_or(0);
            let range = start..start + date.len();
            let mut finding =
                rule.finding(location.clone(), Some(range.clone()), format!("日期应写作“{normalized}”（不编虚位）。"));
            finding.fix = Some(Fix { location, range, expected: date.to_owned(), replacement: normalized });
            findings.push(finding);
        }
    },
};

pub const ITEM_EMPTY: Rule = Rule {
    code: "item-empty",
    severity: Severity::Error,
    name: "指标未填写",
    description: "每项指标都要写明工作情况；没有此项任务的，选择“无此项工作任务”。",
    check: |context, rule, findings| {
        for (_, item) in context.framework.items() {
            if item_status(context.draft.item(&item.code)) == ItemStatus::Empty {
                let hint = if item.allow_not_applicable { "，或选择“无此项工作任务”" } else { "" };
                findings.push(rule.finding(
                    Location::Item(item.code.clone()),
                    None,
                    format!("尚未填写工作情况{hint}。"),
                ));
            }
        }
    },
};

pub const ITEM_NOT_APPLICABLE_REASON: Rule = Rule {
    code: "item-na-reason",
    severity: Severity::Error,
    name: "未说明无任务原因",
    description: "选择“无此项工作任务”时应说明原因（如辖区内无高校），评估组会核实。",
    check: |context, rule, findings| {
        for (_, item) in context.framework.items() {
            let Some(entry) = context.draft.item(&item.code) else { continue };
            if entry.not_applicable && entry.not_applicable_reason.trim().is_empty() {
                findings.push(rule.finding(
                    Location::ItemReason(item.code.clone()),
                    None,
                    "选择了“无此项工作任务”，请说明原因。".to_owned(),
                ));
            }
        }
    },
};

pub const ITEM_NOT_APPLICABLE_NOT_ALLOWED: Rule = Rule {
    code: "item-na-not-allowed",
    severity: Severity::Warning,
    name: "该指标通常不能无任务",
    description: "指标体系未允许此项选择“无此项工作任务”，多为各地都有的基本职责。",
    check: |context, rule, findings| {
        for (_, item) in context.framework.items() {
            let Some(entry) = context.draft.item(&item.code) else { continue };
            if entry.not_applicable && !item.allow_not_applicable {
                findings.push(rule.finding(
                    Location::Item(item.code.clone()),
                    None,
                    "这是各地都承担的职责，指标体系未设“无此项工作任务”，请核实。".to_owned(),
                ));
            }
        }
    },
};

pub const FIGURE_REQUIRED: Rule = Rule {
    code: "figure-required",
    severity: Severity::Error,
    name: "数据未填",
    description: "已填写的指标，其必填数据应当填写（正文中引用的数据缺失另由“引用的数据未填”报告）。",
    check: |context, rule, findings| {
        for (_, item) in context.framework.items() {
            let entry = context.draft.item(&item.code);
            if item_status(entry) != ItemStatus::Filled {
                continue;
            }
            let narrative = entry.map(|entry| entry.narrative.as_str()).unwrap_or("");
            let referenced: Vec<&str> = references_in(narrative).into_iter().map(|reference| reference.name).collect();
            for figure in item.figures.iter().filter(|figure| figure.required) {
                if context.draft.figure_raw(&figure.id).trim().is_empty() && !referenced.contains(&figure.name.as_str())
                {
                    findings.push(rule.finding(
                        Location::Figure(figure.id.clone()),
                        None,
                        format!("“{}”已填写，此项数据也应填写。", item.title),
                    ));
                }
            }
        }
    },
};

pub const LIST_EMPTY: Rule = Rule {
    code: "list-empty",
    severity: Severity::Error,
    name: "问题或措施为空",
    description: "自评报告必须如实列出存在的问题，并逐条提出下一步措施。",
    check: |context, rule, findings| {
        let sections = [
            (Location::Problems, context.draft.problems.len(), &context.framework.problems),
            (Location::Measures, context.draft.measures.len(), &context.framework.measures),
        ];
        for (location, count, section) in sections {
            let needed = section.min_entries.max(1);
            if count < needed {
                findings.push(rule.finding(location, None, format!("至少要有{needed}条。")));
            }
        }
    },
};
