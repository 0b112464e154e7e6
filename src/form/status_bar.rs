//! The header (app name, the report's title, save status), the banners for saving problems and a
//! waiting update, and the one notice area where every action tells its outcome.

use crate::files::download_draft_file;
use crate::notices::{AppError, Notice};
use crate::session::Session;
use crate::workspace::autosave::SaveStatus;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::MetaField;
use lvzhi_core::report::report_title_of;

/// A save's failure as the header names it (the banner gives the whole message).
fn in_a_few_words(error: &lvzhi_storage::StorageError) -> &'static str {
    use lvzhi_storage::StorageError;
    match error {
        StorageError::QuotaExceeded => "存储空间已满",
        StorageError::TooLarge { .. } => "内容过大",
        StorageError::NoRoom { .. } => "文件放不下",
        StorageError::NotDurable => "未能写入磁盘",
        StorageError::Unavailable => "本地存储不可用",
        StorageError::Corrupt { .. } => "已保存的内容无法读取",
        StorageError::ChangedElsewhere => "另一个窗口也在修改",
        StorageError::AlreadyExists { .. } | StorageError::Browser { .. } => "浏览器存储出错",
    }
}

#[component]
pub fn StatusBar() -> impl IntoView {
    let workspace = use_workspace();
    let meta = workspace.signals.meta;
    let framework = workspace.framework;
    // The title in the framework's own pattern (自评报告 or 报告), from the meta it reads.
    let heading = move || {
        let text = |field: MetaField| meta.text(field).get();
        let typed = lvzhi_core::Meta {
            year: text(MetaField::Year),
            region: text(MetaField::Region),
            province: text(MetaField::Province),
            notice_title: text(MetaField::NoticeTitle),
            notice_number: text(MetaField::NoticeNumber),
            ..lvzhi_core::Meta::default()
        };
        report_title_of(framework, &typed)
    };
    let status = workspace.autosave.status;
    let status_text = move || match status.get() {
        SaveStatus::Conflict => "未保存：另一个窗口也在修改".to_owned(),
        SaveStatus::DeletedElsewhere => "未保存：已在另一个窗口中删除".to_owned(),
        SaveStatus::Opened => "已打开".to_owned(),
        SaveStatus::Pending => "正在保存…".to_owned(),
        SaveStatus::Saved(time) => format!("已保存 {time}"),
        // The header says what in a few words; the banner below says it whole, with what to do.
        SaveStatus::Failed(error) => format!("未保存：{}", in_a_few_words(&error)),
        SaveStatus::MemoryOnly => "仅在本页面中（不会保存）".to_owned(),
    };
    let status_class = move || match status.get() {
        SaveStatus::Failed(_) | SaveStatus::MemoryOnly | SaveStatus::Conflict | SaveStatus::DeletedElsewhere => {
            "save-status save-failed"
        }
        SaveStatus::Pending => "save-status save-pending",
        _ => "save-status",
    };
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
    }
}

/// The one notice area: what the last action did, or why it failed; with 撤销合并 after a merge.
#[component]
pub fn NoticeArea() -> impl IntoView {
    let session = expect_context::<Session>();
    let notices = session.notices;
    let snapshot = use_workspace().snapshot;
    let current_id = snapshot.with_untracked(|draft| draft.id.clone());
    let can_undo_merge = Signal::derive(move || {
        session.last_merge.with(|merge| merge.as_ref().is_some_and(|merge| merge.is_of(&current_id)))
    });
    let undo_merge = move |_| {
        let edited = session.last_merge.with_untracked(|merge| {
            merge.as_ref().is_some_and(|merge| snapshot.with_untracked(|now| merge.edited_since(now)))
        });
        let question = "合并之后您又做了修改。撤销合并会把这些修改一起撤回（撤回的内容会保存在“备份”中）。仍要撤销吗？";
        if edited && !window().confirm_with_message(question).unwrap_or(false) {
            return;
        }
        notices.report_error(session.undo_merge());
    };
    view! {
        // A merge can be undone for as long as this draft is open, whatever page the user is on.
        <Show when=move || can_undo_merge.get()>
            <div class="notice" role="status" data-testid="merge-undo">
                <p>"刚合并了同事的草稿。如结果不对，可以撤销。"</p>
                <button type="button" on:click=undo_merge>"撤销合并"</button>
                <button type="button" on:click=move |_| session.last_merge.set(None)>"保留合并结果"</button>
            </div>
        </Show>
        <div class="notice-area" data-testid="notice-area">
            {move || notices.current.get().map(|notice| {
                let (text, failed) = match notice {
                    Notice::Done(text) => (text, false),
                    Notice::Failed(text) => (text, true),
                };
                view! {
                    <div class="notice" class:notice-failed=failed role=if failed { "alert" } else { "status" } data-testid="notice">
                        <p>{text}</p>
                        <button type="button" on:click=move |_| notices.dismiss()>"知道了"</button>
                    </div>
                }
            })}
        </div>
    }
}

/// A save that failed, or a conflict with another window: said prominently, with what to do.
#[component]
fn SaveProblem() -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let notices = session.notices;
    let autosave = workspace.autosave;
    let status = autosave.status;
    let export = move |_| {
        notices.report(
            download_draft_file(&workspace.stamped_snapshot(), workspace.framework)
                .map(|name| format!("已导出 {name}。"))
                .map_err(AppError::from),
        )
    };
    let take_theirs = move |_| notices.report_error(session.take_theirs());
    let keep_as_new = move |_| notices.report_error(session.keep_as_new_draft());
    let keep_mine = move |_| {
        notices.report(
            autosave
                .keep_mine()
                .map(|()| "已保留本窗口的版本；另一窗口的版本已备份。".to_owned())
                .map_err(AppError::from),
        )
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
                </div>
            }.into_any()),
            SaveStatus::DeletedElsewhere => Some(view! {
                <div class="notice save-problem" role="alert" data-testid="deleted-elsewhere">
                    <p>"这份草稿已在另一个窗口中删除（移到了回收站）。本窗口的内容仍在这里，但不会再保存到原草稿。"</p>
                    <div class="dialog-actions">
                        <button type="button" class="primary" on:click=keep_as_new>"另存为新草稿并继续编辑"</button>
                        <button type="button" on:click=export>"导出草稿文件"</button>
                    </div>
                </div>
            }.into_any()),
            SaveStatus::Failed(error) => Some(view! {
                <div class="notice save-problem" role="alert" data-testid="save-failed">
                    <p>{error.to_string()}"修改仍保留在本页面中，可继续编辑。"</p>
                    <div class="dialog-actions">
                        <button type="button" class="primary" on:click=export>"导出草稿文件"</button>
                        <a class="button" href="#/drafts">"清理存储空间"</a>
                    </div>
                </div>
            }.into_any()),
            SaveStatus::MemoryOnly => Some(view! {
                <div class="notice save-problem" role="alert" data-testid="memory-only">
                    <p>"浏览器的本地存储不可用（可能处于无痕模式或被禁用），草稿不会保存，关闭或刷新页面后会丢失。请在完成后导出草稿文件或 Word。"</p>
                    <div class="dialog-actions">
                        <button type="button" on:click=export>"导出草稿文件"</button>
                    </div>
                </div>
            }.into_any()),
            _ => None,
        }}
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
