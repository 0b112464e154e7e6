//! The framework editor's state, provided as context to its components: the edit (the core's
//! `FrameworkEdit` over a `WorkingCopy`, never a checked `Framework` until saved), the selected
//! node, the message of the last action, the fields whose typed value was refused, and a revision
//! that re-renders the forms when what they show changed under them (undo, added or deleted rows).
//! Every change goes through `dispatch` (what it redraws is the core's `Action::effect`), which
//! also writes the working copy to storage; a save or discard starts again with `reset_to`.

use crate::session::Session;
use leptos::prelude::*;
use lvzhi_core::framework::{Framework, Problem, ProblemAt};
use lvzhi_core::framework_edit::{Action, Effect, FrameworkEdit, NodePath, WorkingCopy};

#[derive(Clone, Copy)]
pub struct EditorState {
    /// The id the framework was opened as (its working copy is kept under it); a save moves it
    /// to what was saved.
    pub original_id: RwSignal<String>,
    pub edit: RwSignal<FrameworkEdit>,
    /// The load checks of the working copy (each a full `from_json`), computed once per change for
    /// every reader: the list, and the save and export buttons.
    pub problems: Memo<Vec<Problem>>,
    pub warnings: Memo<Vec<Problem>>,
    pub selected: RwSignal<Option<NodePath>>,
    pub message: RwSignal<Option<String>>,
    /// Bumped when the forms must be rebuilt from the edit (undo, rows added or removed); typing
    /// in a form does not bump it, so the focus stays where the user is.
    pub revision: RwSignal<u64>,
    /// Changes not saved yet (made here, or left from an earlier visit).
    pub dirty: RwSignal<bool>,
    /// Fields whose typed value was refused, by DOM id: what was typed and why it was refused.
    /// Kept as typed and marked, not in the working copy — saving now would drop them quietly, so
    /// saving waits until they are corrected. Kept while the field is not on screen (another node
    /// selected): drawn again, it shows what was typed.
    pub refused: RwSignal<std::collections::BTreeMap<String, RefusedValue>>,
    pub session: Session,
}

/// A value a field refused: as typed, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedValue {
    pub typed: String,
    pub why: String,
}

/// The node a field of the node form belongs to, from its DOM id (`node-1-0-Points`,
/// `node-1-0-fig2-min`): where to go to show a refused value.
pub fn node_of_field(id: &str) -> Option<NodePath> {
    let rest = id.strip_prefix("node-")?;
    let numbers: Vec<usize> = rest.split('-').map_while(|part| part.parse().ok()).collect();
    match numbers[..] {
        [a] => Some(NodePath::Area(a)),
        [a, i] => Some(NodePath::Item(a, i)),
        [a, i, p] => Some(NodePath::Point(a, i, p)),
        [a, i, p, s, ..] => Some(NodePath::SubPoint(a, i, p, s)),
        _ => None,
    }
}

/// The DOM id of a node's button in the tree.
pub fn node_dom_id(path: NodePath) -> String {
    match path {
        NodePath::Area(a) => format!("node-{a}"),
        NodePath::Item(a, i) => format!("node-{a}-{i}"),
        NodePath::Point(a, i, p) => format!("node-{a}-{i}-{p}"),
        NodePath::SubPoint(a, i, p, s) => format!("node-{a}-{i}-{p}-{s}"),
    }
}

