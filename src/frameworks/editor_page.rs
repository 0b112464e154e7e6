//! 编辑指标体系 (`#/framework/{id}`): the framework's meta and report format, its tree with the
//! selected node's form, the load checks listed live (each jumping to its node), undo, and saving —
//! as a new version when drafts use it, so they never change; then a draft can be made from it.

use crate::frameworks::editor_state::{use_editor, EditorState};
use crate::frameworks::meta_form::FrameworkMetaForm;
use crate::frameworks::rules::FrameworkRules;
use crate::frameworks::tree::{FrameworkTree, NodeForm};
use crate::session::Session;
use leptos::prelude::*;
use lvzhi_core::framework::Problem;
use lvzhi_core::framework_edit::WorkingCopy;

#[component]
pub fn FrameworkEditorPage(id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let working = session.framework_work(&id);
    let resumed = working.is_some();
    let Some(working) = working.or_else(|| session.framework_for(&id).cloned().map(WorkingCopy::of)) else {
        return view! {
            <section aria-labelledby="framework-editor-title">
                <h1 id="framework-editor-title">"编辑指标体系"</h1>
                <p>"本浏览器中没有这个指标体系。请在“草稿管理”的“指标体系”中选择。"</p>
            </section>
        }
        .into_any();
    };
    let editor = EditorState::new(session, id.clone(), working, resumed);
    provide_context(editor);
    // The tab closed or reloaded while a field is being typed in: its change is committed (and the
    // working copy written) before the page goes, as leaving the field would.
    let leaving = window_event_listener(leptos::ev::pagehide, |_| crate::route::leave_field());
    on_cleanup(move || leaving.remove());
    // Said again after a save: editing then goes on in what was saved.
    // Said again after a save (which moves `original_id`); counting the drafts that use it reads
    // every stored draft, so not at every edit.
    let version_note = move || {
        let id = editor.original_id.get();
        let users = session.drafts_using(&id);
        let title = editor.edit.with_untracked(|edit| format!("“{}”", edit.parts().versioned_label()));
        if session.is_builtin_framework(&id) {
            format!("正在编辑{title}。这是程序内置的指标体系：保存时将另存为新版本，内置版本不变。")
        } else if users > 0 {
            format!("正在编辑{title}。有{users}份草稿使用它：保存时将另存为新版本，这些草稿不受影响（可在草稿概览页选择“更换指标体系”改用新版本）。")
        } else {
            format!("正在编辑{title}。还没有草稿使用它：保存时直接更新。")
        }
    };
    view! {
        <section class="framework-editor" aria-labelledby="framework-editor-title">
            <h1 id="framework-editor-title">"编辑指标体系"</h1>
            <p class="guidance">{version_note}</p>
            {resumed.then(|| view! {
                <Show when=move || editor.dirty.get()>
                    <p class="notice-inline">"已恢复上次未保存的修改。"</p>
                </Show>
            })}
            <EditorActions/>
            <EditorProblems/>
            <nav class="editor-sections" aria-label="编辑指标体系的各部分">
                <a href="#fw-meta-title" on:click=jump("fw-meta-title")>"基本信息与报告格式"</a>
                <a href="#fw-tree-title" on:click=jump("fw-tree-title")>"指标"</a>
                <a href="#fw-rules-title" on:click=jump("fw-rules-title")>"评分规则"</a>
            </nav>
            <FrameworkMetaForm/>
            <h2 id="fw-tree-title" tabindex="-1">"指标"</h2>
            <div class="framework-editor-body">
                <FrameworkTree/>
                <NodeForm/>
            </div>
            <FrameworkRules/>
        </section>
    }
    .into_any()
}

/// An in-page link that moves the focus to a section's heading without changing the route.
fn jump(id: &'static str) -> impl Fn(leptos::ev::MouseEvent) + Copy {
    move |event| {
        event.prevent_default();
        crate::route::focus_soon(id.to_owned());
    }
}

