//! Which page of the form is shown, kept in the URL hash so links, reloads and Back work; and
//! where the keyboard focus goes when the page changes: to the new page's heading, or to the field
//! a finding names.

use crate::workspace::draft_signals::DraftSignals;
use crate::workspace::field::dom_id;
use leptos::prelude::*;
use lvzhi_core::draft::field::item_of;
use lvzhi_core::draft::Location;
use lvzhi_core::framework::Framework;
use std::ops::Range;
use wasm_bindgen::JsCast;

/// A page of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// 开始: the first open — choose the framework, then the unit.
    Start,
    Overview,
    Meta,
    /// 全部数据: every figure on one page.
    Figures,
    /// 评分汇总: totals by area, bonus, 扣分项, conditions and the grade (scored frameworks).
    Scoring,
    /// 逐项打分: every scored row in one table shaped like the 自评打分表.
    ScoreSheet,
    Item(String),
    Problems,
    Measures,
    /// The report laid out as the printed 公文.
    Print,
    /// 导入旧报告: last year's report mapped onto the indicator tree.
    ImportOld,
    /// 草稿管理: the drafts of this browser, versions, 回收站.
    Drafts,
    /// 从指标表新建: a framework from the indicator table a notice ships.
    FromTable,
    /// A narrative part of the report (基本情况), by the skeleton part's code.
    Section(String),
    /// 上一轮评价反馈问题整改情况.
    Rectifications,
    /// 编辑指标体系: the framework editor, for a kept framework by id.
    EditFramework(String),
}

impl View {
    /// The hash (with `#`) that opens this view.
    pub fn href(&self) -> String {
        match self {
            View::Start => "#/start".to_owned(),
            View::Overview => "#/".to_owned(),
            View::Meta => "#/meta".to_owned(),
            View::Figures => "#/figures".to_owned(),
            View::Scoring => "#/scoring".to_owned(),
            View::ScoreSheet => "#/score-sheet".to_owned(),
            View::Item(code) => format!("#/item/{code}"),
            View::Problems => "#/problems".to_owned(),
            View::Measures => "#/measures".to_owned(),
            View::Print => "#/print".to_owned(),
            View::ImportOld => "#/import".to_owned(),
            View::Drafts => "#/drafts".to_owned(),
            View::FromTable => "#/from-table".to_owned(),
            View::Section(code) => format!("#/section/{code}"),
            View::Rectifications => "#/rectifications".to_owned(),
            View::EditFramework(id) => format!("#/framework/{id}"),
        }
    }

    /// The view for a hash (with or without `#`): `None` for a hash that is not a route (an anchor
    /// such as `#main`), which leaves the page as it is; unknown routes open the overview.
    pub fn from_hash(hash: &str, item_exists: impl Fn(&str) -> bool) -> Option<View> {
        let hash = hash.trim_start_matches('#');
        if !(hash.is_empty() || hash.starts_with('/')) {
            return None;
        }
        let path = hash.trim_start_matches('/');
        Some(match path {
            "start" => View::Start,
            "meta" => View::Meta,
            "figures" => View::Figures,
            "scoring" => View::Scoring,
            "score-sheet" => View::ScoreSheet,
            "problems" => View::Problems,
            "measures" => View::Measures,
            "print" => View::Print,
            "import" => View::ImportOld,
            "drafts" => View::Drafts,
            "from-table" => View::FromTable,
            "rectifications" => View::Rectifications,
            _ => {
                if let Some(code) = path.strip_prefix("section/") {
                    View::Section(code.to_owned())
                } else if let Some(id) = path.strip_prefix("framework/").filter(|id| !id.is_empty()) {
                    View::EditFramework(id.to_owned())
                } else {
                    match path.strip_prefix("item/") {
                        Some(code) if item_exists(code) => View::Item(code.to_owned()),
                        _ => View::Overview,
                    }
                }
            }
        })
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
        Location::Figure(id) if framework.measures.figures.iter().any(|figure| &figure.id == id) => View::Measures,
        Location::Item(_) | Location::ItemNarrative(_) | Location::ItemReason(_) | Location::Figure(_) => {
            item_of(framework, location).map(View::Item).unwrap_or(View::Overview)
        }
        Location::Score(_) | Location::ScoreExplanation(_) => {
            item_of(framework, location).map(View::Item).unwrap_or(View::Scoring)
        }
        Location::Deduction(_) | Location::Condition(_) => View::Scoring,
        Location::Section(code) => View::Section(code.clone()),
        Location::Rectification(..) | Location::Rectifications => View::Rectifications,
    }
}

