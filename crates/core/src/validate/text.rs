//! Text rules, over every narrative, reason, problem, measure and meta text that goes into the report.

use super::scan::{
    backwards_year_ranges, blanks, character_count, doc_numbers, dots_between_han, half_width_punctuation,
    is_canonical_doc_number, paragraphs, unpaired_marks, BlankKind,
};
use super::{Context, Finding, Fix, Rule, Severity, TextField};
use crate::draft::field::{describe_location, Location, MetaField};
use crate::progress::{item_status, ItemStatus};
use crate::template::{references_in, render_text};
use std::collections::HashMap;
use std::ops::Range;

/// A finding in a text field, with a fix replacing `range` by `replacement`.
fn fixable(rule: &Rule, field: &TextField, range: Range<usize>, replacement: String, message: String) -> Finding {
    let mut finding = rule.finding(field.location.clone(), Some(range.clone()), message);
    finding.fix = Some(Fix {
        location: field.location.clone(),
        expected: field.text[range.clone()].to_owned(),
        range,
        replacement,
    });
    finding
}

pub const TEXT_BLANK: Rule = Rule {
    code: "text-blank",
    severity: Severity::Error,
    name: "范文空白未填",
    description: "范文中的空白 x（数字）、xx（名称）、20xx（年份）仍留在文中。“1+X”和英文单词不算空白。",
    check: |context, rule, findings| {
        for field in &context.fields {
            let references: Vec<Range<usize>> = references_in(field.text).into_iter().map(|r| r.range).collect();
            for (range, kind) in blanks(field.text) {
                if references.iter().any(|reference| reference.start <= range.start && range.end <= reference.end) {
                    continue;
                }
                let what = match kind {
                    BlankKind::Number => "数字",
                    BlankKind::Name => "名称",
                    BlankKind::Year => "年份",
                };
                let blank = &field.text[range.clone()];
                findings.push(rule.finding(
                    field.location.clone(),
                    Some(range),
                    format!("留有范文空白“{blank}”，请填写{what}。"),
                ));
            }
        }
    },
};

pub const TEXT_REFERENCE_UNKNOWN: Rule = Rule {
    code: "text-reference-unknown",
    severity: Severity::Error,
    name: "引用了不存在的数据",
    description: "正文中 {名称} 引用的数据在指标体系中不存在（名称写错或已删除），报告中会留下空白。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for reference in references_in(field.text) {
                if context.figure_by_name(reference.name).is_none()
                    && MetaField::for_reference(reference.name).is_none()
                {
                    findings.push(rule.finding(
                        field.location.clone(),
                        Some(reference.range),
                        format!("引用的数据“{}”不存在，请检查名称。", reference.name),
                    ));
                }
            }
        }
    },
};

pub const TEXT_REFERENCE_EMPTY: Rule = Rule {
    code: "text-reference-empty",
    severity: Severity::Error,
    name: "引用的数据未填",
    description: "正文引用的数据（或地区、年度）还没有填写，报告中此处会是空白。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for reference in references_in(field.text) {
                let Some(value) = context.reference_value(reference.name) else { continue };
                let figure = context.figure_by_name(reference.name);
                // A figure typed wrongly is reported as such (figure-invalid), not as missing.
                let typed = figure.is_some_and(|figure| !context.draft.figure_raw(&figure.id).trim().is_empty());
                if value.trim().is_empty() && !typed {
                    let label = figure.map(|figure| figure.label.as_str()).unwrap_or(reference.name);
                    let mut finding = rule.finding(
                        field.location.clone(),
                        Some(reference.range),
                        format!("引用的“{label}”尚未填写。"),
                    );
                    // Clicking the finding opens the input to fill, not the placeholder.
                    finding.go_to = match figure {
                        Some(figure) => Some(Location::Figure(figure.id.clone())),
                        None => MetaField::for_reference(reference.name).map(Location::Meta),
                    };
                    findings.push(finding);
                }
            }
        }
    },
};

