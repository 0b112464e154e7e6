//! Start-up and the two layouts. The session opens the last draft; its workspace (signals,
//! autosave, findings, router) is rebuilt whenever the session opens another draft. Under the
//! header and toolbar, a draft's page (`Route::Draft`) is shown in `DraftLayout`, beside the
//! draft's navigation and findings; an app page (`Route::App`: 开始, 草稿管理, 从指标表新建,
//! 编辑指标体系, 汇总) in `AppLayout`, on its own with a way back to the draft's page the user left.
//!
//! How a keystroke travels (a map for newcomers):
//! 1. an input's `TextBinding` (workspace/field.rs) writes one signal of `DraftSignals` and marks the field
//!    touched (`Findings::touch`);
//! 2. only what reads that signal re-renders (the input, its preview, its item's mark);
//! 3. a tree of counters over the fields (workspace/edits.rs) notifies `Edits::edited` — nothing on this
//!    path copies or validates the whole draft;
//! 4. autosave (workspace/autosave.rs) follows `edited`: 400 ms after the last edit it writes
//!    `Workspace::snapshot`, the draft read afresh from the signals, checked against what this
//!    window last stored;
//! 5. 250 ms after the last edit the draft is taken into `Edits::settled`; `Findings` (workspace/findings.rs)
//!    validates it (core `validate`), and the panel, the field findings and the navigation's marks
//!    show what is visible.

use crate::collect::{collect_page::CollectPage, collect_state::CollectState, unit_page::UnitPage};
use crate::drafts::departments_page::{DepartmentsPage, PartBanner};
use crate::drafts::{drafts_page::DraftsPage, import_old::ImportOldReport, start_page::StartPage, toolbar::Toolbar};
use crate::evidence::{evidence_page::EvidencePage, evidence_state::EvidenceFiles};
use crate::form::{
    figures_page::FiguresPage,
    findings_panel::FindingsPanel,
    item_editor::ItemEditor,
    list_editor::{MeasuresEditor, ProblemsEditor},
    meta_editor::MetaEditor,
    nav::Navigation,
    overview::Overview,
    print_view::PrintView,
    report_parts::{RectificationsEditor, SectionEditor},
    score_sheet_page::ScoreSheetPage,
    scoring_page::ScoringPage,
    status_bar::{NoticeArea, StatusBar},
};
use crate::frameworks::{editor_page::FrameworkEditorPage, table_import::TableImport};
use crate::keys::is_command_key;
use crate::route::{AppPage, DraftPage, Route, Router};
use crate::session::Session;
use crate::workspace::autosave::{start_autosave, OtherWindows};
use crate::workspace::draft_signals::DraftSignals;
use crate::workspace::edits::Edits;
use crate::workspace::findings::Findings;
use crate::workspace::{use_workspace, Workspace};
use leptos::prelude::*;
use lvzhi_core::{Draft, Framework};
use lvzhi_storage::DraftStorage;

#[component]
pub fn App() -> impl IntoView {
    // The built-in framework lives as long as the page.
    let framework: &'static Framework = Box::leak(Box::new(Framework::builtin()));
    let session = Session::start(framework, DraftStorage::open().ok());
    crate::offline::register_service_worker(session.update_ready);
    provide_context(session);
    // Each opened draft gets its own form: its signals, autosave and findings live and die with it.
    // After the first, a form is drawn because another draft was opened from a control that is now
    // gone: the new form's heading takes the focus, not the page.
    let drawn = StoredValue::new(0_u32);
    move || {
        let opened = session.opened();
        drawn.update_value(|count| *count += 1);
        if drawn.get_value() > 1 {
            crate::route::focus_page_heading_soon();
        }
        view! { <Form draft=opened.draft saved=opened.saved check_all=opened.check_all/> }
    }
}

