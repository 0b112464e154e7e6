//! The validator in the app: findings of the current draft, which of them to show (touched fields,
//! or all after 检查全文), jumping to a finding's field, and applying fixes with one undo.

use crate::draft_state::DraftState;
use crate::route::View;
use leptos::prelude::*;
use lvzhi_core::framework::Framework;
use lvzhi_core::validate::{apply_fixes_to_text, item_of, validate, Diagnostic, Fix, Location, Severity};
use lvzhi_core::Draft;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Texts as they were before the last fix, to undo it.
#[derive(Clone, Debug, PartialEq)]
pub struct FixRecord {
    /// (location, text before, text after), per changed field.
    changes: Vec<(Location, String, String)>,
    pub count: usize,
}

#[derive(Clone, Copy)]
pub struct Checks {
    /// Every finding of the draft, recomputed as it changes.
    pub findings: Memo<Vec<Diagnostic>>,
    /// The findings to show now.
    pub visible: Memo<Vec<Diagnostic>>,
    /// Visible (errors, warnings) per item code, counted once for all the navigation's marks.
    pub item_marks: Memo<HashMap<String, (usize, usize)>>,
    touched: RwSignal<HashSet<Location>>,
    /// Set by 检查全文: show findings everywhere, touched or not.
    pub check_all: RwSignal<bool>,
    pub last_fix: RwSignal<Option<FixRecord>>,
    /// The outcome of the last fix or undo, for the panel's live region.
    pub fix_message: RwSignal<Option<String>>,
}

impl Checks {
    pub fn new(framework: &'static Framework, current: Memo<Draft>) -> Checks {
        let findings = Memo::new(move |_| current.with(|draft| validate(framework, draft)));
        let touched: RwSignal<HashSet<Location>> = RwSignal::new(HashSet::new());
        let check_all = RwSignal::new(false);
        let visible = Memo::new(move |_| {
            let all = check_all.get();
            touched.with(|touched| {
                findings.with(|findings| {
                    findings
                        .iter()
                        .filter(|finding| all || is_touched(framework, touched, &finding.location))
                        .cloned()
                        .collect()
                })
            })
        });
        let item_marks = Memo::new(move |_| {
            let mut marks: HashMap<String, (usize, usize)> = HashMap::new();
            visible.with(|visible: &Vec<Diagnostic>| {
                for finding in visible {
                    let Some(code) = item_of(framework, &finding.location) else { continue };
                    let counts = marks.entry(code).or_default();
                    match finding.severity {
                        Severity::Error => counts.0 += 1,
                        Severity::Warning => counts.1 += 1,
                        Severity::Hint => {}
                    }
                }
            });
            marks
        });
        Checks {
            findings,
            visible,
            item_marks,
            touched,
            check_all,
            last_fix: RwSignal::new(None),
            fix_message: RwSignal::new(None),
        }
    }

    /// Marks a field (and the item it belongs to) as touched, so its findings show.
    pub fn touch(&self, framework: &Framework, location: Location) {
        let item = item_of(framework, &location).map(Location::Item);
        let missing = self.touched.with_untracked(|touched| {
            !touched.contains(&location) || item.as_ref().is_some_and(|item| !touched.contains(item))
        });
        if missing {
            self.touched.update(|touched| {
                touched.insert(location);
                touched.extend(item);
            });
        }
    }

    /// Applies fixes to the draft's fields. All or nothing per call; the previous texts are kept
    /// for one undo.
    pub fn apply(&self, draft: DraftState, fixes: &[Fix]) {
        let mut locations: Vec<&Location> = fixes.iter().map(|fix| &fix.location).collect();
        lvzhi_core::small_sort::sort_small_by(&mut locations, |a, b| a.cmp(b));
        locations.dedup();
        let mut planned = Vec::new();
        for location in locations {
            let own: Vec<&Fix> = fixes.iter().filter(|fix| &fix.location == location).collect();
            let Some(signal) = draft.text_signal(location) else { continue };
            let before = signal.get_untracked();
            match apply_fixes_to_text(&before, &own) {
                Ok(after) => planned.push((location.clone(), signal, before, after)),
                Err(error) => {
                    self.fix_message.set(Some(format!("修复未执行：{error}")));
                    return;
                }
            }
        }
        let changes: Vec<(Location, String, String)> = planned
            .into_iter()
            .map(|(location, signal, before, after)| {
                signal.set(after.clone());
                (location, before, after)
            })
            .collect();
        self.fix_message.set(Some(format!("已修复{}处。", fixes.len())));
        self.last_fix.set(Some(FixRecord { changes, count: fixes.len() }));
    }

