//! Which page is shown — an app page or a page of the open draft's form (two levels, two
//! layouts) — kept in the URL hash so links, reloads and Back work; the address written in one
//! place; and where the keyboard focus goes when the page changes: to the new page's heading, or to
//! the field a finding names.

use crate::workspace::draft_signals::DraftSignals;
use crate::workspace::field::dom_id;
use leptos::prelude::*;
use lvzhi_core::draft::field::item_of;
use lvzhi_core::draft::Location;
use lvzhi_core::framework::Framework;
use std::ops::Range;
use wasm_bindgen::JsCast;

/// Where the user is: a page of the whole app or a page of the open draft's form. Each has its
/// own layout (`app.rs`): the draft's pages beside its navigation and findings, the app's pages on
/// their own with a way back to the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    App(AppPage),
    Draft(DraftPage),
}

/// A page of the whole app: about drafts and frameworks, not the open draft's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppPage {
    /// 开始: the first open — choose the framework, then the unit.
    Start,
    /// 草稿管理: the drafts of this browser, versions, 回收站, frameworks, storage.
    Drafts,
    /// 从指标表新建: a framework from the indicator table a notice ships.
    FromTable,
    /// 编辑指标体系: the framework editor, for a kept framework by id.
    EditFramework(String),
    /// 汇总: many units' drafts compared and reviewed.
    Collect,
    /// One unit of 汇总, by its key (its 报告单位 or region), opened at a place of its page (a
    /// `UnitPlace`'s key) when the comparison's cell says where.
    CollectUnit(String, Option<String>),
}

/// A page of the open draft's form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftPage {
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
    /// 导入旧报告: last year's report mapped onto the open draft's indicator tree.
    ImportOld,
    /// A narrative part of the report (基本情况), by the skeleton part's code.
    Section(String),
    /// 上一轮评价反馈问题整改情况.
    Rectifications,
    /// 分发给部门 / 收回合并.
    Departments,
    /// 佐证材料: the documents and files of every scored row, the package.
    Evidence,
}

impl From<AppPage> for Route {
    fn from(page: AppPage) -> Route {
        Route::App(page)
    }
}

impl From<DraftPage> for Route {
    fn from(page: DraftPage) -> Route {
        Route::Draft(page)
    }
}

impl AppPage {
    /// The hash (with `#`) that opens this page.
    pub fn href(&self) -> String {
        match self {
            AppPage::Start => "#/start".to_owned(),
            AppPage::Drafts => "#/drafts".to_owned(),
            AppPage::FromTable => "#/from-table".to_owned(),
            AppPage::EditFramework(id) => format!("#/framework/{id}"),
            AppPage::Collect => "#/collect".to_owned(),
            // A unit's key is Chinese: kept encoded in the address, as the browser shows it.
            AppPage::CollectUnit(key, None) => format!("#/collect/unit/{}", percent_encoded(key)),
            AppPage::CollectUnit(key, Some(at)) => format!("#/collect/unit/{}/{at}", percent_encoded(key)),
        }
    }
}

impl DraftPage {
    /// The hash (with `#`) that opens this page.
    pub fn href(&self) -> String {
        match self {
            DraftPage::Overview => "#/".to_owned(),
            DraftPage::Meta => "#/meta".to_owned(),
            DraftPage::Figures => "#/figures".to_owned(),
            DraftPage::Scoring => "#/scoring".to_owned(),
            DraftPage::ScoreSheet => "#/score-sheet".to_owned(),
            DraftPage::Item(code) => format!("#/item/{code}"),
            DraftPage::Problems => "#/problems".to_owned(),
            DraftPage::Measures => "#/measures".to_owned(),
            DraftPage::Print => "#/print".to_owned(),
            DraftPage::ImportOld => "#/import".to_owned(),
            DraftPage::Section(code) => format!("#/section/{code}"),
            DraftPage::Rectifications => "#/rectifications".to_owned(),
            DraftPage::Departments => "#/departments".to_owned(),
            DraftPage::Evidence => "#/evidence".to_owned(),
        }
    }
}

impl Route {
    /// The hash (with `#`) that opens this route.
    pub fn href(&self) -> String {
        match self {
            Route::App(page) => page.href(),
            Route::Draft(page) => page.href(),
        }
    }