/// The DOM id of a scoring rule's first field in 评分规则 (its place, for a problem to jump to).
pub fn rule_dom_id(at: &ProblemAt, framework: &Framework) -> Option<String> {
    let scoring = framework.scoring.as_ref();
    let index_of = |code: &str| -> Option<String> {
        let scoring = scoring?;
        if let Some(index) = scoring.bonus.iter().flat_map(|bonus| &bonus.items).position(|item| item.code == code) {
            return Some(format!("fw-bonus-{index}-title"));
        }
        if let Some(index) = scoring.deductions.iter().position(|deduction| deduction.code == code) {
            return Some(format!("fw-deduction-{index}-title"));
        }
        scoring
            .conditions
            .iter()
            .position(|condition| condition.code == code)
            .map(|index| format!("fw-condition-{index}-title"))
    };
    match at {
        ProblemAt::Rule(code) => index_of(code),
        // A band's problems are its bounds (gaps, overlaps) more often than its name.
        ProblemAt::Grade(index) => Some(format!("fw-grade-{index}-points")),
        ProblemAt::Bonus => Some("fw-bonus-cap".to_owned()),
        ProblemAt::Scoring => Some("fw-total".to_owned()),
        ProblemAt::Report => Some("fw-form".to_owned()),
        ProblemAt::Framework => Some("fw-title".to_owned()),
        ProblemAt::Node(_) | ProblemAt::Figure(_) => None,
    }
}

impl EditorState {
    pub fn new(session: Session, original_id: String, working: WorkingCopy, resumed: bool) -> EditorState {
        let edit = RwSignal::new(FrameworkEdit::new(working));
        EditorState {
            original_id: RwSignal::new(original_id),
            edit,
            problems: Memo::new(move |_| edit.with(FrameworkEdit::problems)),
            warnings: Memo::new(move |_| edit.with(FrameworkEdit::warnings)),
            selected: RwSignal::new(None),
            message: RwSignal::new(None),
            revision: RwSignal::new(0),
            dirty: RwSignal::new(resumed),
            refused: RwSignal::new(std::collections::BTreeMap::new()),
            session,
        }
    }

    /// Applies an action; a refusal is shown (and returned, for the field that asked). What the
    /// action changes (`Action::effect`, decided by the core) says what is drawn again: a change of
    /// the tree selects and focuses its node, a change of a form draws the forms anew with the focus
    /// kept where it was, a value typed draws nothing.
    pub fn dispatch(&self, action: Action) -> Option<String> {
        let effect = action.effect();
        // Fields are named by position: after nodes, figures, documents or rules are added, moved
        // or deleted, a refused value could show in another row's field — it is given up.
        let positions_change = effect == Effect::Tree
            || matches!(action, Action::DeleteFigure(..) | Action::DeleteDocument(_) | Action::DeleteRule(_));
        let focused = document().active_element().map(|element| element.id()).filter(|id| !id.is_empty());
        let mut outcome = Ok(None);
        self.edit.update(|edit| outcome = edit.apply(action));
        match outcome {
            Ok(node) => {
                self.message.set(None);
                if positions_change {
                    self.refused.update(|fields| fields.clear());
                }
                match (effect, node) {
                    (Effect::Tree, Some(node)) => {
                        self.selected.set(Some(node));
                        crate::route::focus_soon(node_dom_id(node));
                    }
                    (Effect::Value, _) => {}
                    _ => {
                        if let Some(id) = focused {
                            crate::route::focus_soon(id);
                        }
                    }
                }
                if effect != Effect::Value {
                    self.revision.update(|revision| *revision += 1);
                }
                self.dirty.set(true);
                self.keep_working_copy();
                None
            }
            Err(refused) => {
                self.message.set(Some(refused.0.clone()));
                Some(refused.0)
            }
        }
    }

    /// Shows where a problem is: its node selected in the tree, a figure's row, or the field of a
    /// scoring rule or the meta.
    pub fn go_to(&self, at: &ProblemAt) {
        let (node, field) = self.edit.with_untracked(|edit| match at {
            ProblemAt::Node(code) => (edit.path_of(code), None),
            ProblemAt::Figure(id) => {
                let found = edit.parts().areas.iter().enumerate().find_map(|(a, area)| {
                    area.items.iter().enumerate().find_map(|(i, item)| {
                        let index = item.figures.iter().position(|figure| &figure.id == id)?;
                        Some((NodePath::Item(a, i), index))
                    })
                });
                match found {
                    Some((node, index)) => (Some(node), Some(format!("{}-fig{index}-name", node_dom_id(node)))),
                    None => (None, None),
                }
            }
            other => (None, rule_dom_id(other, edit.parts())),
        });
        if let Some(node) = node {
            self.selected.set(Some(node));
        }
        match (node, field) {
            (_, Some(field)) => crate::route::focus_soon(field),
            (Some(node), None) => crate::route::focus_soon(node_dom_id(node)),
            (None, None) => {}
        }
    }

