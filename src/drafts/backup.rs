//! 全部备份 / 从备份恢复 on the drafts page: every draft of this browser (and the framework files
//! they use) in one .zip, and back — restoring adds, never replaces (see `lvzhi_core::backup`).

use crate::clock::{local_date, local_time};
use crate::files::{download, read_bytes, take_picked_file};
use crate::notices::AppError;
use crate::session::{new_draft_id, Session};
use crate::widgets::file_picker::FilePicker;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::backup::{backup_file_name, read_backup, restore_kind, write_backup, Restore};
use lvzhi_core::framework::Framework;
use lvzhi_storage::DraftStorage;

/// Puts every draft file of `bytes` (a backup) into storage, leaving the open draft the one opened
/// next time; returns what to tell the user.
fn restore_backup(session: &Session, storage: DraftStorage, bytes: &[u8]) -> Result<String, AppError> {
    let backup = read_backup(bytes).map_err(AppError::Backup)?;
    // Frameworks first, so that drafts made from them can be read. A framework of a known id but
    // other content is kept as a new version, and the backup's drafts follow it there: they were
    // written against that content. Drafts already here never change.
    let mut renamed: Vec<(String, &'static Framework)> = Vec::new();
    for (_, text) in &backup.framework_files {
        if let Ok(framework) = Framework::from_json(text) {
            let id = framework.id.clone();
            // One that cannot be kept leaves its drafts unreadable: they are listed as refused.
            if let Ok(brought) = session.bring_framework(framework, text) {
                if brought.framework().id != id {
                    renamed.push((id, brought.framework()));
                }
            }
        }
    }
    let (mut restored, mut already_here, mut refused) = (0, 0, Vec::new());
    for (file_name, file) in &backup.draft_files {
        let mut draft = match session.read_draft_file(file) {
            Ok(preview) => preview.draft,
            Err(error) => {
                refused.push(format!("{file_name}：{error}"));
                continue;
            }
        };
        if let Some((_, framework)) = renamed.iter().find(|(id, _)| *id == draft.framework.id) {
            draft.framework =
                lvzhi_core::draft::FrameworkRef { id: framework.id.clone(), version: framework.version.clone() };
        }
        let stored = storage.load(&draft.id).ok().flatten();
        match restore_kind(stored.as_ref(), &draft) {
            Restore::AlreadyHere => {
                already_here += 1;
                continue;
            }
            Restore::AsItWas => {}
            Restore::AsCopy => {
                draft.name = format!("{}（{}的备份）", draft.display_name(), local_time(&draft.updated_at));
                draft.id = new_draft_id();
            }
        }
        match storage.add(&draft) {
            Ok(_) => restored += 1,
            Err(error) => refused.push(format!("{file_name}：{error}")),
        }
    }
    let mut summary = format!("已从备份恢复{restored}份草稿");
    if already_here > 0 {
        summary.push_str(&format!("，{already_here}份本浏览器中已有，未重复添加"));
    }
    summary.push('。');
    if !refused.is_empty() {
        summary.push_str(&format!("{}个文件未能恢复：{}", refused.len(), refused.join("；")));
    }
    Ok(summary)
}

#[component]
pub fn BackupActions(refresh: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let notices = session.notices;
    let workspace = use_workspace();
    let back_up_all = move |_| {
        let Some(storage) = session.storage else { return };
        // What is on screen goes into the backup: write pending edits first.
        workspace.autosave.flush();
        let entries = storage.entries();
        let unreadable = entries.iter().filter(|entry| entry.content.is_err()).count();
        let drafts: Vec<_> = entries.into_iter().filter_map(|entry| entry.content.ok()).collect();
        let name = backup_file_name(&local_date());
        notices.after_saying("正在生成备份文件…", move || {
            let bytes = write_backup(&drafts, &storage.framework_files());
            notices.report(download(&bytes, &name, "application/zip").map_err(AppError::from).map(|()| {
                let left_out = if unreadable > 0 {
                    format!("{unreadable}份无法读取的草稿未包含在内（可在下方“导出原始内容”）。")
                } else {
                    String::new()
                };
                format!(
                    "已将{}份草稿备份到 {name}（回收站中的草稿和各草稿的历史版本、备份不在其中）。{left_out}请另存一份到本机以外的地方（如 U 盘）。",
                    drafts.len()
                )
            }));
        });
    };
    let restore = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        let Some(storage) = session.storage else { return };
        leptos::task::spawn_local(async move {
            notices.report(match read_bytes(&file, lvzhi_core::limits::BACKUP).await {
                Ok(bytes) => restore_backup(&session, storage, &bytes),
                Err(error) => Err(error.into()),
            });
            refresh.run(());
        });
    };
    view! {
        <div class="dialog-actions start">
            <button type="button" on:click=back_up_all>"全部备份（.zip）"</button>
            <FilePicker id="backup-file" label="从备份恢复…" accept=".zip,application/zip" on_pick=Callback::new(restore)/>
        </div>
    }
}
