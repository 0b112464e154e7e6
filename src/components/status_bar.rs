//! The header: app name, region and year, save status, and any start-up notice.

use crate::app::new_draft_id;
use crate::autosave::SaveStatus;
use crate::components::toolbar::current_draft;
use crate::files::download_draft_file;
use crate::workspace::{use_workspace, Session};
use leptos::prelude::*;

#[component]
pub fn StatusBar() -> impl IntoView {
    let workspace = use_workspace();
    let meta = workspace.draft.meta;
    let heading = move || {
        let region = meta.region.get();
        let region = if region.trim().is_empty() { "（未填地区）".to_owned() } else { region };
        format!("{}年{}人民政府履行教育职责自评报告", meta.year.get(), region)
    };
    let status = workspace.autosave.status;
    let status_text = move || match status.get() {
        SaveStatus::Conflict => "未保存：另一个窗口也在修改".to_owned(),
        SaveStatus::Opened => "已打开".to_owned(),
        SaveStatus::Pending => "正在保存…".to_owned(),
        SaveStatus::Saved(time) => format!("已保存 {time}"),
        SaveStatus::Failed(error) => format!("未保存：{error}"),
        SaveStatus::MemoryOnly => "仅在本页面中（不会保存）".to_owned(),
    };
    let status_class = move || match status.get() {
        SaveStatus::Failed(_) | SaveStatus::MemoryOnly | SaveStatus::Conflict => "save-status save-failed",
        SaveStatus::Pending => "save-status save-pending",
        _ => "save-status",
    };
    let notice = workspace.startup_notice;
    view! {
        <header class="status-bar">
            <div class="brand">
                <span class="app-name">"履职自评"</span>
                <span class="report-title">{heading}</span>
            </div>
            <p class=status_class role="status" aria-live="polite" data-testid="save-status">{status_text}</p>
        </header>
        <SaveProblem/>
        <UpdatePrompt/>
        <Show when=move || notice.with(Option::is_some)>
            <div class="notice" role="alert" data-testid="startup-notice">
                <p>{move || notice.get().unwrap_or_default()}</p>
                <UndoMerge/>
                <button type="button" on:click=move |_| notice.set(None)>"知道了"</button>
            </div>
        </Show>
    }
}

/// A save that failed, or a conflict with another window: said prominently, with what to do.
#[component]
fn SaveProblem() -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let autosave = workspace.autosave;
    let status = autosave.status;
    let outcome: RwSignal<Option<String>> = RwSignal::new(None);
    let export = move |_| {
        outcome.set(Some(match download_draft_file(&current_draft()) {
            Ok(name) => format!("已导出 {name}。"),
            Err(error) => error,
        }))
    };
    let take_theirs = move |_| {
        let Some(storage) = session.storage else { return };
        let mut mine = current_draft();
        let id = mine.id.clone();
        mine.id = new_draft_id();
        mine.name = format!(
            "{}（本窗口的修改）",
            if mine.name.is_empty() { mine.meta.region.clone() } else { mine.name.clone() }
        );
        match storage.save(&mine).and_then(|_| storage.load(&id)) {
            Ok(Some(theirs)) => session.opened.set((
                theirs,
                Some("已载入另一个窗口的版本；本窗口的修改已另存为一份新草稿，可在“草稿管理”中打开。".to_owned()),
            )),
            Ok(None) => outcome.set(Some("另一个窗口的版本已不存在，本窗口的修改已另存为新草稿。".to_owned())),
            Err(error) => outcome.set(Some(error.to_string())),
        }
    };
    let keep_mine = move |_| {
        if let Err(error) = autosave.keep_mine() {
            outcome.set(Some(error.to_string()));
        }
    };
    view! {
        {move || match status.get() {
            SaveStatus::Conflict => Some(view! {
                <div class="notice save-problem" role="alert" data-testid="save-conflict">
                    <p>"这份草稿在另一个窗口（或标签页）中也被修改并保存了。为免互相覆盖，本窗口已暂停自动保存。"</p>
                    <div class="dialog-actions">
                        <button type="button" on:click=take_theirs>"载入另一窗口的版本（本窗口的修改另存为新草稿）"</button>
                        <button type="button" on:click=keep_mine>"保留本窗口的版本（另一窗口的版本先备份）"</button>
                    </div>
                    <p>{move || outcome.get()}</p>
                </div>
            }.into_any()),
            SaveStatus::Failed(error) => Some(view! {
                <div class="notice save-problem" role="alert" data-testid="save-failed">
                    <p>{error.to_string()}" 修改仍保留在本页面中，可继续编辑。"</p>
                    <div class="dialog-actions">
                        <button type="button" class="primary" on:click=export>"导出草稿文件"</button>
                        <a class="button" href="#/drafts">"清理存储空间"</a>
                    </div>
                    <p>{move || outcome.get()}</p>
                </div>
            }.into_any()),
            SaveStatus::MemoryOnly => Some(view! {
                <div class="notice save-problem" role="alert" data-testid="memory-only">
                    <p>"浏览器的本地存储不可用（可能处于无痕模式或被禁用），草稿不会保存，关闭或刷新页面后会丢失。请在完成后导出草稿文件或 Word。"</p>
                    <div class="dialog-actions">
                        <button type="button" on:click=export>"导出草稿文件"</button>
                    </div>
                    <p>{move || outcome.get()}</p>
                </div>
            }.into_any()),
            _ => None,
        }}
    }
}

/// One undo after a merge: the draft as it was before.
#[component]
fn UndoMerge() -> impl IntoView {
    let session = expect_context::<Session>();
    let current_id = use_workspace().current.with_untracked(|draft| draft.id.clone());
    let undo = move |_| {
        let Some(before) = session.undo.get_untracked() else { return };
        if let Some(storage) = session.storage {
            if storage.save(&before).is_err() {
                return;
            }
        }
        session.undo.set(None);
        session.opened.set((before, Some("已撤销合并，草稿恢复为合并前的内容。".to_owned())));
    };
    view! {
        <Show when=move || session.undo.with(|before| before.as_ref().is_some_and(|before| before.id == current_id))>
            <button type="button" on:click=undo>"撤销合并"</button>
        </Show>
    }
}

/// 有新版本: shown when a new version waits; applied only when the user clicks, after saving.
#[component]
fn UpdatePrompt() -> impl IntoView {
    let session = expect_context::<Session>();
    let autosave = use_workspace().autosave;
    let update = move |_| {
        autosave.flush();
        crate::offline::apply_update();
    };
    view! {
        <Show when=move || session.update_ready.get()>
            <div class="notice" role="status" data-testid="update-ready">
                <p>"有新版本可用。草稿保存在本机，更新不会影响草稿。"</p>
                <div class="dialog-actions">
                    <button type="button" class="primary" on:click=update>"更新"</button>
                    <button type="button" on:click=move |_| session.update_ready.set(false)>"稍后"</button>
                </div>
            </div>
        </Show>
    }
}
