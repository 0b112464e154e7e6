//! Rows that state rules, not indicators: 加分项 / 附加分 / 创新加分 (one row, or a block of rows
//! under one heading cell), 扣分项 / 倒扣, 一票否决, 降一个等次, 不得评为优秀 — at the end of the
//! table, between the areas, or as a separate small table after the main one; with or without a
//! points cell; with the cap in the heading ("（最高3分）") or in the 评分细则 ("累计不超过3分").
//!
//! Invariant: a row taken here is a rule row — it never becomes an indicator, and it never makes
//! the table refused; what it says is read into [`Candidate`]s, or listed with its reason.

use super::grid::Cell;
use super::title::split_numbered_title;
use crate::framework::ConditionEffect;
use crate::points::Points;
use crate::rule_reading::conditions::{fact_of, question_of};
use crate::rule_reading::words::{added_amounts, ascii_digits, cap_in, deducted_amounts, points_of, sentences};
use crate::rule_reading::{conditions_in, effect_named};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RuleKind {
    Bonus,
    Deduction,
    Condition(ConditionEffect),
}

/// The kind of rule a title cell names ("附加分（最高3分）", "一票否决", "扣分项目").
pub(super) fn kind_of_title(text: &str) -> Option<RuleKind> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return None;
    }
    if let Some(effect) = effect_named(&text) {
        return Some(RuleKind::Condition(effect));
    }
    let has = |words: &[&str]| words.iter().any(|word| text.contains(word));
    if has(&["加分", "附加分", "奖励分"]) {
        return Some(RuleKind::Bonus);
    }
    if has(&["扣分项", "倒扣", "减分项", "扣分事项", "扣分指标"]) {
        return Some(RuleKind::Deduction);
    }
    None
}

/// The kind a text leads with ("加分项：…", "一票否决：…"), and the text after its lead words.
pub(super) fn kind_of_lead(text: &str) -> Option<(RuleKind, String)> {
    let text = crate::rule_reading::words::without_numbering(text);
    let leads: [(&str, RuleKind); 10] = [
        ("加分项", RuleKind::Bonus),
        ("附加分", RuleKind::Bonus),
        ("创新加分", RuleKind::Bonus),
        ("加分", RuleKind::Bonus),
        ("扣分项", RuleKind::Deduction),
        ("倒扣分", RuleKind::Deduction),
        ("倒扣", RuleKind::Deduction),
        ("一票否决", RuleKind::Condition(ConditionEffect::Veto)),
        ("降一个等次", RuleKind::Condition(ConditionEffect::DropGrade)),
        ("不得评为优秀", RuleKind::Condition(ConditionEffect::NotExcellent)),
    ];
    let (lead, kind) = leads.into_iter().find(|(lead, _)| text.starts_with(lead))?;
    let rest = text[lead.len()..].trim_start_matches(['项', '目', '事', '：', ':', ' ', '，', ',']);
    Some((kind, rest.to_owned()))
}

/// One entry of a rule block: a bonus item, a 扣分项, or the facts of a condition.
#[derive(Clone, Debug, Default)]
pub(super) struct Entry {
    pub row: usize,
    pub title: String,
    pub criteria: String,
    pub rule: String,
    pub points: Option<Points>,
    /// Every text of the row, as the preview quotes it.
    pub quoted: String,
}

/// Rows under one heading: its kind, where it is, and its entries.
#[derive(Clone, Debug)]
pub(super) struct Block {
    pub kind: RuleKind,
    pub row: usize,
    pub heading: String,
    /// The cap the heading (or its row) states.
    pub cap: Option<Points>,
    pub entries: Vec<Entry>,
    /// The level of the heading cell: rows whose level cells down to it are empty or merged
    /// belong to the block. `None` for an appendix table (every row until another heading).
    depth: Option<usize>,
}

/// A row of the main table as the rule reader sees it.
pub(super) struct RowCells<'a> {
    pub number: usize,
    /// The level cells, 一级 first.
    pub levels: Vec<&'a Cell>,
    pub criteria: &'a str,
    pub rule: &'a str,
    pub points: Option<Points>,
    /// Every cell's text, for the preview.
    pub quoted: String,
}

#[derive(Default)]
pub(super) struct RuleRows {
    pub blocks: Vec<Block>,
    open: Option<usize>,
}

fn entry_points(text: &str) -> Option<Points> {
    split_numbered_title(text).2
}