    /// The route for a hash (with or without `#`): `None` for a hash that is not a route (an
    /// anchor such as `#main`), which leaves the page as it is; unknown routes open the overview.
    pub fn from_hash(hash: &str, item_exists: impl Fn(&str) -> bool) -> Option<Route> {
        let hash = hash.trim_start_matches('#');
        if !(hash.is_empty() || hash.starts_with('/')) {
            return None;
        }
        let path = hash.trim_start_matches('/');
        let draft = |page: DraftPage| Some(Route::Draft(page));
        match path {
            "start" => Some(Route::App(AppPage::Start)),
            "drafts" => Some(Route::App(AppPage::Drafts)),
            "from-table" => Some(Route::App(AppPage::FromTable)),
            "collect" => Some(Route::App(AppPage::Collect)),
            "meta" => draft(DraftPage::Meta),
            "figures" => draft(DraftPage::Figures),
            "scoring" => draft(DraftPage::Scoring),
            "score-sheet" => draft(DraftPage::ScoreSheet),
            "problems" => draft(DraftPage::Problems),
            "measures" => draft(DraftPage::Measures),
            "print" => draft(DraftPage::Print),
            "import" => draft(DraftPage::ImportOld),
            "rectifications" => draft(DraftPage::Rectifications),
            "departments" => draft(DraftPage::Departments),
            "evidence" => draft(DraftPage::Evidence),
            _ => {
                if let Some(key) = path.strip_prefix("collect/unit/").filter(|key| !key.is_empty()) {
                    // The key is encoded (no `/` in it); a place may follow it.
                    let (key, at) = match key.split_once('/') {
                        Some((key, at)) => (key, Some(at.to_owned()).filter(|at| !at.is_empty())),
                        None => (key, None),
                    };
                    Some(Route::App(AppPage::CollectUnit(percent_decoded(key), at)))
                } else if let Some(code) = path.strip_prefix("section/") {
                    draft(DraftPage::Section(code.to_owned()))
                } else if let Some(id) = path.strip_prefix("framework/").filter(|id| !id.is_empty()) {
                    Some(Route::App(AppPage::EditFramework(id.to_owned())))
                } else {
                    match path.strip_prefix("item/") {
                        Some(code) if item_exists(code) => draft(DraftPage::Item(code.to_owned())),
                        _ => draft(DraftPage::Overview),
                    }
                }
            }
        }
    }
}