/// UTF-16 offsets of a byte range, as text inputs count them.
pub fn utf16_range(text: &str, range: &Range<usize>) -> Option<(u32, u32)> {
    let start = text.get(..range.start)?.encode_utf16().count();
    let length = text.get(range.clone())?.encode_utf16().count();
    Some((start as u32, (start + length) as u32))
}

/// An element to focus once its page has rendered, with a text range to select in it.
#[derive(Clone)]
struct FocusTarget {
    element_id: String,
    selection: Option<(u32, u32)>,
}

/// Writes the address for `view` (a new history entry, as a link does): the one place besides
/// `replace_address` that changes the URL. `Router` follows the address through `hashchange`.
pub fn set_address(view: &View) {
    let _ = window().location().set_hash(&view.href());
}

/// Replaces the address with `view`'s without a new history entry or a page change (the editor's
/// page after its framework was saved under a new id: a reload edits what was saved).
pub fn replace_address(view: &View) {
    let _ = window()
        .history()
        .and_then(|history| history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&view.href())));
}

/// The page shown and the focus that follows page changes.
#[derive(Clone, Copy)]
pub struct Router {
    pub view: RwSignal<View>,
    /// Set by `go_to` when the page changes: focus goes to this field instead of the heading.
    pending_focus: StoredValue<Option<FocusTarget>>,
}

impl Router {
    /// Follows the URL hash (Back, links, typed addresses); after every page change, focus moves to
    /// the new page's heading (or the field a finding opened) and the page scrolls to its top, so a
    /// keyboard user does not start from the navigation again. Listeners go with the form.
    pub fn start(framework: &'static Framework) -> Router {
        let current =
            move || View::from_hash(&location_hash().unwrap_or_default(), |code| framework.item(code).is_some());
        let router =
            Router { view: RwSignal::new(current().unwrap_or(View::Overview)), pending_focus: StoredValue::new(None) };
        let view = router.view;
        let hash_listener = window_event_listener_untyped("hashchange", move |_| {
            // Only on a real change: re-rendering the same page would drop the focus just set.
            if let Some(target) = current().filter(|target| view.get_untracked() != *target) {
                leave_field();
                view.set(target);
            }
        });
        on_cleanup(move || hash_listener.remove());
        Effect::new(move |previous: Option<()>| {
            view.track();
            if previous.is_some() {
                let target = router.pending_focus.try_update_value(Option::take).flatten();
                // The new page is in the DOM after this turn's microtasks; the frame comes after them.
                request_animation_frame(move || focus_after_page_change(target));
            }
        });
        router
    }

    /// Opens `target` (and puts it in the address, for Back and reloads).
    pub fn navigate(&self, target: View) {
        set_address(&target);
        if self.view.get_untracked() != target {
            leave_field();
            self.view.set(target);
        }
    }

    /// Opens the page of a location, focuses its field and selects `range` in it.
    pub fn go_to(&self, framework: &Framework, draft: DraftSignals, location: &Location, range: Option<Range<usize>>) {
        let text = draft.text_signal(location).map(|signal| signal.get_untracked());
        let selection = text.zip(range).and_then(|(text, range)| utf16_range(&text, &range));
        let focus = FocusTarget { element_id: dom_id(location, &draft), selection };
        let target = view_of(framework, location);
        if self.view.get_untracked() == target {
            request_animation_frame(move || focus_element(&focus));
        } else {
            self.pending_focus.set_value(Some(focus));
            self.navigate(target);
        }
    }
}