pub const TEXT_DOC_NUMBER: Rule = Rule {
    code: "text-doc-number",
    severity: Severity::Error,
    name: "文号格式",
    description:
        "发文字号写作“机关代字〔年份〕序号号”：年份用六角括号〔〕（不用[]、()、【】），序号不加“第”、不编虚位。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for number in doc_numbers(field.text).into_iter().filter(|number| number.is_wrong()) {
                let mut reasons = Vec::new();
                if number.wrong_brackets {
                    reasons.push("年份应使用六角括号〔〕");
                }
                if number.has_di {
                    reasons.push("序号前不加“第”");
                }
                if number.leading_zero {
                    reasons.push("序号不编虚位");
                }
                let agency = &field.text[number.agency_start..number.range.start];
                let message = format!("文号应写作“{agency}{}”：{}。", number.canonical, reasons.join("，"));
                findings.push(fixable(rule, field, number.range.clone(), number.canonical.clone(), message));
            }
        }
        let notice = context.draft.meta.notice_number.trim();
        if !notice.is_empty() && doc_numbers(notice).is_empty() && !is_canonical_doc_number(notice) {
            findings.push(rule.finding(
                Location::Meta(MetaField::NoticeNumber),
                None,
                "通知文号应形如“川教督委〔2023〕2号”。".to_owned(),
            ));
        }
    },
};

pub const TEXT_YEAR_RANGE: Rule = Rule {
    code: "text-year-range",
    severity: Severity::Error,
    name: "年份区间有误",
    description: "年份区间的起始年应早于截止年（如“2023-2023年”有误）。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for (range, start, end) in backwards_year_ranges(field.text) {
                findings.push(rule.finding(
                    field.location.clone(),
                    Some(range),
                    format!("年份区间“{start}—{end}年”的起始年不早于截止年，请核对。"),
                ));
            }
        }
    },
};

pub const TEXT_UNPAIRED: Rule = Rule {
    code: "text-unpaired",
    severity: Severity::Warning,
    name: "标点不成对",
    description: "引号“”、书名号《》、括号（）应成对出现。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for (range, mark) in unpaired_marks(field.text) {
                findings.push(rule.finding(
                    field.location.clone(),
                    Some(range),
                    format!("“{mark}”没有与之配对的标点。"),
                ));
            }
        }
    },
};

pub const TEXT_HALF_WIDTH: Rule = Rule {
    code: "text-half-width",
    severity: Severity::Warning,
    name: "半角标点",
    description: "中文文本应使用全角标点（，；：？！（））。数字中的小数点和分隔符、“1+X”、英文中的标点保持不变。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for (range, full_width) in half_width_punctuation(field.text) {
                let half_width = &field.text[range.clone()];
                let message = format!("半角“{half_width}”应改为全角“{full_width}”。");
                findings.push(fixable(rule, field, range, full_width.to_string(), message));
            }
        }
    },
};

pub const TEXT_HALF_WIDTH_DOT: Rule = Rule {
    code: "text-half-width-dot",
    severity: Severity::Warning,
    name: "汉字间的半角点",
    description: "两个汉字之间的半角“.”应为间隔号“·”（如“元/生·年”）。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for range in dots_between_han(field.text) {
                findings.push(fixable(rule, field, range, "·".to_owned(), "汉字之间的“.”应为间隔号“·”。".to_owned()));
            }
        }
    },
};

pub const TEXT_FORBIDDEN_CHAR: Rule = Rule {
    code: "text-forbidden-char",
    severity: Severity::Warning,
    name: "不可见的控制字符",
    description: "文字中混有看不见的控制字符（多为从其他文件或网页粘贴带入），Word 等文件不允许含有，导出时会被删除。",
    check: |context, rule, findings| {
        for field in &context.fields {
            for range in crate::file_text::forbidden_ranges(field.text) {
                let code = field.text[range.clone()].chars().next().map(u32::from).unwrap_or_default();
                let message = format!("含有看不见的控制字符（U+{code:04X}），导出文件时会被删除。");
                findings.push(fixable(rule, field, range, String::new(), message));
            }
        }
    },
};