/// `text` for an address: every byte but ASCII letters, digits and `-._~` as `%XX` (as
/// `encodeURIComponent` writes it, and as a browser shows a typed Chinese address).
fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// An address part read back: `%XX` sequences decoded; text that does not decode to UTF-8 is
/// taken as it is.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes.get(at + 1..at + 3).and_then(|hex| std::str::from_utf8(hex).ok());
        match (bytes[at], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// The page that shows a location.
pub fn page_of(framework: &Framework, location: &Location) -> DraftPage {
    match location {
        Location::Meta(_) => DraftPage::Meta,
        Location::ProblemTitle(_) | Location::ProblemText(_) | Location::Problems => DraftPage::Problems,
        Location::MeasureTitle(_) | Location::MeasureText(_) | Location::Measures => DraftPage::Measures,
        Location::Report => DraftPage::Overview,
        Location::Figure(id) if framework.problems.figures.iter().any(|figure| &figure.id == id) => DraftPage::Problems,
        Location::Figure(id) if framework.measures.figures.iter().any(|figure| &figure.id == id) => DraftPage::Measures,
        Location::Item(_) | Location::ItemNarrative(_) | Location::ItemReason(_) | Location::Figure(_) => {
            item_of(framework, location).map(DraftPage::Item).unwrap_or(DraftPage::Overview)
        }
        Location::Score(_) | Location::ScoreExplanation(_) => {
            item_of(framework, location).map(DraftPage::Item).unwrap_or(DraftPage::Scoring)
        }
        Location::Deduction(_) | Location::Condition(_) => DraftPage::Scoring,
        Location::Section(code) => DraftPage::Section(code.clone()),
        Location::Rectification(..) | Location::Rectifications => DraftPage::Rectifications,
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

/// Writes the address for `route` (a new history entry, as a link does): the one place besides
/// `replace_address` that changes the URL. `Router` follows the address through `hashchange`.
pub fn set_address(route: impl Into<Route>) {
    let _ = window().location().set_hash(&route.into().href());
}

/// Replaces the address with `route`'s without a new history entry or a page change (the editor's
/// page after its framework was saved under a new id: a reload edits what was saved).
pub fn replace_address(route: impl Into<Route>) {
    let href = route.into().href();
    let _ = window()
        .history()
        .and_then(|history| history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href)));
}

/// The page shown and the focus that follows page changes.
#[derive(Clone, Copy)]
pub struct Router {
    pub route: RwSignal<Route>,
    /// The draft's page shown, or the one to go back to while an app page is shown (the draft's
    /// layout renders it; an app page's way back links to it).
    pub draft_page: Memo<DraftPage>,
    /// Set by `go_to` when the page changes: focus goes to this field instead of the heading.
    pending_focus: StoredValue<Option<FocusTarget>>,
}

impl Router {
    /// Follows the URL hash (Back, links, typed addresses); after every page change, focus moves to
    /// the new page's heading (or the field a finding opened) and the page scrolls to its top, so a
    /// keyboard user does not start from the navigation again. Listeners go with the form.
    pub fn start(framework: &'static Framework) -> Router {
        let current =
            move || Route::from_hash(&location_hash().unwrap_or_default(), |code| framework.item(code).is_some());
        let route = RwSignal::new(current().unwrap_or(Route::Draft(DraftPage::Overview)));
        // Opened (or reloaded) on an app page: the draft's page left before, as this history entry
        // remembers it.
        let remembered = remembered_draft_page(|code| framework.item(code).is_some());
        let draft_page = Memo::new(move |previous: Option<&DraftPage>| match route.get() {
            Route::Draft(page) => page,
            Route::App(_) => previous.cloned().unwrap_or_else(|| remembered.clone()),
        });
        let router = Router { route, draft_page, pending_focus: StoredValue::new(None) };
        let hash_listener = window_event_listener_untyped("hashchange", move |_| {
            // Only on a real change: re-rendering the same page would drop the focus just set.
            if let Some(target) = current().filter(|target| route.get_untracked() != *target) {
                leave_field();
                route.set(target);
            }
        });
        on_cleanup(move || hash_listener.remove());
        Effect::new(move |previous: Option<()>| {
            if route.with(|route| matches!(route, Route::App(_))) {
                remember_draft_page(&draft_page.get_untracked());
            }
            if previous.is_some() {
                let target = router.pending_focus.try_update_value(Option::take).flatten();
                // The new page is in the DOM after this turn's microtasks; the frame comes after them.
                request_animation_frame(move || focus_after_page_change(target));
            }
        });
        router
    }

    /// Whether `page` of the draft is the one shown.
    pub fn shows(&self, page: &DraftPage) -> bool {
        self.route.with(|route| matches!(route, Route::Draft(shown) if shown == page))
    }

    /// Opens `target` (and puts it in the address, for Back and reloads).
    pub fn navigate(&self, target: impl Into<Route>) {
        let target = target.into();
        set_address(target.clone());
        if self.route.get_untracked() != target {
            leave_field();
            self.route.set(target);
        }
    }

    /// Opens the page of a location, focuses its field and selects `range` in it.
    pub fn go_to(&self, framework: &Framework, draft: DraftSignals, location: &Location, range: Option<Range<usize>>) {
        let text = draft.text_signal(location).map(|signal| signal.get_untracked());
        let selection = text.zip(range).and_then(|(text, range)| utf16_range(&text, &range));
        let focus = FocusTarget { element_id: dom_id(location, &draft), selection };
        let target = Route::Draft(page_of(framework, location));
        if self.route.get_untracked() == target {
            request_animation_frame(move || focus_element(&focus));
        } else {
            self.pending_focus.set_value(Some(focus));
            self.navigate(target);
        }
    }
}

/// Keeps the draft's page to go back to in the current history entry's state (it survives a
/// reload, and each entry keeps its own).
fn remember_draft_page(page: &DraftPage) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state(&wasm_bindgen::JsValue::from_str(&page.href()), "");
    }
}

/// The draft's page this history entry remembers; the overview when none.
fn remembered_draft_page(item_exists: impl Fn(&str) -> bool) -> DraftPage {
    let state = window().history().ok().and_then(|history| history.state().ok()).and_then(|state| state.as_string());
    match state.and_then(|href| Route::from_hash(&href, item_exists)) {
        Some(Route::Draft(page)) => page,
        _ => DraftPage::Overview,
    }
}

