//! 导入草稿文件: a draft file picked or dropped on the page is shown first (region, year, progress,
//! last edit), then opened as a new draft, or put in place of the open one after a backup.

use crate::clock::local_time;
use crate::files::{read_bytes, take_picked_file};
use crate::notices::AppError;
use crate::session::{new_draft_id, Session};
use crate::widgets::file_picker::FilePicker;
use crate::widgets::modal::ModalDialog;
use leptos::prelude::*;
use lvzhi_core::draft_file::ImportPreview;

/// The picker, the drop zone (the whole page) and the preview dialog.
#[component]
pub fn DraftFileImport() -> impl IntoView {
    let session = expect_context::<Session>();
    let preview: RwSignal<Option<ImportPreview>> = RwSignal::new(None);
    let take_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match read_bytes(&file, lvzhi_core::limits::DRAFT_FILE).await {
                Err(error) => session.notices.failed(&AppError::from(error)),
                Ok(bytes) => match session.read_draft_file(&bytes) {
                    Ok(found) => preview.set(Some(found)),
                    Err(error) => session.notices.failed(&AppError::Import(error)),
                },
            }
        });
    };
    let on_pick = move |event: leptos::ev::Event| {
        if let Some(file) = take_picked_file(&event) {
            take_file(file);
        }
    };
    let dragover = window_event_listener(leptos::ev::dragover, |event| event.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |event| {
        event.prevent_default();
        if let Some(file) = event.data_transfer().and_then(|transfer| transfer.files()).and_then(|files| files.get(0)) {
            take_file(file);
        }
    });
    on_cleanup(move || {
        dragover.remove();
        drop.remove();
    });
    view! {
        <FilePicker id="import-file" label="导入草稿文件" accept=".json,application/json" on_pick=Callback::new(on_pick)/>
        <ImportDialog preview=preview/>
    }
}

#[component]
fn ImportDialog(preview: RwSignal<Option<ImportPreview>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let notices = session.notices;
    // Nothing stored here yet (a colleague's first open): the only way is to open it, and there
    // is no "current draft" to keep or replace.
    let nothing_stored = move || session.storage.is_some_and(|storage| !storage.has_any_draft());
    let open_id = StoredValue::new(crate::workspace::use_workspace().snapshot.with_untracked(|draft| draft.id.clone()));
    let is_part =
        move || preview.with(|preview| preview.as_ref().is_some_and(|preview| preview.draft.part_of.is_some()));
    let open_as_new = move |_| {
        let Some(ImportPreview { mut draft, .. }) = preview.get_untracked() else { return };
        draft.id = new_draft_id();
        let notice = if nothing_stored() {
            "已导入草稿文件，并已保存在本浏览器中。"
        } else {
            "已作为新草稿打开。原来的草稿仍保存在本浏览器中，可在“草稿管理”中打开。"
        };
        match session.open_new(draft, notice) {
            Ok(()) => preview.set(None),
            Err(error) => notices.failed(&error),
        }
    };
    let replace = move |_| {
        let Some(ImportPreview { draft, .. }) = preview.get_untracked() else { return };
        let outcome = session.replace_current(draft, |backup| {
            if backup.is_empty() {
                "已替换当前草稿（浏览器不能保存，原草稿未备份）。".to_owned()
            } else {
                "已替换当前草稿。原来的内容已备份，可在“草稿管理”中本草稿的“备份”里找回。".to_owned()
            }
        });
        match outcome {
            Ok(()) => preview.set(None),
            Err(error) => notices.failed(&error),
        }
    };
    view! {
        <Show when=move || preview.with(Option::is_some)>
            <ModalDialog labelled_by="import-title" test_id="import-dialog" on_cancel=Callback::new(move |()| preview.set(None))>
                <h2 id="import-title">"导入草稿文件"</h2>
                {move || preview.get().map(|preview| {
                    let region = if preview.region.trim().is_empty() { "（未填地区）".to_owned() } else { preview.region.clone() };
                    let framework = session
                        .known_frameworks()
                        .into_iter()
                        .find(|(id, _)| *id == preview.draft.framework.id)
                        .map(|(_, label)| label);
                    view! {
                        <dl class="import-summary">
                            <dt>"地区"</dt><dd>{region}</dd>
                            {framework.map(|label| view! { <dt>"指标体系"</dt><dd>{label}</dd> })}
                            <dt>"年度"</dt><dd>{preview.year.clone()}</dd>
                            <dt>"已完成指标"</dt><dd>{format!("{}/{}", preview.done_items, preview.total_items)}</dd>
                            <dt>"问题和措施"</dt><dd>{format!("{}条问题，{}条措施", preview.problems, preview.measures)}</dd>
                            <dt>"最后修改"</dt><dd>{local_time(&preview.updated_at)}</dd>
                        </dl>
                        {open_id.with_value(|id| *id == preview.draft.id).then(|| view! {
                            <p class="hint" data-testid="import-same-draft">"这份文件就是当前打开的草稿（由它导出）：作为新草稿打开会得到一份副本，替换则换回导出时的内容。要并入同事在这份文件上的修改，请用“合并同事的草稿”。"</p>
                        })}
                        {preview.draft.part_of.as_ref().map(|part| {
                            // A department's part back at the office that sent it: merged there,
                            // never put in the place of the whole draft.
                            let back_home = open_id.with_value(|id| *id == part.draft_id);
                            let text = if back_home {
                                format!("这是分发给{}后发回的文件，只含该部门的部分。请到“分发给部门”页，用“收回合并部门文件”把它合并进当前草稿；不要用它替换当前草稿。", part.department)
                            } else {
                                format!("这是“{}”分发给{}的部分，只含该部门负责的指标。作为新草稿打开，填写后导出草稿文件发回即可。", part.draft_name, part.department)
                            };
                            view! { <p class="merge-warning" data-testid="import-part">{text}</p> }
                        })}
                        {preview.migrated_from.map(|from| view! {
                            <p class="hint">{format!("该文件为旧格式（版本{from}），已自动升级，内容不变。")}</p>
                        })}
                    }
                })}
                {move || if nothing_stored() {
                    view! { <p>"打开后保存在本浏览器中。"</p> }.into_any()
                } else {
                    view! { <p>"请选择打开方式。无论哪种方式，当前草稿都不会丢失。"</p> }.into_any()
                }}
                <div class="dialog-actions">
                    <button type="button" class="primary" on:click=open_as_new>"作为新草稿打开"</button>
                    // A department's part never takes the whole draft's place.
                    {move || (!nothing_stored() && !is_part()).then(|| view! {
                        <button type="button" on:click=replace>"替换当前草稿（先备份）"</button>
                    })}
                    <button type="button" on:click=move |_| preview.set(None)>"取消"</button>
                </div>
            </ModalDialog>
        </Show>
    }
}