#[component]
fn Form(draft: Draft, saved: bool, check_all: bool) -> impl IntoView {
    let session = expect_context::<Session>();
    let framework = match session.framework_for(&draft.framework.id) {
        Some(framework) => framework,
        None => {
            session.notices.done(format!(
                "找不到这份草稿使用的指标体系“{}”，已按内置指标体系打开，无法对应的内容已原样保留（见概览）。",
                draft.framework.id
            ));
            session.builtin_framework
        }
    };
    let signals = DraftSignals::from_draft(framework, draft);
    // Read only untracked (saves, files, switches) or once per pause (edits.rs): nothing re-runs
    // it at every keystroke.
    let snapshot = Memo::new(move |_| signals.snapshot());
    let edits = Edits::watch(framework, signals, snapshot);
    let others = OtherWindows {
        adopt: Callback::new(move |theirs: Draft| {
            signals.replace_with(framework, theirs);
            session.notices.done("已载入另一个窗口中保存的修改。");
        }),
        tell: Callback::new(move |notice: String| session.notices.done(notice)),
    };
    // The first open in this browser (no draft here) starts by choosing the framework, unless the
    // address asks for another page; the example's draft behind the start page is stored only once
    // the user types in it.
    let hash = location_hash().unwrap_or_default();
    let hash = hash.trim_start_matches('#');
    let first_visit = session.take_first_visit();
    let starting = first_visit && (hash.is_empty() || hash == "/start");
    // The ways in that 开始 offers (从指标表新建, 导入旧报告), opened directly or reloaded on a
    // first visit, keep the example behind them unstored too: it is not the user's draft.
    // 汇总 too: a 督导室 opening it first has no draft of its own, and none is made for it.
    let way_in = first_visit && (matches!(hash, "/from-table" | "/import") || hash.starts_with("/collect"));
    let autosave = start_autosave(snapshot, edits.edited, session.storage, others, saved, !(starting || way_in));
    session.attach(autosave);
    let router = Router::start(framework);
    if starting {
        router.navigate(AppPage::Start);
    }
    // Until the example behind 开始 is typed in, those ways in are shown as 开始 is: without the
    // example's navigation, title and exports.
    let behind_start = RwSignal::new(starting || way_in);
    Effect::new(move |previous: Option<()>| {
        edits.edited.track();
        if previous.is_some() {
            behind_start.set(false);
        }
    });
    use_print_shortcut(router);
    let findings = Findings::new(framework, edits.settled.into());
    // The score sheet follows the settled draft, as validation does; components derive memos from
    // it, so a total on screen changes only when its value does.
    let settled = edits.settled;
    let scores = Memo::new(move |_| settled.with(|draft| lvzhi_core::scoring::ScoreSheet::compute(framework, draft)));
    let workspace = Workspace { framework, signals, snapshot, edits, findings, router, autosave, scores };
    workspace.findings.check_all.set(check_all);
    provide_context(workspace);
    provide_context(EvidenceFiles::new(session, workspace));
    provide_context(crate::drafts::import_review::ImportReview::new(framework.id.clone()));
    // 汇总's collection: nothing is read until its page first asks.
    provide_context(CollectState::new(session));
    let route = router.route;
    // A message or an undo belongs to the page it was given on: moving on clears them.
    Effect::new(move |previous: Option<()>| {
        route.track();
        if previous.is_some() {
            workspace.findings.forget_fix();
            session.notices.dismiss();
        }
    });
    // The layout changes only between the two kinds of page: moving within the draft's pages keeps
    // its navigation (and its scroll position) as it is.
    let on_app_page = Memo::new(move |_| route.with(|route| matches!(route, Route::App(_))));
    let behind_start = Signal::from(behind_start);

    view! {
        // Not a route: it moves the focus into the page without changing the hash.
        <a class="skip-link" href="#main" on:click=|event| {
            event.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(main).focus();
            }
        }>"跳到正文"</a>
        <StatusBar/>
        <Toolbar/>
        <NoticeArea/>
        {move || match on_app_page.get() {
            true => view! { <AppLayout behind_start=behind_start/> }.into_any(),
            false => view! { <DraftLayout behind_start=behind_start/> }.into_any(),
        }}
    }
}

