//! 分发给部门 / 收回合并: one draft split into a file per 责任单位 holding only that department's
//! rows and items (with the figures they use), and each returned file merged back.
//!
//! A part is a draft of its own over the department's framework (`restrict.rs`), carried in the
//! file beside it, so the department's browser shows only its part with the app's ordinary pages.
//! The part remembers what it held when sent (`PartOf::sent`); its return merges against that base
//! with the item-level merge (`crate::merge`): what only the department changed is taken, what both
//! changed is a conflict for the user, the rest of the main draft is untouched.
//!
//! Invariant: splitting never changes the main draft's content (only `sent_parts` records what was
//! sent), and merging a return loses no character of either side (the merge's own invariant; a
//! property test splits, fills and merges back).

mod restrict;

pub use restrict::part_framework;

use crate::draft::{Draft, PartOf, SentPart};
use crate::draft_file::{carried_framework, export_draft_file, read_draft_file, ImportError};
use crate::framework::Framework;
use crate::merge::{merge, MergeResult};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A 责任单位 named in the framework, with how much of it is theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Department {
    pub name: String,
    /// 二级指标 in its part.
    pub items: usize,
    /// Scored rows in its part (观测点, items scored directly, 加分项).
    pub rows: usize,
}

/// Whether the framework names any 责任单位 (cheap: for showing the way to 分发给部门).
pub fn names_departments(framework: &Framework) -> bool {
    framework.areas.iter().any(|area| {
        !area.responsible_units.is_empty()
            || area.items.iter().any(|item| {
                !item.responsible_units.is_empty()
                    || item.observation_points.iter().any(|point| !point.responsible_units.is_empty())
            })
    })
}

/// Every 责任单位 the framework names, in the order they first appear; empty when it names none.
pub fn departments(framework: &Framework) -> Vec<Department> {
    let mut names: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut add = |units: &[String]| {
        for unit in units {
            let unit = unit.trim();
            if !unit.is_empty() && seen.insert(unit.to_owned()) {
                names.push(unit.to_owned());
            }
        }
    };
    for area in &framework.areas {
        add(&area.responsible_units);
    }
    for row in framework.score_rows().iter().chain(framework.bonus_rows().iter()) {
        add(row.responsible_units);
    }
    for (_, item) in framework.items() {
        add(&item.responsible_units);
    }
    if let Some(scoring) = &framework.scoring {
        for deduction in &scoring.deductions {
            add(&deduction.responsible_units);
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let part = part_framework(framework, &name)?;
            let scope = Scope::of(&part);
            Some(Department { name, items: scope.items.len(), rows: scope.rows.len() })
        })
        .collect()
}

/// The keys of a draft a part holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scope {
    pub items: BTreeSet<String>,
    pub rows: BTreeSet<String>,
    pub figures: BTreeSet<String>,
    pub deductions: BTreeSet<String>,
    pub conditions: BTreeSet<String>,
}

impl Scope {
    /// What a department's framework covers.
    pub fn of(part: &Framework) -> Scope {
        let scoring = part.scoring.as_ref();
        Scope {
            items: part.items().map(|(_, item)| item.code.clone()).collect(),
            rows: part
                .score_rows()
                .iter()
                .chain(part.bonus_rows().iter())
                .filter(|row| row.is_leaf && row.points.is_some())
                .map(|row| row.code.to_owned())
                .collect(),
            figures: part.all_figures().map(|figure| figure.id.clone()).collect(),
            deductions: scoring.map(|s| s.deductions.iter().map(|d| d.code.clone()).collect()).unwrap_or_default(),
            conditions: scoring.map(|s| s.conditions.iter().map(|c| c.code.clone()).collect()).unwrap_or_default(),
        }
    }
}

/// A department's part, ready to save as a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub draft: Draft,
    pub framework: Framework,
}

impl Part {
    /// The file to send: the part's draft carrying its framework.
    pub fn file(&self) -> String {
        export_draft_file(&self.draft, &self.framework)
    }
}

/// Why a part could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum SplitError {
    /// Nothing in the framework names this department.
    NothingFor { department: String },
    /// The cut framework fails a check (a framework no real notice has); the problems in Chinese.
    Invalid { department: String, problems: String },
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplitError::NothingFor { department } => write!(f, "指标体系中没有由“{department}”负责的指标。"),
            SplitError::Invalid { department, problems } => {
                write!(f, "无法为“{department}”单独分出指标：{problems}")
            }
        }
    }
}

/// The part of `draft` for `department`: the department's framework and a new draft (id
/// `part_id`) holding what the main draft has filled in of it, and remembering it as sent.
pub fn split(
    framework: &Framework,
    draft: &Draft,
    department: &str,
    part_id: String,
    now: &str,
) -> Result<Part, SplitError> {
    let department = department.trim();
    let part_framework = part_framework(framework, department)
        .ok_or_else(|| SplitError::NothingFor { department: department.to_owned() })?;
    // Through the file checks, so the department's browser takes the file it is sent.
    let checked = Framework::from_json(&serde_json::to_string(&part_framework).expect("a framework serializes"))
        .map_err(|error| SplitError::Invalid { department: department.to_owned(), problems: error.to_string() })?;
    let scope = Scope::of(&checked);
    let mut part = Draft::new(&checked, part_id, now.to_owned());
    part.name = format!("{} · {department}", draft.display_name());
    part.meta = draft.meta.clone();
    part.created_at = now.to_owned();
    part.items = kept(&scope.items, &draft.items);
    part.figures = kept(&scope.figures, &draft.figures);
    part.previous_figures = kept(&scope.figures, &draft.previous_figures);
    part.previous_scores = kept(&scope.rows, &draft.previous_scores);
    part.scores = kept(&scope.rows, &draft.scores);
    part.deductions = kept(&scope.deductions, &draft.deductions);
    part.conditions = kept(&scope.conditions, &draft.conditions);
    let sent = part.clone();
    part.part_of = Some(PartOf {
        department: department.to_owned(),
        draft_id: draft.id.clone(),
        draft_name: draft.display_name(),
        sent_at: now.to_owned(),
        sent: Box::new(sent),
    });
    Ok(Part { draft: part, framework: checked })
}