    /// `dispatch` for a button or select: the refusal is shown in the message line.
    pub fn act(&self, action: Action) {
        let _ = self.dispatch(action);
    }

    pub fn undo(&self) {
        // The selection follows its node by code, not by position: undoing a move puts the node
        // back where it was, and the selection goes with it (not to the neighbour now there).
        let selected_code = self
            .selected
            .get_untracked()
            .and_then(|node| self.edit.with_untracked(|edit| edit.code_at(node).map(str::to_owned)));
        let mut undone = false;
        self.edit.update(|edit| undone = edit.undo());
        if undone {
            self.message.set(Some("已撤销上一步修改。".to_owned()));
            // Gone with the undo (a node just added): nothing selected.
            let node = selected_code.and_then(|code| self.edit.with_untracked(|edit| edit.path_of(&code)));
            self.selected.set(node);
            self.revision.update(|revision| *revision += 1);
            self.keep_working_copy();
        }
    }

    /// Starts again from `framework` (what was just saved, or the kept framework after a discard):
    /// no undo, nothing selected or refused, the forms drawn anew.
    pub fn reset_to(&self, framework: Framework) {
        self.original_id.set(framework.id.clone());
        self.edit.set(FrameworkEdit::of(framework));
        self.dirty.set(false);
        self.selected.set(None);
        self.message.set(None);
        self.refused.update(|fields| fields.clear());
        self.revision.update(|revision| *revision += 1);
    }

    /// Shows a field that refused its value: its node selected (when it is a node's field), then
    /// the field focused.
    pub fn go_to_field(&self, id: &str) {
        if let Some(node) = node_of_field(id) {
            if self.edit.with_untracked(|edit| node_exists(edit.parts(), node)) {
                self.selected.set(Some(node));
            }
        }
        crate::route::focus_soon(id.to_owned());
    }

    /// The framework to save or export, through the file checks; `None` — with the user told why
    /// (the message line and the first refused field focused, or a notice) — while a field holds a
    /// value it refused (saving would quietly drop it) or a check fails.
    pub fn checked_for_keeping(&self) -> Option<Framework> {
        if let Some(first) = self.refused.with_untracked(|fields| fields.keys().next().cloned()) {
            self.message.set(Some("有填写有误的地方（已标出），尚未采用；请改正或清除后再保存。".to_owned()));
            // On the page: focused now, as the message shows; else its node is opened first.
            match document().get_element_by_id(&first) {
                Some(field) => {
                    let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(field).focus();
                }
                None => self.go_to_field(&first),
            }
            return None;
        }
        let finished = self.edit.with_untracked(FrameworkEdit::finish);
        finished.map_err(|error| self.session.notices.failed(&crate::notices::AppError::Framework(error))).ok()
    }

    fn keep_working_copy(&self) {
        let id = self.original_id.get_untracked();
        let outcome = self.edit.with_untracked(|edit| self.session.save_framework_work(&id, edit.working()));
        if let Err(error) = outcome {
            self.session.notices.failed(&error);
        }
    }
}

pub fn node_exists(framework: &Framework, node: NodePath) -> bool {
    match node {
        NodePath::Area(a) => a < framework.areas.len(),
        NodePath::Item(a, i) => framework.areas.get(a).is_some_and(|area| i < area.items.len()),
        NodePath::Point(a, i, p) => framework
            .areas
            .get(a)
            .and_then(|area| area.items.get(i))
            .is_some_and(|item| p < item.observation_points.len()),
        NodePath::SubPoint(a, i, p, s) => framework
            .areas
            .get(a)
            .and_then(|area| area.items.get(i))
            .and_then(|item| item.observation_points.get(p))
            .is_some_and(|point| s < point.sub_points.len()),
    }
}

pub fn use_editor() -> EditorState {
    expect_context::<EditorState>()
}
