//! Start-up (framework, storage, last draft) and the page layout. The form is rebuilt, with fresh
//! signals, whenever another draft is opened (an imported file).

use crate::autosave::{is_command_key, local_time_ms, now_iso, start_autosave};
use crate::checks::Checks;
use crate::components::{
    drafts_page::DraftsPage, figures_page::FiguresPage, findings::FindingsPanel, import_old::ImportOldReport,
    item_editor::ItemEditor, list_editor::MeasuresEditor, list_editor::ProblemsEditor, meta_editor::MetaEditor,
    nav::Navigation, overview::Overview, print_view::PrintView, status_bar::StatusBar, toolbar::Toolbar,
};
use crate::draft_state::DraftState;
use crate::route::{Router, View};
use crate::workspace::{Session, Workspace};
use leptos::prelude::*;
use lvzhi_core::{Draft, Framework};
use lvzhi_storage::{DraftStorage, StorageError};

/// A new draft id: time plus randomness, so two tabs or a corrupt entry never share one.
pub fn new_draft_id() -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("d{}-{random:09}", js_sys::Date::now() as u64)
}

/// Opens the last draft, or a new one; says why when the last one could not be opened.
fn open_last_draft(session: &Session) -> (Draft, Option<String>) {
    let framework = session.framework;
    let new_draft = || Draft::new(framework, new_draft_id(), now_iso());
    let known = |draft: &Draft| session.framework_for(&draft.framework.id);
    let Some(storage) = session.storage else {
        // The form says so prominently (SaveStatus::MemoryOnly).
        return (new_draft(), None);
    };
    match storage.load_last() {
        Err(StorageError::Corrupt { key, reason }) => {
            // Set the unreadable entry aside (kept, not deleted) and open the newest readable one.
            let draft_id = key.trim_start_matches("lvzhi/draft/").to_owned();
            let where_kept = match storage.set_aside(&draft_id) {
                Ok(aside) => format!("已移到“无法读取的草稿”（{aside}）"),
                Err(_) => "仍原样保存在原处".to_owned(),
            };
            let notice =
                format!("上次打开的草稿无法读取（{reason}），{where_kept}，未删除，可在“草稿管理”中导出原始内容。");
            // The same draft as it was last kept as a version: the least lost, under its own id.
            let version = storage.versions(&draft_id).into_iter().find_map(|version| {
                let draft = storage.load_key(&version.key).ok().filter(|draft| known(draft).is_some())?;
                Some((draft, version.saved_at_ms))
            });
            if let Some((mut draft, saved_at_ms)) = version {
                draft.id = draft_id.clone();
                if let Some(own) = known(&draft) {
                    draft.migrate(own);
                }
                if storage.save(&draft).is_ok() {
                    return (
                        draft,
                        Some(format!(
                            "{notice}已打开这份草稿在{}自动保留的版本；此后的修改如需找回，请查看导出的原始内容。",
                            local_time_ms(saved_at_ms)
                        )),
                    );
                }
            }
            let newest = storage
                .entries()
                .into_iter()
                .filter_map(|entry| entry.content.ok())
                .find(|draft| known(draft).is_some());
            match newest {
                Some(mut draft) => {
                    if let Some(own) = known(&draft) {
                        draft.migrate(own);
                    }
                    let _ = storage.set_last(&draft.id);
                    (draft, Some(format!("{notice}已打开最近编辑的另一份草稿。")))
                }
                None => (new_draft(), Some(format!("{notice}已为您新建一份草稿。"))),
            }
        }
        Ok(Some(mut draft)) if known(&draft).is_some() => {
            let migrated = known(&draft).and_then(|own| draft.migrate(own));
            let notice = migrated.map(|from| format!("草稿已从旧格式（版本{from}）升级，内容未变。"));
            (draft, notice)
        }
        Ok(Some(draft)) => (
            new_draft(),
            Some(format!(
                "上次的草稿使用的指标体系（{}）与本程序内置的不同，暂无法打开；它仍原样保存在浏览器中，未被覆盖。",
                draft.framework.id
            )),
        ),
        Ok(None) => (new_draft(), None),
        Err(error) => (new_draft(), Some(error.to_string())),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let framework: &'static Framework = Box::leak(Box::new(Framework::builtin()));
    let storage = DraftStorage::open().ok();
    let opened = RwSignal::new((Draft::new(framework, String::new(), String::new()), None));
    let update_ready = RwSignal::new(false);
    let session = Session {
        framework,
        loaded_frameworks: StoredValue::new(Vec::new()),
        storage,
        opened,
        undo: RwSignal::new(None),
        update_ready,
    };
    crate::offline::register_service_worker(update_ready);
    opened.set(open_last_draft(&session));
    provide_context(session);
    // Each opened draft gets its own form: its signals, autosave and findings live and die with it.
    move || {
        let (draft, notice) = opened.get();
        view! { <Form draft=draft notice=notice/> }
    }
}

#[component]
fn Form(draft: Draft, notice: Option<String>) -> impl IntoView {
    let session = expect_context::<Session>();
    let (framework, notice) = match session.framework_for(&draft.framework.id) {
        Some(framework) => (framework, notice),
        None => (
            session.framework,
            Some(format!(
                "找不到这份草稿使用的指标体系“{}”，已按内置指标体系打开，无法对应的内容已原样保留（见概览）。{}",
                draft.framework.id,
                notice.unwrap_or_default()
            )),
        ),
    };
    let draft = DraftState::from_draft(framework, draft);
    let current = Memo::new(move |_| draft.snapshot());
    let adopt = Callback::new(move |theirs: Draft| {
        session.opened.set((theirs, Some("已载入另一个窗口中保存的修改。".to_owned())));
    });
    let autosave = start_autosave(current, session.storage, adopt);
    let checks = Checks::new(framework, current);

    let router = Router::start(framework);
    let view = router.view;
    // Ctrl+P / ⌘P prints the report, not the form being edited: open 打印预览, then print it.
    let print_key = window_event_listener(leptos::ev::keydown, move |event| {
        if is_command_key(&event, "p") && view.get_untracked() != View::Print {
            event.prevent_default();
            router.navigate(View::Print);
            // The view renders in this turn's microtasks; the frame callback runs after them.
            request_animation_frame(|| {
                let _ = window().print();
            });
        }
    });
    on_cleanup(move || print_key.remove());

    provide_context(Workspace {
        framework,
        draft,
        current,
        checks,
        view,
        router,
        autosave,
        startup_notice: RwSignal::new(notice),
    });

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
        <div class="layout" class:printing=move || view.get() == View::Print>
            <Navigation/>
            <main id="main" tabindex="-1">
                {move || match view.get() {
                    View::Overview => view! { <Overview/> }.into_any(),
                    View::Meta => view! { <MetaEditor/> }.into_any(),
                    View::Figures => view! { <FiguresPage/> }.into_any(),
                    View::Item(code) => view! { <ItemEditor code=code/> }.into_any(),
                    View::Problems => view! { <ProblemsEditor/> }.into_any(),
                    View::Measures => view! { <MeasuresEditor/> }.into_any(),
                    View::Print => view! { <PrintView/> }.into_any(),
                    View::ImportOld => view! { <ImportOldReport/> }.into_any(),
                    View::Drafts => view! { <DraftsPage/> }.into_any(),
                }}
            </main>
            <FindingsPanel/>
        </div>
    }
}