pub const TEXT_STATED_SCORE: Rule = Rule {
    code: "text-stated-score",
    severity: Severity::Warning,
    name: "正文中的自评得分",
    description: "工作情况中写有“自评得x分”（多为从打分表或旧报告带入）。本指标体系的这一项没有分值时，报告正文一般不写得分；有分值时，得分填在自评得分栏。",
    check: |context, rule, findings| {
        for field in &context.fields {
            let Location::ItemNarrative(code) = &field.location else { continue };
            let has_points = context.framework.item(code).is_some_and(|item| item.points.is_some() || item.has_points_below());
            let mut rest = 0;
            while let Some((range, score)) = crate::validate::scan::stated_score(&field.text[rest..]) {
                let range = range.start + rest..range.end + rest;
                let message = if has_points {
                    format!("正文写有自评得分（{score}分）；得分请填在“自评得分”栏，正文中可删去。")
                } else {
                    format!("正文写有自评得分（{score}分），本指标体系的这一项没有分值，报告正文一般不写；可删去。")
                };
                rest = range.end;
                findings.push(fixable(rule, field, range, String::new(), message));
            }
        }
    },
};

/// Paragraphs shorter than this are not reported as repeated (headings, short set phrases).
const MIN_REPEATED_CHARACTERS: usize = 10;

pub const TEXT_DUPLICATE: Rule = Rule {
    code: "text-duplicate",
    severity: Severity::Warning,
    name: "段落重复",
    description: "同一段文字在报告中出现两次，多为复制粘贴遗留。",
    check: |context, rule, findings| {
        let mut first_seen: HashMap<&str, &Location> = HashMap::new();
        for field in &context.fields {
            for (range, paragraph) in paragraphs(field.text) {
                if character_count(paragraph) < MIN_REPEATED_CHARACTERS {
                    continue;
                }
                match first_seen.get(paragraph) {
                    Some(first) => {
                        let message = if **first == field.location {
                            "这段文字与本栏前面的一段完全相同。".to_owned()
                        } else {
                            format!(
                                "这段文字与{}中的一段完全相同。",
                                describe_location(context.framework, context.draft, first)
                            )
                        };
                        findings.push(rule.finding(field.location.clone(), Some(range), message))
                    }
                    None => {
                        first_seen.insert(paragraph, &field.location);
                    }
                }
            }
        }
    },
};

/// Characters the report will have: titles, lead sentences, narratives with values substituted,
/// the 无此项工作任务 sentences, problems and measures.
pub fn report_character_count(context: &Context) -> usize {
    let draft = context.draft;
    let mut count = character_count(&draft.meta.region) + 20;
    for (_, item) in context.framework.items() {
        let entry = draft.item(&item.code);
        match item_status(entry) {
            ItemStatus::Empty => {}
            ItemStatus::NotApplicable => count += character_count(&draft.meta.region) + 8,
            ItemStatus::Filled => {
                let narrative = entry.map(|entry| entry.narrative.as_str()).unwrap_or("");
                let rendered = render_text(narrative, |name| context.reference_value(name), |_| "x".to_owned());
                count += character_count(&rendered) + if item.lead { character_count(&item.title) + 1 } else { 0 };
            }
        }
    }
    for (title, text) in
        draft.problems.iter().map(|p| (&p.title, &p.text)).chain(draft.measures.iter().map(|m| (&m.title, &m.text)))
    {
        let rendered = render_text(text, |name| context.reference_value(name), |_| "x".to_owned());
        count += character_count(title) + character_count(&rendered) + 4;
    }
    count
}

pub const REPORT_TOO_LONG: Rule = Rule {
    code: "report-too-long",
    severity: Severity::Warning,
    name: "篇幅超限",
    description: "自评报告有字数上限（默认5000字，以指标体系为准），超出时应精简。",
    check: |context, rule, findings| {
        let count = report_character_count(context);
        let limit = context.framework.report_char_limit;
        if count > limit {
            findings.push(rule.finding(
                Location::Report,
                None,
                format!("全文约{count}字，超过{limit}字的上限，请精简。"),
            ));
        }
    },
};