impl RuleRows {
    /// Whether `row` is a rule row (then it is taken here).
    pub(super) fn read(&mut self, row: &RowCells) -> bool {
        // The first level cell written on this row (merged cells above are not).
        let first = row.levels.iter().enumerate().find(|(_, cell)| !cell.continued && !cell.text.trim().is_empty());
        if let Some((depth, cell)) = first {
            if let Some(kind) = kind_of_title(&cell.text) {
                self.start(kind, row.number, &cell.text, Some(depth));
                // A heading merged across the row's cells is no entry of its own.
                let heading = cell.text.trim();
                let deeper = row.levels[depth + 1..]
                    .iter()
                    .rev()
                    .find(|cell| !cell.text.trim().is_empty() && cell.text.trim() != heading);
                let title = deeper.map(|cell| cell.text.trim()).unwrap_or("");
                self.entry(row, title);
                return true;
            }
        }
        if let Some(open) = self.open {
            let depth = self.blocks[open].depth.unwrap_or(0);
            let heading = self.blocks[open].heading.clone();
            let within = row.levels.iter().take(depth + 1).all(|cell| {
                let text = cell.text.trim();
                text.is_empty() || cell.continued || text == heading.trim()
            });
            if within {
                let title = row
                    .levels
                    .get(depth + 1..)
                    .unwrap_or_default()
                    .iter()
                    .rev()
                    .find(|cell| !cell.text.trim().is_empty() && !cell.continued)
                    .map(|cell| cell.text.trim())
                    .unwrap_or("");
                self.entry(row, title);
                return true;
            }
            self.open = None;
        }
        // A rule written in a text column of a row without an indicator name.
        let no_level = row.levels.iter().all(|cell| cell.text.trim().is_empty() || cell.continued);
        if no_level {
            for text in [row.criteria, row.rule] {
                if let Some((kind, rest)) = kind_of_lead(text) {
                    self.start(kind, row.number, text, None);
                    let block = self.blocks.last_mut().expect("started");
                    block.depth = Some(row.levels.len());
                    let (title, rule) =
                        if text == row.rule { (rest, String::new()) } else { (rest, row.rule.to_owned()) };
                    block.entries.push(Entry {
                        row: row.number,
                        title,
                        criteria: String::new(),
                        rule,
                        points: row.points,
                        quoted: row.quoted.clone(),
                    });
                    return true;
                }
            }
        }
        false
    }

    fn start(&mut self, kind: RuleKind, number: usize, heading: &str, depth: Option<usize>) {
        let cap = entry_points(heading).or_else(|| cap_in(heading).and_then(points_of));
        self.blocks.push(Block {
            kind,
            row: number,
            heading: heading.trim().to_owned(),
            cap,
            entries: Vec::new(),
            depth,
        });
        self.open = Some(self.blocks.len() - 1);
    }

    /// The row's entry in the open block: its title from a level cell below the heading, else its
    /// text columns; a row with text but no title of its own adds to the entry above.
    fn entry(&mut self, row: &RowCells, title: &str) {
        let Some(open) = self.open else { return };
        let block = &mut self.blocks[open];
        // Texts that only repeat the heading or the title (cells merged across) say nothing more.
        let heading = block.heading.clone();
        let new = |text: &str| text != heading && text != title;
        let criteria = if new(row.criteria) { row.criteria } else { "" };
        let rule = if new(row.rule) && row.rule != criteria { row.rule } else { "" };
        let row = &RowCells { criteria, rule, quoted: row.quoted.clone(), levels: Vec::new(), ..*row };
        let has_text = !row.criteria.is_empty() || !row.rule.is_empty();
        if title.is_empty() && !has_text {
            // The heading alone: its points cell is the cap.
            if block.cap.is_none() {
                block.cap = row.points;
            }
            return;
        }
        if title.is_empty() && row.criteria.is_empty() {
            if let Some(last) = block.entries.last_mut().filter(|last| last.rule.is_empty() && last.row != row.number) {
                last.rule = row.rule.to_owned();
                last.quoted.push_str(&format!("；{}", row.quoted));
                return;
            }
        }
        let (title, criteria) = if title.is_empty() {
            (row.criteria.to_owned(), String::new())
        } else {
            (title.to_owned(), row.criteria.to_owned())
        };
        let title = if title.is_empty() { row.rule.to_owned() } else { title };
        // A single row that is heading and rule at once ("附加分（最高3分）| … | 每获1项加0.5分"):
        // its points cell is the entry's, the cap stays the heading's.
        let points = row.points.or_else(|| entry_points(&title));
        block.entries.push(Entry {
            row: row.number,
            title,
            criteria,
            rule: row.rule.to_owned(),
            points,
            quoted: row.quoted.clone(),
        });
    }