/// Leaves the field being edited before its page goes (Back, a typed address, a link followed by
/// keyboard, the tab closed or reloaded): the browser reports its change while the page can still
/// take it — a value typed into a field that commits on change (the framework editor's) is kept,
/// not dropped with the page.
pub fn leave_field() {
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

/// Focuses a heading (made focusable from script) once the current changes are rendered: where the
/// keyboard user continues when the control they used is gone or disabled.
pub fn focus_heading_soon(id: &'static str) {
    request_animation_frame(move || {
        if let Some(heading) = document().get_element_by_id(id) {
            let _ = heading.set_attribute("tabindex", "-1");
            if let Some(heading) = heading.dyn_ref::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        }
    });
}

/// After another draft was opened (made, opened from 草稿管理, the open one deleted): the new
/// form's first heading takes the focus, as after a page change.
pub fn focus_page_heading_soon() {
    request_animation_frame(|| focus_after_page_change(None));
}

fn focus_after_page_change(target: Option<FocusTarget>) {
    // The navigation shows where the user is, however long it is.
    if let Ok(Some(current)) = document().query_selector("nav.sidebar a[aria-current=\"page\"]") {
        let options = web_sys::ScrollIntoViewOptions::new();
        // In the middle of the outline: its lower end may lie below the window until the page is
        // scrolled (it is sticky), so "nearest" could leave the entry just out of sight.
        options.set_block(web_sys::ScrollLogicalPosition::Center);
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
    fn every_route_round_trips_through_its_hash() {
        let framework = Framework::builtin();
        let exists = |code: &str| framework.item(code).is_some();
        let routes: [Route; 21] = [
            DraftPage::Overview.into(),
            DraftPage::Meta.into(),
            DraftPage::Figures.into(),
            DraftPage::Scoring.into(),
            DraftPage::ScoreSheet.into(),
            DraftPage::Item("A2.1".into()).into(),
            DraftPage::Problems.into(),
            DraftPage::Measures.into(),
            DraftPage::Print.into(),
            DraftPage::ImportOld.into(),
            DraftPage::Section("overview".into()).into(),
            DraftPage::Rectifications.into(),
            DraftPage::Departments.into(),
            DraftPage::Evidence.into(),
            AppPage::Start.into(),
            AppPage::Drafts.into(),
            AppPage::FromTable.into(),
            AppPage::EditFramework("county-2025-v2".into()).into(),
            AppPage::Collect.into(),
            AppPage::CollectUnit("安岳县人民政府 / 教育局".into(), None).into(),
            AppPage::CollectUnit("安岳县人民政府 / 教育局".into(), Some("area-2".into())).into(),
        ];
        for route in routes {
            assert_eq!(Route::from_hash(&route.href(), exists), Some(route.clone()), "{}", route.href());
        }
    }

    #[test]
    fn an_anchor_is_not_a_route_and_unknown_routes_open_the_overview() {
        let exists = |code: &str| code == "A1.1";
        let overview = Some(Route::Draft(DraftPage::Overview));
        assert_eq!(Route::from_hash("#main", exists), None, "跳到正文 must not leave the page");
        assert_eq!(Route::from_hash("", exists), overview);
        assert_eq!(Route::from_hash("#/", exists), overview);
        assert_eq!(Route::from_hash("#/item/NOPE", exists), overview);
        assert_eq!(Route::from_hash("#/nothing", exists), overview);
        assert_eq!(Route::from_hash("#/framework/", exists), overview, "an editor needs the framework's id");
    }

    #[test]
    fn every_location_is_shown_on_a_page() {
        let framework = Framework::builtin();
        let cases = [
            (Location::Meta(lvzhi_core::draft::MetaField::Unit), DraftPage::Meta),
            (Location::ItemNarrative("A3.2".into()), DraftPage::Item("A3.2".into())),
            (Location::Figure("education_budget_total".into()), DraftPage::Item("A2.1".into())),
            (Location::ProblemText("p1".into()), DraftPage::Problems),
            (Location::MeasureTitle("m1".into()), DraftPage::Measures),
            (Location::Report, DraftPage::Overview),
        ];
        for (location, page) in cases {
            assert_eq!(page_of(&framework, &location), page, "{location:?}");
        }
    }

    #[test]
    fn a_units_key_in_the_address_is_encoded_and_read_back_however_the_browser_wrote_it() {
        assert_eq!(percent_encoded("安岳县 A/1"), "%E5%AE%89%E5%B2%B3%E5%8E%BF%20A%2F1");
        assert_eq!(percent_decoded("%E5%AE%89%E5%B2%B3%E5%8E%BF%20A%2F1"), "安岳县 A/1");
        assert_eq!(percent_decoded("安岳县"), "安岳县", "typed as it is");
        assert_eq!(percent_decoded("100%"), "100%", "a lone % stays");
        assert_eq!(percent_decoded("%FF"), "%FF", "not UTF-8: taken as it is");
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
