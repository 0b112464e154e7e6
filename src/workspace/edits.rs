//! Edits, kept off the input path. A keystroke writes one signal; a small tree of counters notices
//! it — one per area (its items and figures), one for the meta fields and the lists, and one over
//! those — and notifies `edited`, a trigger with no value, which autosave's debounce follows. Only
//! after a pause in editing is the whole draft taken, once, into `settled`: what validation, the
//! items' marks and the previews follow. So a keystroke re-subscribes to one area's fields and the
//! areas' counters, never copies or validates the whole draft (BENCHMARKS.md, Typing).
//!
//! Invariant: whoever needs the draft exactly as it stands (a save, an export, a switch of drafts)
//! reads `Workspace::snapshot`, never `settled`, which may be a pause behind.

use crate::workspace::draft_signals::DraftSignals;
use leptos::prelude::*;
use lvzhi_core::{Draft, Framework};
use std::collections::HashSet;
use std::time::Duration;

/// How long editing must pause before the draft is validated again.
pub const SETTLE_DELAY: Duration = Duration::from_millis(250);

#[derive(Clone, Copy)]
pub struct Edits {
    /// Notified at every edit of any field.
    pub edited: Trigger,
    /// The draft as of the last pause in editing.
    pub settled: RwSignal<Draft>,
    snapshot: Memo<Draft>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Edits {
    /// Watches every field of `signals`; `snapshot` is the exact draft, read once per pause.
    pub fn watch(framework: &'static Framework, signals: DraftSignals, snapshot: Memo<Draft>) -> Edits {
        let counter = edit_counter(framework, signals);
        let edits = Edits {
            edited: Trigger::new(),
            settled: RwSignal::new(snapshot.get_untracked()),
            snapshot,
            timer: StoredValue::new(None),
        };
        Effect::new(move |previous: Option<()>| {
            counter.get();
            if previous.is_some() {
                edits.edited.notify();
                edits.settle_after_pause();
            }
        });
        on_cleanup(move || {
            if let Some(handle) = edits.timer.try_update_value(Option::take).flatten() {
                handle.clear();
            }
        });
        edits
    }

    fn settle_after_pause(&self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let edits = *self;
        let handle = set_timeout_with_handle(move || edits.settle_now(), SETTLE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// Takes the draft as it stands into `settled` at once (after a fix: its findings are gone
    /// before the next click).
    pub fn settle_now(&self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if let Some(draft) = self.snapshot.try_get_untracked() {
            self.settled.try_set(draft);
        }
    }
}

/// A counter that changes at every edit of any field of `signals`, built as a tree so that an edit
/// re-subscribes to few signals: a counter per area (its items' fields and figures), one for the
/// meta fields and the lists (with any figure no item names), and the root over them.
pub fn edit_counter(framework: &'static Framework, signals: DraftSignals) -> Memo<u64> {
    fn counter(track: impl Fn() + Send + Sync + 'static) -> Memo<u64> {
        Memo::new(move |previous: Option<&u64>| {
            track();
            previous.map_or(0, |count| count.wrapping_add(1))
        })
    }
    let mut named_figures = HashSet::new();
    let mut groups: Vec<Memo<u64>> = framework
        .areas
        .iter()
        .map(|area| {
            let codes: Vec<String> = area.items.iter().map(|item| item.code.clone()).collect();
            let figures: Vec<String> =
                area.items.iter().flat_map(|item| item.figures.iter().map(|figure| figure.id.clone())).collect();
            named_figures.extend(figures.iter().cloned());
            counter(move || {
                for code in &codes {
                    signals.track_item(code);
                }
                for id in &figures {
                    signals.track_figure(id);
                }
            })
        })
        .collect();
    let other_figures: Vec<String> =
        signals.figure_ids().into_iter().filter(|id| !named_figures.contains(id)).collect();
    groups.push(counter(move || {
        signals.track_meta_and_lists();
        for id in &other_figures {
            signals.track_figure(id);
        }
    }));
    counter(move || {
        for group in &groups {
            // Read, not only tracked: a memo computes (and subscribes to its fields) when read.
            group.get();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::draft_signals::tests::full_draft;
    use crate::workspace::draft_signals::ListKind;
    use lvzhi_core::draft::MetaField;
    use lvzhi_core::framework::Level;

    #[test]
    fn every_field_moves_the_edit_counter() {
        let owner = Owner::new();
        owner.set();
        let framework: &'static Framework = Box::leak(Box::new(Framework::builtin()));
        let signals = DraftSignals::from_draft(framework, full_draft(framework));
        let counter = edit_counter(framework, signals);
        let last_area = framework.areas.last().unwrap();
        let (item, figure) = (&last_area.items[0], framework.areas[0].items[0].figures[0].id.clone());
        let fields = signals.item(&item.code);
        type Change = Box<dyn Fn()>;
        let changes: Vec<(&str, Change)> = vec![
            ("name", Box::new(move || signals.name.set("新名字".into()))),
            ("meta text", Box::new(move || signals.meta.text(MetaField::ALL[0]).set("改了".into()))),
            ("level", Box::new(move || signals.meta.level.set(Level::City))),
            ("narrative", Box::new(move || fields.narrative.set("改了".into()))),
            ("not applicable", Box::new(move || fields.not_applicable.set(true))),
            ("reason", Box::new(move || fields.not_applicable_reason.set("改了".into()))),
            ("figure", Box::new(move || signals.figure(&figure).set("1".into()))),
            (
                "problem title",
                Box::new(move || signals.problems.with_untracked(|rows| rows[0].title.set("改了".into()))),
            ),
            ("problem text", Box::new(move || signals.problems.with_untracked(|rows| rows[0].text.set("改了".into())))),
            ("measure answers", Box::new(move || signals.measures.with_untracked(|rows| rows[0].answers.set(vec![])))),
            (
                "a new problem",
                Box::new(move || {
                    signals.add_entry(ListKind::Problems, String::new(), String::new(), Vec::new());
                }),
            ),
        ];
        for (what, change) in changes {
            let before = counter.get_untracked();
            change();
            assert_ne!(counter.get_untracked(), before, "{what} moves the counter");
        }
        // Every figure of the framework has a signal, and each one is watched.
        for id in signals.figure_ids() {
            let before = counter.get_untracked();
            signals.figure(&id).set("7".into());
            assert_ne!(counter.get_untracked(), before, "figure {id}");
        }
    }
}