    /// Restores the texts the last fix changed, unless they were edited since.
    pub fn undo(&self, draft: DraftState) {
        let Some(record) = self.last_fix.get_untracked() else { return };
        let unchanged = record.changes.iter().all(|(location, _, after)| {
            draft.text_signal(location).is_some_and(|signal| signal.with_untracked(|text| text == after))
        });
        if !unchanged {
            self.fix_message.set(Some("修复后内容又有改动，无法撤销；请手动修改。".to_owned()));
            return;
        }
        for (location, before, _) in &record.changes {
            if let Some(signal) = draft.text_signal(location) {
                signal.set(before.clone());
            }
        }
        self.last_fix.set(None);
        self.fix_message.set(Some(format!("已撤销{}处修复。", record.count)));
    }
}

fn is_touched(framework: &Framework, touched: &HashSet<Location>, location: &Location) -> bool {
    touched.contains(location)
        || item_of(framework, location).is_some_and(|code| touched.contains(&Location::Item(code)))
        || match location {
            Location::Problems => {
                touched.iter().any(|l| matches!(l, Location::ProblemTitle(_) | Location::ProblemText(_)))
            }
            Location::Measures => {
                touched.iter().any(|l| matches!(l, Location::MeasureTitle(_) | Location::MeasureText(_)))
            }
            Location::ProblemTitle(id) => touched.contains(&Location::ProblemText(id.clone())),
            _ => false,
        }
}

/// The view that shows a location.
pub fn view_of(framework: &Framework, location: &Location) -> View {
    match location {
        Location::Meta(_) => View::Meta,
        Location::ProblemTitle(_) | Location::ProblemText(_) | Location::Problems => View::Problems,
        Location::MeasureTitle(_) | Location::MeasureText(_) | Location::Measures => View::Measures,
        Location::Report => View::Overview,
        Location::Figure(id) if framework.problems.figures.iter().any(|figure| &figure.id == id) => View::Problems,
        other => item_of(framework, other).map(View::Item).unwrap_or(View::Measures),
    }
}

/// The id of the element to focus for a location.
pub fn element_id_of(location: &Location, draft: &DraftState) -> String {
    match location {
        Location::Meta(field) => format!("meta-{}", field.key()),
        Location::Item(code) if draft.item(code).not_applicable.get_untracked() => format!("na-{code}"),
        Location::Item(code) | Location::ItemNarrative(code) => format!("narrative-{code}"),
        Location::ItemReason(code) => format!("na-reason-{code}"),
        Location::Figure(id) => format!("figure-{id}"),
        Location::ProblemTitle(id) => format!("problem-{id}-title"),
        Location::ProblemText(id) => format!("problem-{id}-text"),
        Location::MeasureTitle(id) => format!("measure-{id}-title"),
        Location::MeasureText(id) => format!("measure-{id}-text"),
        Location::Problems => "problems-add".to_owned(),
        Location::Measures => "measures-add".to_owned(),
        Location::Report => "overview-title".to_owned(),
    }
}

/// UTF-16 offsets of a byte range, as text inputs count them.
pub fn utf16_range(text: &str, range: &Range<usize>) -> Option<(u32, u32)> {
    let start = text.get(..range.start)?.encode_utf16().count();
    let length = text.get(range.clone())?.encode_utf16().count();
    Some((start as u32, (start + length) as u32))
}

/// Opens the page of a location, focuses its field and selects `range` in it.
pub fn go_to(
    view: RwSignal<View>,
    framework: &Framework,
    draft: DraftState,
    location: &Location,
    range: Option<Range<usize>>,
) {
    let target = view_of(framework, location);
    let _ = window().location().set_hash(&target.href());
    if view.get_untracked() != target {
        view.set(target);
    }
    let element_id = element_id_of(location, &draft);
    let text = draft.text_signal(location).map(|signal| signal.get_untracked());
    request_animation_frame(move || {
        let Some(element) = document().get_element_by_id(&element_id) else { return };
        use wasm_bindgen::JsCast;
        if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = html.focus();
            html.scroll_into_view_with_bool(false);
        }
        let selection = text.zip(range).and_then(|(text, range)| utf16_range(&text, &range));
        if let Some((start, end)) = selection {
            if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                let _ = area.set_selection_range(start, end);
            } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                let _ = input.set_selection_range(start, end);
            }
        }
    });
}