    /// A row of a separate table after the main one: read by its content, whatever its columns.
    /// `Err` with the reason when it is not a rule (it is then listed as left out).
    pub(super) fn read_appendix(&mut self, number: usize, row: &[Cell]) -> Result<(), &'static str> {
        let mut texts: Vec<&str> = Vec::new();
        for cell in row {
            let text = cell.text.trim();
            if !text.is_empty() && texts.last() != Some(&text) {
                texts.push(text);
            }
        }
        let quoted = texts.join(" | ");
        if texts.is_empty() {
            return Err("空行");
        }
        let kind_at = texts.iter().position(|text| kind_of_title(text).is_some());
        if let Some(at) = kind_at {
            let kind = kind_of_title(texts[at]).expect("found");
            self.start(kind, number, texts[at], None);
            let rest: Vec<&str> =
                texts.iter().enumerate().filter(|(index, _)| *index != at).map(|(_, text)| *text).collect();
            if !rest.is_empty() && !is_header(&rest) {
                self.appendix_entry(number, &rest, quoted);
            }
            return Ok(());
        }
        if is_header(&texts) {
            return Err("另一张表的表头");
        }
        if self.open.is_some_and(|open| self.blocks[open].depth.is_none()) {
            self.appendix_entry(number, &texts, quoted);
            return Ok(());
        }
        Err("表格之后另一张表中的内容（既不是指标，也不是评分规则）")
    }

    fn appendix_entry(&mut self, number: usize, texts: &[&str], quoted: String) {
        let Some(open) = self.open else { return };
        let is_amount = |text: &str| Points::parse(text.trim_end_matches('分')).ok().flatten().is_some();
        let points = texts
            .iter()
            .find(|text| is_amount(text))
            .and_then(|text| Points::parse(text.trim_end_matches('分')).ok().flatten());
        let words: Vec<&str> = texts.iter().filter(|text| !is_amount(text)).copied().collect();
        let rule_at =
            words.iter().position(|text| !deducted_amounts(text).is_empty() || !added_amounts(text).is_empty());
        let title_at = (0..words.len()).find(|index| Some(*index) != rule_at || words.len() == 1);
        let title = title_at.map(|at| words[at].to_owned()).unwrap_or_default();
        let rule = rule_at.filter(|at| Some(*at) != title_at).map(|at| words[at].to_owned()).unwrap_or_default();
        self.blocks[open].entries.push(Entry { row: number, title, criteria: String::new(), rule, points, quoted });
    }
}

/// Whether a row of an appendix table is its header ("项目 | 加分标准 | 分值").
fn is_header(texts: &[&str]) -> bool {
    let words = ["序号", "项目", "内容", "分值", "标准", "类别", "事项", "说明", "备注", "名称", "分数"];
    let known =
        texts.iter().filter(|text| text.chars().count() <= 6 && words.iter().any(|word| text.contains(word))).count();
    known >= 2 && known * 2 >= texts.len()
}

/// A rule read from a block's entry, before it is given a code.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ReadRule {
    /// `cap`: a cap of the whole bonus the entry states ("加2分，加分上限3分").
    BonusItem {
        title: String,
        points: Option<Points>,
        cap: Option<Points>,
        criteria: String,
        rule: String,
    },
    Deduction {
        title: String,
        per: Points,
        cap: Option<Points>,
    },
    Condition {
        question: String,
        effect: ConditionEffect,
    },
}

/// What a block's entries say, each with its key, row and quoted text; or the reason an entry
/// says nothing that can be kept.
pub(super) struct ReadEntry {
    pub key: String,
    pub row: usize,
    pub quoted: String,
    pub read: Result<ReadRule, &'static str>,
}

/// The title without numbering and stated points, and without the rule's own clause after it.
fn clean_title(text: &str) -> String {
    let (_, title, _) = split_numbered_title(text);
    let title = title.split(['，', ',']).next().unwrap_or(&title).trim();
    title.trim_end_matches('的').to_owned()
}