/// 撤销, 保存指标体系, 导出指标体系文件, 放弃修改, and the message of the last action.
#[component]
fn EditorActions() -> impl IntoView {
    let editor = use_editor();
    let session = editor.session;
    let saved: RwSignal<Option<&'static lvzhi_core::Framework>> = RwSignal::new(None);
    let can_undo = move || editor.edit.with(|edit| edit.can_undo());
    let sound = move || editor.problems.with(Vec::is_empty);
    let save = move |_| {
        // A field being typed in commits on change: blur it first so its text is in the edit.
        if let Some(active) = document().active_element() {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(active).blur();
        }
        let Some(framework) = editor.checked_for_keeping() else { return };
        match session.save_edited_framework(&editor.original_id.get_untracked(), framework) {
            Ok(kept) => {
                let how = if kept.new_version { "已另存为新版本" } else { "已保存" };
                saved.set(Some(kept.framework));
                // Editing goes on in what was saved: a new version is edited in place from now on.
                editor.reset_to(kept.framework.clone());
                // The address follows: a reload edits what was saved, not the version before.
                crate::route::replace_address(crate::route::AppPage::EditFramework(kept.framework.id.clone()));
                crate::route::focus_soon("fw-new-draft".to_owned());
                session.notices.done(format!("{how}：{}。", kept.framework.versioned_label()));
            }
            Err(error) => session.notices.failed(&error),
        }
    };
    let export = move |_| {
        let Some(framework) = editor.checked_for_keeping() else { return };
        session.notices.report(session.export_framework(&framework));
    };
    let discard = move |_| {
        if !window().confirm_with_message("放弃所有未保存的修改？").unwrap_or(false) {
            return;
        }
        let id = editor.original_id.get_untracked();
        session.notices.report_error(session.drop_framework_work(&id));
        if let Some(framework) = session.framework_for(&id) {
            editor.reset_to(framework.clone());
            editor.message.set(Some("已放弃修改。".to_owned()));
            // 放弃修改 is disabled now: the focus goes to the editor's heading, not to the page.
            crate::route::focus_heading_soon("framework-editor-title");
        }
    };
    let new_draft = move |_| {
        let Some(framework) = saved.get_untracked() else { return };
        session.notices.report_error(session.new_draft_on(framework));
    };
    view! {
        <div class="editor-actions">
            <button type="button" id="fw-undo" on:click=move |_| editor.undo() disabled=move || !can_undo()>"撤销"</button>
            <button type="button" id="fw-save" class="primary" on:click=save disabled=move || !sound()>"保存指标体系"</button>
            <button type="button" id="fw-export" on:click=export disabled=move || !sound()>"导出指标体系文件"</button>
            <button type="button" id="fw-discard" on:click=discard disabled=move || !editor.dirty.get()>"放弃修改"</button>
            <Show when=move || saved.with(Option::is_some)>
                <button type="button" id="fw-new-draft" on:click=new_draft>"用它新建草稿"</button>
            </Show>
        </div>
        <p class="editor-message" role="status" aria-live="polite" data-testid="fw-message">{move || editor.message.get()}</p>
    }
}

/// The load checks, live: “可以保存” or every problem, each a button to its node; then the 提示.
#[component]
fn EditorProblems() -> impl IntoView {
    let editor = use_editor();
    let (problems, warnings, refused) = (editor.problems, editor.warnings, editor.refused);
    view! {
        <section class="editor-problems" aria-labelledby="fw-problems-title" aria-live="polite">
            <h2 id="fw-problems-title">{move || match (problems.with(Vec::len), refused.with(|fields| fields.len())) {
                (0, 0) => "结构检查：没有问题，可以保存".to_owned(),
                (0, typed) => format!("结构检查：有{typed}处填写有误（已标出），改正或清除后才能保存"),
                (count, 0) => format!("结构检查：{count}处问题，改正后才能保存"),
                (count, typed) => format!("结构检查：{count}处问题，另有{typed}处填写有误（已标出），改正后才能保存"),
            }}</h2>
            {move || {
                let fields = refused.get();
                (!fields.is_empty()).then(|| view! {
                    <ul class="refused-fields">
                        {fields.into_iter().map(|(id, refused)| view! {
                            <li><button type="button" class="link-button" on:click=move |_| editor.go_to_field(&id)>
                                {format!("“{}”：{}", refused.typed, refused.why)}
                            </button></li>
                        }).collect_view()}
                    </ul>
                })
            }}
            {move || view! { <NodeMessages messages=problems.get()/> }}
            {move || {
                let warnings = warnings.get();
                (!warnings.is_empty()).then(|| view! {
                    <details class="editor-warnings" data-testid="fw-warnings">
                        <summary>{format!("提示：{}项（可以保存，请确认是否有意为之）", warnings.len())}</summary>
                        <NodeMessages messages=warnings/>
                    </details>
                })
            }}
        </section>
    }
}

/// Problems and 提示, each a button to its place: the node in the tree, the figure, the rule or
/// the meta field (the place is typed; nothing parses the message).
#[component]
fn NodeMessages(messages: Vec<Problem>) -> impl IntoView {
    let editor = use_editor();
    view! {
        <ul>
            {messages.into_iter().map(|problem| {
                let at = problem.at.clone();
                view! {
                    <li><button type="button" class="link-button" on:click=move |_| editor.go_to(&at)>{problem.message}</button></li>
                }
            }).collect_view()}
        </ul>
    }
}
