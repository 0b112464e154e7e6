//! A draft moved to another version of its framework (or another framework), and 以去年的草稿开始
//! 今年: items matched by code, then by title similarity, proposed as a [`Mapping`] the user
//! corrects before anything changes.
//!
//! Invariant: nothing the user wrote is lost. An item's text goes to the item it is mapped to (two
//! mapped to one are joined); an unmapped item's entry stays in the draft under its old code and
//! title (never under an item of the new framework that happens to have the same code), listed on
//! the overview; figures and scores the new framework has no place for stay in the draft, and a
//! text referring to a figure the new framework lacks gets its value written in, so it reads as
//! before. Tests compare the characters before and after.

use crate::draft::{Draft, FrameworkRef, ItemEntry};
use crate::framework::Framework;
use crate::parse::similarity::title_score;
use std::collections::BTreeMap;

/// A title at least this similar is proposed as the same item.
pub const TITLE_MATCH: f32 = 0.5;

/// Why an item was matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MatchReason {
    /// The same code, and a title close enough (or the same).
    Code,
    /// Another code, the most similar title (score 0–1).
    Title(f32),
    /// The user chose it.
    User,
    /// No item is close enough: kept under its old code.
    None,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemMatch {
    /// The code in the draft's framework.
    pub from: String,
    /// Its title there (or the code, for an item that framework does not know either).
    pub from_title: String,
    /// The item of the new framework it goes to; `None`: kept under its old code.
    pub to: Option<String>,
    pub reason: MatchReason,
}

/// The proposal: one entry per item of the draft with content, in the old framework's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub items: Vec<ItemMatch>,
}

impl Mapping {
    /// The user's correction: `from` goes to `to` (or is kept under its old code).
    pub fn set(&mut self, from: &str, to: Option<String>) {
        if let Some(entry) = self.items.iter_mut().find(|entry| entry.from == from) {
            entry.reason = if to.is_some() { MatchReason::User } else { MatchReason::None };
            entry.to = to;
        }
    }

    /// Items of the new framework that more than one old item goes to (their texts are joined).
    pub fn joined_targets(&self) -> Vec<&str> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for target in self.items.iter().filter_map(|entry| entry.to.as_deref()) {
            *seen.entry(target).or_default() += 1;
        }
        seen.into_iter().filter(|(_, count)| *count > 1).map(|(target, _)| target).collect()
    }
}

/// Every item code the draft holds content for: the old framework's items in order, then codes
/// neither framework knows (content carried from an earlier version).
fn codes_with_content(old: &Framework, draft: &Draft) -> Vec<String> {
    let has = |code: &str| draft.items.get(code).is_some_and(|entry| !entry.is_untouched());
    let mut codes: Vec<String> = old.items().map(|(_, item)| item.code.clone()).filter(|code| has(code)).collect();
    codes.extend(draft.items.keys().filter(|code| old.item(code).is_none() && has(code)).cloned());
    codes
}

/// How alike two titles read, whichever way round (one may hold the other).
fn title_similarity(a: &str, b: &str) -> f32 {
    title_score(a, b).max(title_score(b, a))
}

/// Proposes where each item with content goes: the same code when the title still reads alike,
/// else the most similar title not already taken by its own code.
pub fn propose(old: &Framework, new: &Framework, draft: &Draft) -> Mapping {
    let mut items = Vec::new();
    for code in codes_with_content(old, draft) {
        let from_title = old.item(&code).map(|item| item.title.clone()).unwrap_or_else(|| code.clone());
        let same_code = new
            .item(&code)
            .filter(|item| item.title == from_title || title_similarity(&item.title, &from_title) >= TITLE_MATCH);
        let (to, reason) = match same_code {
            Some(item) => (Some(item.code.clone()), MatchReason::Code),
            None => {
                let best = new
                    .items()
                    .map(|(_, item)| (item, title_similarity(&item.title, &from_title)))
                    .filter(|(_, score)| *score >= TITLE_MATCH)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match best {
                    Some((item, score)) => (Some(item.code.clone()), MatchReason::Title(score)),
                    None => (None, MatchReason::None),
                }
            }
        };
        items.push(ItemMatch { from: code, from_title, to, reason });
    }
    Mapping { items }
}

/// Where an entry with no item in the new framework is kept: its old code, with its old title
/// when that code means another item there (A3.1 may be a different item in the new version), so it
/// never lands in an item it does not belong to and reads on the overview for what it is.
fn kept_key(new: &Framework, entry: &ItemMatch) -> String {
    if new.item(&entry.from).is_none() && entry.from_title == entry.from {
        entry.from.clone()
    } else {
        format!("{}（原：{}）", entry.from, entry.from_title)
    }
}

fn join(into: &mut String, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    if !into.trim().is_empty() {
        into.push('\n');
    }
    into.push_str(text);
}

/// Joins `entry` into `into`: texts joined, 无此项工作任务 kept only when both said so.
fn join_entry(into: &mut ItemEntry, entry: ItemEntry) {
    if into.is_untouched() {
        *into = entry;
        return;
    }
    join(&mut into.narrative, &entry.narrative);
    join(&mut into.not_applicable_reason, &entry.not_applicable_reason);
    into.not_applicable = into.not_applicable && entry.not_applicable;
    into.rating = into.rating.or(entry.rating);
}