pub(super) fn read_block(block: &Block) -> Vec<ReadEntry> {
    let mut read = Vec::new();
    // A heading row that is all the block has: the heading itself is the entry ("附加分（最高3分）"
    // with its rule beside it, or "一票否决：…").
    let entries: Vec<Entry> = if block.entries.is_empty() {
        vec![Entry { row: block.row, title: String::new(), quoted: block.heading.clone(), ..Entry::default() }]
    } else {
        block.entries.clone()
    };
    for entry in entries {
        let key = format!("row{}", entry.row);
        let all = format!("{}。{}。{}", entry.title, entry.criteria, entry.rule);
        match block.kind {
            RuleKind::Bonus => {
                let title =
                    if entry.title.is_empty() { clean_title(&block.heading) } else { clean_title(&entry.title) };
                // "每获1项加0.5分，累计不超过3分": the item earns up to the cap; "加2分，加分上限3分":
                // the item earns 2, and 3 caps the whole bonus.
                let per_unit = entry.rule.contains('每') || entry.criteria.contains('每');
                let stated_cap = cap_in(&entry.rule).and_then(points_of);
                let added = added_amounts(&all).into_iter().filter_map(points_of).max();
                let points = entry
                    .points
                    .or_else(|| entry_points(&entry.title))
                    .or(if per_unit { stated_cap.or(added) } else { added.or(stated_cap) })
                    .or_else(|| cap_in(&entry.title).and_then(points_of));
                let cap = stated_cap.filter(|_| {
                    !per_unit && ["上限", "累计", "合计", "总计"].iter().any(|word| entry.rule.contains(word))
                });
                let read_rule = match points.or(block.cap).or(cap) {
                    Some(_) => Ok(ReadRule::BonusItem {
                        title,
                        points,
                        cap,
                        criteria: entry.criteria.clone(),
                        rule: entry.rule.clone(),
                    }),
                    None => Err("加分项没有写明分值或加分上限，未能读取；请在“评分规则”中添加"),
                };
                read.push(ReadEntry { key, row: entry.row, quoted: entry.quoted.clone(), read: read_rule });
            }
            RuleKind::Deduction => {
                let text = if entry.rule.is_empty() { entry.title.clone() } else { entry.rule.clone() };
                let per = deducted_amounts(&text)
                    .first()
                    .copied()
                    .or_else(|| deducted_amounts(&all).first().copied())
                    .and_then(points_of)
                    .or(entry.points)
                    .filter(|per| *per > Points::ZERO);
                let cap = ascii_digits(&all);
                let cap = crate::rule_reading::words::first_after(
                    &cap,
                    &["最多扣", "累计扣分不超过", "扣分不超过", "累计不超过", "最多"],
                    "分",
                )
                .and_then(points_of)
                .or(block.cap);
                let title = if entry.title.is_empty() { clean_title(&entry.rule) } else { clean_title(&entry.title) };
                read.push(ReadEntry {
                    key,
                    row: entry.row,
                    quoted: entry.quoted.clone(),
                    read: match per {
                        Some(per) if !title.is_empty() => Ok(ReadRule::Deduction { title, per, cap }),
                        _ => Err("扣分项没有写明每次扣多少分，未能读取；请在“评分规则”中添加"),
                    },
                });
            }
            RuleKind::Condition(effect) => {
                let mut parts: Vec<&str> = Vec::new();
                for part in [entry.title.as_str(), entry.criteria.as_str(), entry.rule.as_str()] {
                    if !part.trim().is_empty() && !parts.contains(&part) {
                        parts.push(part);
                    }
                }
                let text = parts.join("；");
                let text = if text.is_empty() {
                    kind_of_lead(&block.heading).map(|(_, rest)| rest).unwrap_or_default()
                } else {
                    text
                };
                let stated = conditions_in(&text);
                let questions: Vec<(String, ConditionEffect)> = if stated.is_empty() {
                    sentences(&text)
                        .iter()
                        .map(|sentence| fact_of(sentence))
                        .filter(|fact| fact.chars().count() >= 2 && kind_of_title(fact).is_none())
                        .map(|fact| (question_of(&fact), effect))
                        .collect()
                } else {
                    stated.into_iter().map(|found| (found.question, found.effect)).collect()
                };
                if questions.is_empty() {
                    read.push(ReadEntry {
                        key: key.clone(),
                        row: entry.row,
                        quoted: entry.quoted.clone(),
                        read: Err("没有写明什么情形下适用，未能读取；请在“评分规则”中添加"),
                    });
                }
                let several = questions.len() > 1;
                for (index, (question, effect)) in questions.into_iter().enumerate() {
                    read.push(ReadEntry {
                        key: if several { format!("{key}.{}", index + 1) } else { key.clone() },
                        row: entry.row,
                        quoted: entry.quoted.clone(),
                        read: Ok(ReadRule::Condition { question, effect }),
                    });
                }
            }
        }
    }
    read
}