/// The entries of `from` under `keys`.
fn kept<V: Clone>(keys: &BTreeSet<String>, from: &BTreeMap<String, V>) -> BTreeMap<String, V> {
    from.iter().filter(|(key, _)| keys.contains(*key)).map(|(key, value)| (key.clone(), value.clone())).collect()
}

/// The file name of a department's part: `某县2025年自评报告-县财政局.json`, Windows-safe.
pub fn part_file_name(draft: &Draft, department: &str) -> String {
    crate::file_names::safe_file_name(&format!("{}-{}", draft.display_name(), department.trim()), "json")
}

/// Records in the main draft's `sent_parts` that a part was sent (replacing an earlier sending to the same
/// department: its return would merge against the newer base).
pub fn record_sent(sent_parts: &mut Vec<SentPart>, part: &Part) {
    let Some(part_of) = &part.draft.part_of else { return };
    sent_parts.retain(|sent| sent.department != part_of.department);
    sent_parts.push(SentPart {
        department: part_of.department.clone(),
        part_id: part.draft.id.clone(),
        sent_at: part_of.sent_at.clone(),
        merged_at: None,
    });
}

/// Where a department's part stands in the main draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartState {
    NotSent,
    /// Sent at this time, not back yet.
    Sent {
        at: String,
    },
    /// Its return merged in at this time.
    Merged {
        sent_at: String,
        merged_at: String,
    },
}

/// Where one department's part stands, by the main draft's `sent_parts`.
pub fn part_state(sent_parts: &[SentPart], department: &str) -> PartState {
    match sent_parts.iter().find(|sent| sent.department == department) {
        None => PartState::NotSent,
        Some(SentPart { sent_at, merged_at: None, .. }) => PartState::Sent { at: sent_at.clone() },
        Some(SentPart { sent_at, merged_at: Some(merged_at), .. }) => {
            PartState::Merged { sent_at: sent_at.clone(), merged_at: merged_at.clone() }
        }
    }
}

/// A department's file, come back.
#[derive(Clone, Debug, PartialEq)]
pub struct Returned {
    pub department: String,
    /// The part as the department returns it, referring to the main draft's framework.
    pub theirs: Draft,
    /// The part as it was sent.
    pub base: Draft,
}

/// Why a returned file cannot be merged.
#[derive(Clone, Debug, PartialEq)]
pub enum ReturnError {
    /// Not a readable draft file (why, in Chinese).
    Unreadable(ImportError),
    /// A whole draft, not a department's part.
    NotAPart,
    /// A part of another draft.
    OtherDraft { draft_name: String },
    /// A part this draft never sent (or sent again since: a newer file went to the department).
    Superseded { department: String },
}

impl fmt::Display for ReturnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReturnError::Unreadable(error) => write!(f, "{error}"),
            ReturnError::NotAPart => write!(
                f,
                "这是一份完整的草稿，不是分发给部门的文件。合并同事的完整草稿请用页面上方工具栏中的“合并同事的草稿”。"
            ),
            ReturnError::OtherDraft { draft_name } => {
                write!(f, "这是“{draft_name}”分发给部门的文件，不属于当前草稿。请打开那份草稿后再收回。")
            }
            ReturnError::Superseded { department } => write!(
                f,
                "这是较早分发给“{department}”的文件：之后又给该部门生成过新文件，请收回新文件。若确需使用这份文件，请用工具栏中的“合并同事的草稿”。"
            ),
        }
    }
}

impl std::error::Error for ReturnError {}

/// Reads a department's returned file for merging into `main` (of `framework`), or says why it
/// cannot be.
pub fn read_returned(bytes: &[u8], framework: &Framework, main: &Draft) -> Result<Returned, ReturnError> {
    let carried = carried_framework(bytes).map_err(ReturnError::Unreadable)?;
    let preview = read_draft_file(bytes, carried.as_ref().unwrap_or(framework)).map_err(ReturnError::Unreadable)?;
    let mut theirs = preview.draft;
    let Some(part_of) = theirs.part_of.take() else { return Err(ReturnError::NotAPart) };
    if part_of.draft_id != main.id {
        return Err(ReturnError::OtherDraft { draft_name: part_of.draft_name });
    }
    // By the time of sending: the department's browser opens the file as a draft of its own id.
    let current =
        main.sent_parts.iter().any(|sent| sent.department == part_of.department && sent.sent_at == part_of.sent_at);
    if !current {
        return Err(ReturnError::Superseded { department: part_of.department });
    }
    theirs.framework = main.framework.clone();
    let mut base = *part_of.sent;
    base.framework = main.framework.clone();
    Ok(Returned { department: part_of.department, theirs, base })
}

/// The merge of a returned part into the main draft, against the part as sent.
pub fn merge_returned(framework: &Framework, main: &Draft, returned: &Returned) -> MergeResult {
    merge(framework, Some(&returned.base), main, &returned.theirs)
}

/// Records in a (merged) main draft's `sent_parts` that a department's return is in.
pub fn record_merged(sent_parts: &mut [SentPart], department: &str, now: &str) {
    if let Some(sent) = sent_parts.iter_mut().find(|sent| sent.department == department) {
        sent.merged_at = Some(now.to_owned());
    }
}

#[cfg(test)]
mod tests;