/// The draft moved to `new` as `mapping` says. Figures go by id, else by name; scores of rows the
/// new framework has keep their code, an item's score follows its item; the rest stays as it is.
pub fn apply(mapping: &Mapping, old: &Framework, new: &Framework, draft: &Draft) -> Draft {
    let mut moved = draft.clone();
    moved.framework = FrameworkRef { id: new.id.clone(), version: new.version.clone() };
    let mut items: BTreeMap<String, ItemEntry> = BTreeMap::new();
    let mut rest = std::mem::take(&mut moved.items);
    for entry in &mapping.items {
        let Some(content) = rest.remove(&entry.from) else { continue };
        let target = entry.to.clone().unwrap_or_else(|| kept_key(new, entry));
        join_entry(items.entry(target).or_default(), content);
    }
    // Entries the mapping did not list (untouched ones) keep their code unless it is taken.
    for (code, content) in rest {
        join_entry(items.entry(code).or_default(), content);
    }
    // A figure the new framework does not have: its value is written into the texts that refer
    // to it, so they read as before (the value itself stays in the draft, listed on the overview).
    let gone: Vec<(String, String)> = old
        .all_figures()
        .filter(|figure| new.figure(&figure.id).is_none() && new.figure_by_name(&figure.name).is_none())
        .filter_map(|figure| {
            let raw = draft.figures.get(&figure.id)?;
            crate::figure::parse_figure(figure, raw).ok().flatten()?;
            Some((figure.name.clone(), crate::figure::figure_report_text(figure, raw)))
        })
        .collect();
    moved.items = items;
    // Every text of the draft, through the one list of them (a new field cannot be missed).
    if !gone.is_empty() {
        for location in crate::draft::field::text_locations(&moved) {
            if let Some(text) = crate::draft::field::text_mut(&mut moved, &location) {
                for (name, value) in &gone {
                    *text = text.replace(&format!("{{{name}}}"), value);
                }
            }
        }
    }

    let mut figures = BTreeMap::new();
    for (id, value) in std::mem::take(&mut moved.figures) {
        let target = match new.figure(&id) {
            Some(_) => id,
            None => old
                .figure(&id)
                .and_then(|figure| new.figure_by_name(&figure.name))
                .map(|figure| figure.id.clone())
                .filter(|target| !draft.figures.contains_key(target))
                .unwrap_or(id),
        };
        figures.insert(target, value);
    }
    moved.figures = figures;

    let item_target =
        |code: &str| mapping.items.iter().find(|entry| entry.from == code).and_then(|entry| entry.to.clone());
    let new_rows: Vec<String> = new.score_rows().iter().map(|row| row.code.to_owned()).collect();
    let mut scores = BTreeMap::new();
    for (code, entry) in std::mem::take(&mut moved.scores) {
        let target = if new_rows.contains(&code) {
            code
        } else {
            item_target(&code)
                .filter(|target| new_rows.contains(target) && !draft.scores.contains_key(target))
                .unwrap_or(code)
        };
        scores.insert(target, entry);
    }
    moved.scores = scores;
    moved
}

/// 以去年的草稿开始今年: a new draft of `new` from last year's: the texts where the mapping puts
/// them (their `{数据}` references now show this year's values, still to fill), last year's
/// figures kept as 上年值 beside this year's empty inputs and last year's 自评得分 as 上年得分
/// beside this year's (rows the new framework scores), the region, unit and 主送 kept; the year,
/// the notice and the date are this year's to fill.
pub fn start_from_last_year(
    mapping: &Mapping,
    old: &Framework,
    new: &Framework,
    last_year: &Draft,
    id: String,
    now: String,
) -> Draft {
    let moved = apply(mapping, old, new, last_year);
    let mut draft = Draft::new(new, id, now);
    // Last year's own framework again (this year's notice not out yet): the year moves on, and
    // the notice it names is last year's, so it is left to fill.
    if let Some(last) = crate::draft::four_digit_year(&last_year.meta.year) {
        if new.year <= last {
            draft.meta.year = (last + 1).to_string();
            draft.meta.notice_title.clear();
            draft.meta.notice_number.clear();
        }
    }
    draft.meta.region = last_year.meta.region.clone();
    draft.meta.level = last_year.meta.level;
    draft.meta.unit = last_year.meta.unit.clone();
    if !last_year.meta.addressee.trim().is_empty() {
        draft.meta.addressee = last_year.meta.addressee.clone();
    }
    draft.meta.filler = last_year.meta.filler.clone();
    draft.meta.reviewer = last_year.meta.reviewer.clone();
    draft.name = String::new();
    draft.items = moved.items;
    draft.sections = moved.sections;
    draft.problems = moved.problems;
    draft.measures = moved.measures;
    draft.previous_figures = moved.figures.into_iter().filter(|(_, value)| !value.trim().is_empty()).collect();
    let scored = new.user_scored_codes();
    draft.previous_scores = moved
        .scores
        .into_iter()
        .filter(|(code, entry)| scored.contains(&code.as_str()) && !entry.score.trim().is_empty())
        .map(|(code, entry)| (code, entry.score))
        .collect();
    draft
}