/// Leaves the field being edited before its page goes (Back, a typed address, a link followed by
/// keyboard): the browser reports its change while the page can still take it — a value typed
/// into a field that commits on change (the framework editor's) is kept, not dropped with the page.
fn leave_field() {
    if let Some(element) = document().active_element() {
        if element.matches("input, textarea").unwrap_or(false) {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(element).blur();
        }
    }
}

/// Focuses an element once the current changes are rendered (a new entry, the next one after a
/// deletion): the keyboard user's place is never lost to `<body>`.
pub fn focus_soon(element_id: String) {
    request_animation_frame(move || focus_element(&FocusTarget { element_id, selection: None }));
}

fn focus_after_page_change(target: Option<FocusTarget>) {
    // The navigation shows where the user is, however long it is.
    if let Ok(Some(current)) = document().query_selector("nav.sidebar a[aria-current=\"page\"]") {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        current.scroll_into_view_with_scroll_into_view_options(&options);
    }
    match target {
        Some(target) => focus_element(&target),
        None => {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            // A heading takes focus only from script (tabindex -1): Tab then goes on from it.
            if let Ok(Some(heading)) = document().query_selector("main h1") {
                let _ = heading.set_attribute("tabindex", "-1");
                if let Some(heading) = heading.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        }
    }
}

fn focus_element(target: &FocusTarget) {
    let Some(element) = document().get_element_by_id(&target.element_id) else { return };
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
        // In the middle of the screen: the field and the findings under it both in view.
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        html.scroll_into_view_with_scroll_into_view_options(&options);
    }
    if let Some((start, end)) = target.selection {
        if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let _ = area.set_selection_range(start, end);
        } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            let _ = input.set_selection_range(start, end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_round_trips_through_its_hash() {
        let framework = Framework::builtin();
        let exists = |code: &str| framework.item(code).is_some();
        let views = [
            View::Overview,
            View::Meta,
            View::Figures,
            View::Item("A2.1".into()),
            View::Problems,
            View::Measures,
            View::Print,
            View::ImportOld,
            View::Drafts,
        ];
        for view in views {
            assert_eq!(View::from_hash(&view.href(), exists), Some(view.clone()), "{}", view.href());
        }
    }

    #[test]
    fn an_anchor_is_not_a_route_and_unknown_routes_open_the_overview() {
        let exists = |code: &str| code == "A1.1";
        assert_eq!(View::from_hash("#main", exists), None, "跳到正文 must not leave the page");
        assert_eq!(View::from_hash("", exists), Some(View::Overview));
        assert_eq!(View::from_hash("#/", exists), Some(View::Overview));
        assert_eq!(View::from_hash("#/item/NOPE", exists), Some(View::Overview));
        assert_eq!(View::from_hash("#/nothing", exists), Some(View::Overview));
    }

    #[test]
    fn every_location_is_shown_on_a_page() {
        let framework = Framework::builtin();
        let cases = [
            (Location::Meta(lvzhi_core::draft::MetaField::Unit), View::Meta),
            (Location::ItemNarrative("A3.2".into()), View::Item("A3.2".into())),
            (Location::Figure("education_budget_total".into()), View::Item("A2.1".into())),
            (Location::ProblemText("p1".into()), View::Problems),
            (Location::MeasureTitle("m1".into()), View::Measures),
            (Location::Report, View::Overview),
        ];
        for (location, view) in cases {
            assert_eq!(view_of(&framework, &location), view, "{location:?}");
        }
    }

    #[test]
    fn byte_ranges_become_the_utf16_offsets_inputs_count() {
        let text = "教育😀x年";
        let x = text.find('x').unwrap();
        assert_eq!(utf16_range(text, &(x..x + 1)), Some((4, 5)), "the emoji counts two");
        assert_eq!(utf16_range(text, &(0..3)), Some((0, 1)));
        assert_eq!(utf16_range(text, &(1..3)), None, "not a character boundary");
    }
}