/// The open draft's pages: its navigation, the page, its findings.
#[component]
fn DraftLayout(behind_start: Signal<bool>) -> impl IntoView {
    let router = use_workspace().router;
    let page = router.draft_page;
    // 导入旧报告 on a first visit is a way in, shown as 开始 is (see `AppLayout`).
    let starting = move || behind_start.get() && page.get() == DraftPage::ImportOld;
    view! {
        <div class="layout" class:printing=move || page.get() == DraftPage::Print class:starting=starting class:wide-page=move || page.get() == DraftPage::ScoreSheet>
            <Navigation/>
            <main id="main" tabindex="-1">
                <PartBanner/>
                {move || match page.get() {
                    DraftPage::Overview => view! { <Overview/> }.into_any(),
                    DraftPage::Meta => view! { <MetaEditor/> }.into_any(),
                    DraftPage::Figures => view! { <FiguresPage/> }.into_any(),
                    DraftPage::Scoring => view! { <ScoringPage/> }.into_any(),
                    DraftPage::ScoreSheet => view! { <ScoreSheetPage/> }.into_any(),
                    DraftPage::Item(code) => view! { <ItemEditor code=code/> }.into_any(),
                    DraftPage::Problems => view! { <ProblemsEditor/> }.into_any(),
                    DraftPage::Measures => view! { <MeasuresEditor/> }.into_any(),
                    DraftPage::Print => view! { <PrintView/> }.into_any(),
                    DraftPage::ImportOld => view! { <ImportOldReport/> }.into_any(),
                    DraftPage::Section(code) => view! { <SectionEditor code=code/> }.into_any(),
                    DraftPage::Rectifications => view! { <RectificationsEditor/> }.into_any(),
                    DraftPage::Departments => view! { <DepartmentsPage/> }.into_any(),
                    DraftPage::Evidence => view! { <EvidencePage/> }.into_any(),
                }}
            </main>
            <FindingsPanel/>
        </div>
    }
}

/// The app's own pages (开始, 草稿管理, 从指标表新建, 编辑指标体系): on their own, the width of the
/// screen, with a way back to the page of the draft that was open — except on 开始 and the ways in
/// it offers on a first visit, where the draft behind is only the example.
#[component]
fn AppLayout(behind_start: Signal<bool>) -> impl IntoView {
    let router = use_workspace().router;
    let page = Memo::new(move |previous: Option<&AppPage>| match router.route.get() {
        Route::App(page) => page,
        Route::Draft(_) => previous.cloned().unwrap_or(AppPage::Drafts),
    });
    // 开始, and 从指标表新建 or 汇总 opened first on a first visit: the example draft behind them is
    // not the user's, so there is no way back to it, nor its title and exports. Other app pages
    // lead back to the example.
    let starting = move || {
        page.with(|page| match page {
            AppPage::Start => true,
            AppPage::FromTable | AppPage::Collect | AppPage::CollectUnit(..) => behind_start.get(),
            _ => false,
        })
    };
    // A unit of 汇总 has its own way back (to 汇总); the draft is one step further.
    let back_shown = move || !starting() && !matches!(page.get(), AppPage::CollectUnit(..));
    let wide = move || matches!(page.get(), AppPage::FromTable | AppPage::Collect | AppPage::CollectUnit(..));
    // To the draft's page the user left (its title is in the header above).
    let back = move || view! { <a href=router.draft_page.get().href() id="back-to-draft">"← 返回草稿"</a> };
    view! {
        <div class="layout app-layout" class:starting=starting class:wide-page=wide>
            <Show when=back_shown>
                <nav class="back-to-draft" aria-label="返回草稿">{back}</nav>
            </Show>
            <main id="main" tabindex="-1">
                {move || match page.get() {
                    AppPage::Start => view! { <StartPage/> }.into_any(),
                    AppPage::Drafts => view! { <DraftsPage/> }.into_any(),
                    AppPage::FromTable => view! { <TableImport/> }.into_any(),
                    AppPage::EditFramework(id) => view! { <FrameworkEditorPage id=id/> }.into_any(),
                    AppPage::Collect => view! { <CollectPage/> }.into_any(),
                    AppPage::CollectUnit(key, at) => view! { <UnitPage key=key at=at/> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// Ctrl+P / ⌘P prints the report, not the form being edited: open 打印预览, then print it.
fn use_print_shortcut(router: Router) {
    let print_key = window_event_listener(leptos::ev::keydown, move |event| {
        if is_command_key(&event, "p") && !router.shows(&DraftPage::Print) {
            event.prevent_default();
            router.navigate(DraftPage::Print);
            // The view renders in this turn's microtasks; the frame callback runs after them.
            request_animation_frame(|| {
                // Printing is the browser's own dialog; nothing to report if it is refused.
                let _ = window().print();
            });
        }
    });
    on_cleanup(move || print_key.remove());
}
