//! 全部备份 / 从备份恢复 on the drafts page: every draft of this browser (and the framework files
//! they use, and the 佐证材料 files they refer to) in one .zip, and back — restoring adds, never
//! replaces (see `lvzhi_core::backup`). The archive is written as the 佐证材料包 is (a `Blob` of
//! the stored files between headers: nothing copied into memory) and read by its central
//! directory, so a backup of hundreds of megabytes of files restores as one of a few drafts does.

use crate::clock::{local_date, local_time};
use crate::files::{digest_blob, download_blob, size_text, take_picked_file};
use crate::notices::AppError;
use crate::session::{new_draft_id, Session};
use crate::widgets::file_picker::FilePicker;
use crate::workspace::use_workspace;
use crate::zip_blob::{entry_blob, entry_bytes, text_entry, zip_blob, zip_entries};
use leptos::prelude::*;
use lvzhi_core::backup::{
    backup_file_name, backup_files, backup_from_files, check_declared, evidence_entry_name, evidence_hash_of,
    is_text_entry, restore_kind, Backup, BackupError, Restore,
};
use lvzhi_core::evidence_package::stored_zip::{ListedEntry, StoredEntry};
use lvzhi_core::framework::Framework;
use lvzhi_storage::DraftStorage;
use lvzhi_storage::FileStore;

/// Puts every draft file of `bytes` (a backup) into storage, leaving the open draft the one opened
/// next time; returns what to tell the user.
fn restore_backup(session: &Session, storage: DraftStorage, backup: Backup) -> Result<String, AppError> {
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

/// The backup as a zip `Blob`: the text files, then each 佐证材料 file the drafts refer to that
/// this browser keeps; `(blob, files packed, their bytes, files missing here)`.
async fn backup_blob(
    texts: Vec<(String, String)>,
    wanted: Vec<(String, u64, u32)>,
) -> Result<(web_sys::Blob, usize, u64, usize), AppError> {
    let mut entries: Vec<StoredEntry> = Vec::new();
    let contents = js_sys::Array::new();
    for (name, text) in &texts {
        let (entry, content) = text_entry(name, text.as_bytes());
        entries.push(entry);
        contents.push(&content);
    }
    let (mut packed, mut bytes, mut missing) = (0, 0, 0);
    let store = if wanted.is_empty() { None } else { FileStore::open().await.ok() };
    for (sha256, size, crc32) in wanted {
        let blob = match store.as_ref() {
            Some(store) => store.get(&sha256).await.ok().flatten(),
            None => None,
        };
        match blob {
            Some(blob) => {
                entries.push(StoredEntry { path: evidence_entry_name(&sha256), size, crc32 });
                contents.push(&blob);
                packed += 1;
                bytes += size;
            }
            None => missing += 1,
        }
    }
    Ok((zip_blob(&entries, &contents)?, packed, bytes, missing))
}

/// A picked backup, read by its central directory: its drafts and framework files (checked as
/// `read_backup` checks them), and its 佐证材料 files put back into the file store (each checked
/// against its name, its SHA-256). Returns the backup and what to say of the files.
async fn read_picked_backup(file: &web_sys::File) -> Result<(Backup, String), AppError> {
    let not_a_backup = || AppError::Backup(BackupError::NotAnArchive);
    let named = zip_entries(file).await?.ok_or_else(not_a_backup)?;
    let texts: Vec<&(String, ListedEntry)> = named.iter().filter(|(name, _)| is_text_entry(name)).collect();
    let declared: Vec<(String, usize)> =
        texts.iter().map(|(name, entry)| (name.clone(), entry.size as usize)).collect();
    check_declared(&declared).map_err(AppError::Backup)?;
    let mut read = Vec::new();
    for (name, entry) in texts {
        let bytes =
            entry_bytes(file, entry, lvzhi_core::limits::BACKUP_UNPACKED.bytes).await.ok_or_else(not_a_backup)?;
        read.push((name.clone(), bytes));
    }
    let backup = backup_from_files(read).map_err(AppError::Backup)?;
    let evidence: Vec<(&str, &ListedEntry)> =
        named.iter().filter_map(|(name, entry)| Some((evidence_hash_of(name)?, entry))).collect();
    if evidence.is_empty() {
        return Ok((backup, "备份中没有佐证材料文件。".to_owned()));
    }
    let store = FileStore::open().await?;
    let (mut kept, mut broken) = (0, 0);
    for (sha256, entry) in evidence {
        // Stored, as backups write them: the file is a slice of the archive.
        let blob = match entry_blob(file, entry, 0).await {
            Some(blob) if entry.method == 0 => blob,
            _ => {
                broken += 1;
                continue;
            }
        };
        if digest_blob(&blob).await?.sha256 != sha256 {
            broken += 1;
            continue;
        }
        store.put(sha256, &blob).await?;
        kept += 1;
    }
    let mut said = format!("恢复了{kept}个佐证材料文件。");
    if broken > 0 {
        said.push_str(&format!("{broken}个文件已损坏，未恢复。"));
    }
    Ok((backup, said))
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
        let texts = backup_files(&drafts, &storage.framework_files());
        // Every 佐证材料 file a draft refers to, once.
        let mut wanted: std::collections::BTreeMap<String, (u64, u32)> = std::collections::BTreeMap::new();
        for draft in &drafts {
            for (sha256, file) in lvzhi_core::evidence_package::referenced_files(draft) {
                wanted.insert(sha256, (file.size, file.crc32));
            }
        }
        let wanted: Vec<(String, u64, u32)> = wanted.into_iter().map(|(sha, (size, crc))| (sha, size, crc)).collect();
        let count = drafts.len();
        notices.done("正在生成备份文件…");
        leptos::task::spawn_local(async move {
            let (blob, packed, bytes, missing) = match backup_blob(texts, wanted).await {
                Ok(made) => made,
                Err(error) => return notices.failed(&error),
            };
            notices.report(download_blob(&blob, &name).map_err(AppError::from).map(|()| {
                let left_out = if unreadable > 0 {
                    format!("{unreadable}份无法读取的草稿未包含在内（可在下方“导出原始内容”）。")
                } else {
                    String::new()
                };
                let files = match (packed, missing) {
                    (0, 0) => "不含佐证材料文件（草稿中没有附加文件）。".to_owned(),
                    (packed, 0) => format!("含{packed}个佐证材料文件（{}）。", size_text(bytes)),
                    (packed, missing) => format!(
                        "含{packed}个佐证材料文件（{}）；{missing}个草稿提到的文件不在本浏览器中，未包含。",
                        size_text(bytes)
                    ),
                };
                format!(
                    "已将{count}份草稿备份到 {name}，{files}（回收站中的草稿和各草稿的历史版本、备份不在其中。）{left_out}请另存一份到本机以外的地方（如 U 盘）。"
                )
            }));
        });
    };
    let restore = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        let Some(storage) = session.storage else { return };
        leptos::task::spawn_local(async move {
            notices.report(match read_picked_backup(&file).await {
                Ok((backup, files)) => {
                    restore_backup(&session, storage, backup).map(|drafts| format!("{drafts}{files}"))
                }
                Err(error) => Err(error),
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
