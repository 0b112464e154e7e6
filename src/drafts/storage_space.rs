//! 存储空间: what takes the room in this browser, part by part and largest first — each draft, its
//! versions, backups and sent copies, the 回收站, frameworks — and a 清除 for the parts that can go
//! (`lvzhi_storage::SpacePart`). Removing never needs room, so it works when storage is full; the
//! open draft's refused edits are written as soon as space is freed (the drafts page's `after`).

use crate::notices::AppError;
use crate::session::Session;
use leptos::prelude::*;
use lvzhi_core::limits::size_text;
use lvzhi_storage::{SpaceKind, SpacePart};
use std::collections::HashMap;

/// What a part is, in the user's words; `names`: each stored draft as named there (quoted, told apart).
fn label(kind: &SpaceKind, keys: usize, names: &HashMap<String, String>) -> String {
    let draft = |draft_id: &String| names.get(draft_id).cloned().unwrap_or_else(|| "已删除的草稿".to_owned());
    match kind {
        SpaceKind::Draft { draft_id } => format!("草稿{}", draft(draft_id)),
        SpaceKind::Versions { draft_id } => format!("{}的历史版本（{keys}个）", draft(draft_id)),
        SpaceKind::Backups { draft_id } => format!("{}的备份（{keys}份）", draft(draft_id)),
        SpaceKind::Sent { draft_id } => {
            format!("{}发出的草稿文件留底（{keys}份，用于合并对方改回的文件）", draft(draft_id))
        }
        SpaceKind::Trash => format!("回收站中的草稿（{keys}份）"),
        SpaceKind::Frameworks => "保存的指标体系（在上面的指标体系列表中管理）".to_owned(),
        SpaceKind::FrameworkTrash => format!("指标体系回收站（{keys}个）"),
        SpaceKind::SetAside => format!("无法读取的草稿（{keys}份）"),
        SpaceKind::Other => "本网址下其他网页或程序保存的数据（及本程序的少量记录），本程序不能删除".to_owned(),
    }
}

/// The parts as a table, with 清除 where a part can go. `after`: what the drafts page does after
/// an action (the notice, a fresh listing, the refused edits written); `open`: shown unfolded.
#[component]
pub fn StorageSpace(
    parts: Signal<Vec<SpacePart>>,
    names: Signal<HashMap<String, String>>,
    after: Callback<Result<String, AppError>>,
    open: bool,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let row = move |part: SpacePart| {
        let what = names.with(|names| label(&part.kind, part.keys.len(), names));
        let size = size_text(part.bytes as usize);
        let removable = part.kind.removable();
        let question = format!("永久删除{what}？删除后无法恢复（约{size}）。");
        let free = move |_| {
            let Some(storage) = session.storage else { return };
            if window().confirm_with_message(&question).unwrap_or(false) {
                let outcome =
                    storage.free(&part).map(|freed| format!("已永久删除，腾出约{}。", size_text(freed as usize)));
                after.run(outcome.map_err(AppError::from));
                // The row and its button are gone: focus goes back to the list's heading.
                crate::route::focus_soon("storage-space-summary".to_owned());
            }
        };
        view! {
            <tr>
                <td>{what.clone()}</td>
                <td class="number">{size}</td>
                <td>{removable.then(|| view! { <button type="button" class="danger" aria-label=format!("清除{what}") on:click=free>"清除"</button> })}</td>
            </tr>
        }
    };
    view! {
        <details class="storage-space" data-testid="storage-space" id="storage-space" open=open>
            <summary id="storage-space-summary">"存储空间明细"</summary>
            <p class="hint">"按占用从大到小列出。历史版本、备份、发出文件的留底和回收站可以在这里清除；草稿本身请用上面列表中的“删除”，清除前可先“导出草稿文件”或“全部备份”。"</p>
            <table class="space-table">
                <thead><tr><th scope="col">"内容"</th><th scope="col">"大小"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>{move || parts.get().into_iter().map(row).collect_view()}</tbody>
            </table>
        </details>
    }
}
