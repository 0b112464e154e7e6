//! Which draft opens when the page opens: the one open last, or (when it cannot be read) its
//! newest kept version, another draft, or a new one — always saying why.

use super::Session;
use crate::clock::local_time_ms;
use lvzhi_core::Draft;
use lvzhi_storage::{draft_id_of_key, DraftStorage, StorageError, LAST_OPENED_KEY};

/// The most recently edited readable draft of a framework known here, migrated and marked as the
/// one to open next; with the words to add when that mark could not be kept.
fn newest_other(session: &Session, storage: DraftStorage) -> Option<(Draft, &'static str)> {
    let mut draft = storage
        .entries()
        .into_iter()
        .filter_map(|entry| entry.content.ok())
        .find(|draft| session.framework_for(&draft.framework.id).is_some())?;
    if let Some(own) = session.framework_for(&draft.framework.id) {
        draft.migrate(own);
    }
    let also = if storage.set_last(&draft.id).is_err() { "（下次打开时可能仍需选择）" } else { "" };
    Some((draft, also))
}

/// The draft to open at start-up, and a notice when it is not simply the last one.
pub(super) fn last_draft(session: &Session) -> (Draft, Option<String>) {
    let new_draft = || session.new_draft(session.builtin_framework);
    let known = |draft: &Draft| session.framework_for(&draft.framework.id);
    let Some(storage) = session.storage else {
        // The form says so prominently (SaveStatus::MemoryOnly).
        return (new_draft(), None);
    };
    match storage.load_last() {
        Err(StorageError::Corrupt { key, reason }) => {
            // Set the unreadable entry aside (kept, not deleted), then open what is closest to it.
            let draft_id = draft_id_of_key(&key).unwrap_or(&key).to_owned();
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
                // Its key is free again (set aside above): written only where nothing is.
                if storage.create(&draft).is_ok() {
                    let when = local_time_ms(saved_at_ms);
                    let text = format!(
                        "{notice}已打开这份草稿在{when}自动保留的版本；此后的修改如需找回，请查看导出的原始内容。"
                    );
                    return (draft, Some(text));
                }
            }
            match newest_other(session, storage) {
                Some((draft, also)) => (draft, Some(format!("{notice}已打开最近编辑的另一份草稿{also}。"))),
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
                "上次的草稿所用的指标体系（版本{}）在本浏览器中找不到，暂无法打开；它仍原样保存在浏览器中，未被覆盖。请向同事要一份该指标体系文件，在“草稿管理”中用“从指标体系文件新建”导入后即可打开。",
                draft.framework.version
            )),
        ),
        // Named as the one to open, and gone (deleted in another window, or storage cleared in
        // part): said, and the newest other draft opened rather than a blank one.
        Ok(None) if storage.raw_get(LAST_OPENED_KEY).ok().flatten().is_some() => {
            let gone = "上次打开的草稿已不在本浏览器中（可能已在另一个窗口中删除，可在“草稿管理”的回收站中查看）";
            match newest_other(session, storage) {
                Some((draft, also)) => (draft, Some(format!("{gone}，已打开最近编辑的另一份草稿{also}。"))),
                None => (new_draft(), Some(format!("{gone}。"))),
            }
        }
        Ok(None) => (new_draft(), None),
        Err(error) => (new_draft(), Some(error.to_string())),
    }
}

/// Says which drafts start-up put back from the durable journal (src/workspace/journal.rs): the browser was
/// killed, or the PC lost power, before localStorage reached the disk.
pub(super) fn restored_notice(session: &Session) -> Option<String> {
    let storage = session.storage?;
    let titles: Vec<String> = crate::workspace::journal::restored()
        .iter()
        .filter_map(|draft_id| storage.load(draft_id).ok().flatten())
        .map(|draft| format!("“{}”", draft.display_name()))
        .collect();
    (!titles.is_empty()).then(|| {
        format!(
            "本地存储中缺少最后几次自动保存（浏览器上次可能没有正常关闭：崩溃、被强制结束或断电）；已从持久副本恢复草稿{}的最后内容，修改未丢失。",
            titles.join("、")
        )
    })
}

/// The draft opened with its last save from the journal when start-up could not write that back
/// (localStorage full): shown in the page, unsaved, and saved once space is freed.
pub(super) fn with_unrestored_text(session: &Session, draft: Draft, notice: Option<String>) -> (Draft, Option<String>) {
    let Some(text) = crate::workspace::journal::unrestored(&draft.id) else { return (draft, notice) };
    let Ok(mut newer) = Draft::from_json(&text) else { return (draft, notice) };
    if let Some(own) = session.framework_for(&newer.framework.id) {
        newer.migrate(own);
    }
    let said = "本地存储中缺少最后几次修改（浏览器上次可能没有正常关闭），它们保存在持久副本中，但本地存储已满，无法写回：已在本页面中打开这些修改（尚未保存）。请在“草稿管理”的“存储空间明细”中清理空间，清理后会自动保存；也可先导出草稿文件。";
    let notice = Some(notice.map_or_else(|| said.to_owned(), |notice| format!("{notice}{said}")));
    (newer, notice)
}
