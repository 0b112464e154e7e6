//! 草稿管理: every draft of this browser (region, year, progress, last edit) — new, open, rename,
//! duplicate, delete to the 回收站 and restore; earlier versions of the open draft; unreadable
//! entries, kept and exportable; the room storage uses. Every action is a `Session` method; the
//! page only lists and asks.

use crate::clock::{local_time, local_time_ms, local_time_seconds_ms};
use crate::drafts::backup::BackupActions;
use crate::drafts::storage_space::StorageSpace;
use crate::files::{download, read_text, take_picked_file};
use crate::frameworks::list::FrameworksList;
use crate::notices::AppError;
use crate::session::Session;
use crate::widgets::file_picker::FilePicker;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::status::checked_progress;
use lvzhi_core::Draft;
use lvzhi_storage::{SpacePart, StoredEntry, TrashEntry, VersionInfo};

/// Everything the page lists, read from storage when asked.
#[derive(Clone, Default, PartialEq)]
struct Listing {
    entries: Vec<StoredEntry>,
    versions: Vec<VersionInfo>,
    backups: Vec<VersionInfo>,
    trash: Vec<TrashEntry>,
    set_aside: Vec<(String, String)>,
    space: Vec<SpacePart>,
    used: u64,
    quota: u64,
}

/// What the page's parts share: the listing and how to refresh it after an action.
#[derive(Clone, Copy)]
struct DraftsList {
    listing: RwSignal<Listing>,
    refresh: Callback<()>,
}

impl DraftsList {
    /// Shows an action's outcome and lists storage afresh. An action that freed space (a delete,
    /// a purge) lets the open draft's edits that storage refused be written at once: the header's
    /// 未保存 does not wait for the next keystroke.
    fn after(&self, outcome: Result<String, AppError>) {
        let done = outcome.is_ok();
        expect_context::<Session>().notices.report(outcome);
        self.refresh.run(());
        let autosave = use_workspace().autosave;
        if done && matches!(autosave.status.get_untracked(), crate::workspace::autosave::SaveStatus::Failed(_)) {
            autosave.save_now();
        }
    }
}

/// Offers text exactly as stored, as a download; returns what to tell the user.
fn export_raw_text(raw: &str, file_name: &str) -> Result<String, AppError> {
    download(raw.as_bytes(), file_name, "text/plain;charset=utf-8")?;
    Ok(format!("已导出原始内容 {file_name}。"))
}

/// `lvzhi/corrupt/<id>/<ms>` as the user reads it: the draft's id and when it was set aside.
fn set_aside_label(key: &str) -> String {
    let mut parts = key.rsplitn(3, '/');
    let (ms, id) = (parts.next().and_then(|ms| ms.parse::<u64>().ok()), parts.next());
    match (id, ms) {
        (Some(id), Some(ms)) => format!("草稿 {id}（{}移出）", local_time_ms(ms)),
        _ => key.to_owned(),
    }
}

/// Each stored draft as 存储空间 names it, by id: `“name”`; drafts of one name are told apart by
/// their place in the list above (newest edit first), as `“name”（同名的第2份…）`.
fn space_names(entries: &[StoredEntry]) -> std::collections::HashMap<String, String> {
    let drafts: Vec<&Draft> = entries.iter().filter_map(|entry| entry.content.as_ref().ok()).collect();
    drafts
        .iter()
        .enumerate()
        .map(|(index, draft)| {
            let name = draft.display_name();
            let same = |other: &&&Draft| other.display_name() == name;
            let label = if drafts.iter().filter(same).count() > 1 {
                let place = drafts[..index].iter().filter(same).count() + 1;
                format!("“{name}”（同名的第{place}份，按最后修改从新到旧）")
            } else {
                format!("“{name}”")
            };
            (draft.id.clone(), label)
        })
        .collect()
}

/// Asks before removing something for good.
fn confirm_purge() -> bool {
    window().confirm_with_message("永久删除后无法恢复，确定吗？").unwrap_or(false)
}

#[component]
pub fn DraftsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    // A new draft is on the open draft's framework (a county's own, not the built-in); the other
    // frameworks each offer theirs in the list below.
    let framework = workspace.framework;
    let example = session.scored_example();
    let current_id = workspace.snapshot.with_untracked(|draft| draft.id.clone());
    let listing = RwSignal::new(Listing::default());
    let refresh = Callback::new({
        let current_id = current_id.clone();
        move |()| {
            let Some(storage) = session.storage else { return };
            // What is on screen is what is listed: write pending edits first.
            workspace.autosave.flush();
            // One pass over storage: the parts, and the room used as their sum.
            let space = storage.space();
            let used = space.iter().map(|part| part.bytes).sum();
            listing.set(Listing {
                entries: storage.entries(),
                versions: storage.versions(&current_id),
                backups: storage.backups(&current_id),
                trash: storage.trash(),
                set_aside: storage.set_aside_entries(),
                space,
                used,
                quota: lvzhi_storage::QUOTA_BYTES,
            });
        }
    });
    refresh.run(());
    let list = DraftsList { listing, refresh };
    provide_context(list);
    let new_draft = move |_| {
        // An empty draft starts where 开始 starts it: on 基本信息.
        session.notices.report_error(session.open_new_on_meta(session.new_draft(framework), "已新建草稿。"));
    };
    let new_scored_draft = move |_| {
        let notice = format!("已按“{}”新建草稿。", example.title);
        session.notices.report_error(session.open_new_on_meta(session.new_draft(example), notice));
    };
    // A framework file (another year, province or level): checked, kept, and a draft made from it.
    let new_from_framework_file = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            let outcome = async {
                let (draft, notice) =
                    session.draft_on_framework_file(&read_text(&file, lvzhi_core::limits::FRAMEWORK_FILE).await?)?;
                session.open_new(draft, notice)
            };
            session.notices.report_error(outcome.await);
        });
    };

    view! {
        <section class="drafts-page" aria-labelledby="drafts-title">
            <h1 id="drafts-title">"草稿管理"</h1>
            {session.storage.is_none().then(|| view! {
                <p class="notice">"浏览器的本地存储不可用，草稿不会保存。"</p>
            })}
            <StorageUsage listing=listing/>
            {session.storage.is_some().then(|| {
                let parts = Signal::derive(move || listing.with(|listing| listing.space.clone()));
                let names = Signal::derive(move || listing.with(|listing| space_names(&listing.entries)));
                // Open at once when storage is (nearly) full or refused the open draft's edits (the
                // banner's 清理存储空间 leads here): that is when it is looked for.
                let refused = matches!(
                    workspace.autosave.status.get_untracked(),
                    crate::workspace::autosave::SaveStatus::Failed(lvzhi_storage::StorageError::QuotaExceeded)
                );
                let open = refused || listing.with_untracked(|listing| listing.used * 20 >= listing.quota * 19);
                view! { <StorageSpace parts=parts names=names open=open after=Callback::new(move |outcome| list.after(outcome))/> }
            })}
            <div class="dialog-actions start">
                <button type="button" class="primary" id="new-draft" on:click=new_draft>{format!("新建草稿（{}）", framework.title)}</button>
                {(example.id != framework.id).then(|| view! {
                    <button type="button" id="new-scored-example" on:click=new_scored_draft>{format!("新建草稿（{}）", example.title)}</button>
                })}
                <FilePicker id="framework-file" label="从指标体系文件新建…" accept=".json,application/json" on_pick=Callback::new(new_from_framework_file)/>
                <a class="button" id="from-table" href=crate::route::AppPage::FromTable.href()>"从指标表新建…"</a>
            </div>
            {session.storage.is_some().then(|| view! { <BackupActions refresh=refresh/> })}
            // Where the app is served, it also offers itself as the one-file build (postbuild.mjs).
            {crate::offline::is_served().then(|| view! {
                <p class="hint">
                    <a href="./lvzhi-offline.html" download="履职自评（离线版）.html">"下载离线版（单个 HTML 文件）"</a>
                    "：双击即可在浏览器中使用，可用邮件或 U 盘发给同事；草稿保存在各自的浏览器中。"
                </p>
            })}

            <h2>"本浏览器中的草稿"</h2>
            <table class="drafts-table">
                <thead><tr><th scope="col">"草稿"</th><th scope="col">"完成"</th><th scope="col">"最后修改"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>
                    {move || listing.get().entries.into_iter().map(|entry| match entry.content {
                        Ok(draft) => view! { <DraftRow draft=draft current_id=current_id.clone()/> }.into_any(),
                        Err((raw, reason)) => view! { <UnreadableRow id=entry.id raw=raw reason=reason.to_string()/> }.into_any(),
                    }).collect_view()}
                    // A first visit: the example behind the page is not a draft of this browser.
                    {move || listing.with(|listing| listing.entries.is_empty()).then(|| view! {
                        <tr><td colspan="4" class="no-match" data-testid="no-drafts">"本浏览器中还没有草稿。可用下面的“新建草稿”，或在“开始”页选定指标体系。"</td></tr>
                    })}
                </tbody>
            </table>
            <FrameworksList/>
            <VersionList/>
            <TrashList/>
            <SetAsideList/>
        </section>
    }
}

#[component]
fn StorageUsage(listing: RwSignal<Listing>) -> impl IntoView {
    // Whether the browser keeps this site's data: asked when the page opens, and on the button.
    let kept: RwSignal<Option<bool>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        let answer = crate::persistence::persisted().await;
        kept.try_set(answer);
    });
    let notices = expect_context::<Session>().notices;
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let answer = crate::persistence::ask_to_persist().await;
            kept.try_set(answer);
            if answer != Some(true) {
                notices.done("浏览器未同意长期保存（各浏览器按自己的规则决定，常用或已加入书签的网站较易获准）。请继续定期导出备份。");
            }
        })
    };
    view! {
        <div class="storage-usage">
            {move || kept.get().map(|kept| if kept {
                view! { <p class="hint" data-testid="storage-persistence">"浏览器已同意长期保存本站数据，不会因空间不足而自动清除。"</p> }.into_any()
            } else {
                view! {
                    <p class="notice" data-testid="storage-persistence">
                        "浏览器未承诺长期保存本站数据：磁盘空间不足时可能被清除；在无痕（隐私）窗口中，关闭窗口即全部清除。请定期“导出草稿文件”或“全部备份”，存到本机以外的地方。"
                        " "
                        <button type="button" class="link-button" id="ask-persist" on:click=ask>"请求长期保存"</button>
                    </p>
                }.into_any()
            })}
            <label for="storage-usage-bar">{move || listing.with(|l| format!(
                "本地存储已用 {} KB，约剩 {} KB（按浏览器为每个网站提供的约 {} MB 估算，各浏览器略有不同）",
                l.used / 1024, l.quota.saturating_sub(l.used) / 1024, l.quota / 1024 / 1024))}</label>
            <progress id="storage-usage-bar" max=move || listing.with(|l| l.quota) value=move || listing.with(|l| l.used)></progress>
        </div>
    }
}

/// One readable draft: open, rename, copy, delete.
#[component]
fn DraftRow(draft: Draft, current_id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let list = expect_context::<DraftsList>();
    let is_current = draft.id == current_id;
    let own_framework = session.framework_for(&draft.framework.id);
    let progress = own_framework.map(|own| checked_progress(own, &draft));
    // Drafts of different frameworks can share a name: each says which it follows.
    let framework_title = own_framework
        .map_or_else(|| format!("指标体系不在本浏览器中（版本{}）", draft.framework.version), |own| own.title.clone());
    let name = draft.display_name();
    let id = draft.id.clone();
    let open_it = {
        let id = id.clone();
        move |_| session.notices.report_error(session.open(&id, |draft| format!("已打开“{}”。", draft.display_name())))
    };
    let copy_it = {
        let draft = draft.clone();
        move |_| list.after(session.copy_draft(&draft))
    };
    let rename_it = {
        let (id, current_name) = (id.clone(), name.clone());
        move |_| {
            let Ok(Some(name)) = window().prompt_with_message_and_default("草稿名称：", &current_name) else {
                return;
            };
            if is_current {
                // The open draft is renamed through its form, and saved as any edit.
                workspace.signals.name.set(name.trim().to_owned());
                list.after(Ok("已重命名。".to_owned()));
            } else {
                list.after(session.rename_stored(&id, &name));
            }
        }
    };
    let delete_it = {
        let id = id.clone();
        move |_| {
            let outcome = match session.delete_draft(&id) {
                // Full: the 回收站 cannot take a copy. Deleting for good is the way out, at the
                // user's word; an export first keeps the draft outside the browser.
                Err(AppError::Storage(lvzhi_storage::StorageError::QuotaExceeded)) => {
                    let asked = "本地存储已满，这份草稿无法放入回收站。要永久删除它（连同它的历史版本和备份）以腾出空间吗？删除后无法恢复；如需保留，请先取消，打开这份草稿并用“导出草稿文件”存到本机。";
                    if !window().confirm_with_message(asked).unwrap_or(false) {
                        return;
                    }
                    session.delete_draft_for_good(&id)
                }
                other => other,
            };
            list.after(outcome);
        }
    };
    view! {
        <tr data-draft=id class:current=is_current>
            <th scope="row">{name}{is_current.then_some("（当前）")}<span class="draft-framework">{framework_title}</span></th>
            <td>{progress.map(|p| format!("{}/{}", p.done, p.total)).unwrap_or_else(|| "（指标体系未知）".to_owned())}</td>
            <td>{local_time(&draft.updated_at)}</td>
            <td class="row-actions">
                {(!is_current).then(|| view! { <button type="button" on:click=open_it>"打开"</button> })}
                <button type="button" on:click=rename_it>"重命名"</button>
                <button type="button" on:click=copy_it>"复制"</button>
                <button type="button" class="danger" on:click=delete_it>"删除"</button>
            </td>
        </tr>
    }
}

/// A stored entry that does not read as a draft: its text can be exported, or set aside.
#[component]
fn UnreadableRow(id: String, raw: String, reason: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let list = expect_context::<DraftsList>();
    let name = format!("无法读取的草稿-{id}.txt");
    let export_raw = move |_| session.notices.report(export_raw_text(&raw, &name));
    let set_aside = {
        let id = id.clone();
        move |_| {
            let Some(storage) = session.storage else { return };
            list.after(
                storage
                    .set_aside(&id)
                    .map(|_| "已移出草稿列表，原样保留在下方“无法读取的草稿”中，仍可导出。".to_owned())
                    .map_err(AppError::from),
            );
        }
    };
    view! {
        <tr data-draft=id.clone() class="unreadable">
            <th scope="row">{format!("无法读取的草稿（{id}）")}</th>
            <td colspan="2">{reason}</td>
            <td class="row-actions">
                <button type="button" on:click=export_raw>"导出原始内容"</button>
                <button type="button" on:click=set_aside>"移出列表"</button>
            </td>
        </tr>
    }
}

/// A kept version or backup of the open draft, restorable after a confirm.
fn restore_row(session: Session, version: VersionInfo, what_it_is: &'static str) -> impl IntoView {
    let when = local_time_seconds_ms(version.saved_at_ms);
    let what = session
        .storage
        .and_then(|storage| storage.load_key(&version.key).ok())
        .map(|draft| describe_version(&draft))
        .unwrap_or_default();
    let question = format!("把当前草稿恢复到 {when} 的内容？恢复前的内容会先保留为一个版本，可以再恢复回来。");
    let key = version.key;
    let restore = move |_| {
        if window().confirm_with_message(&question).unwrap_or(false) {
            session.notices.report_error(session.restore_version(&key));
        }
    };
    view! {
        <li>
            <span class="version-time">{when.clone()}</span>" "<span class="hint">{what}</span>" "
            <button type="button" on:click=restore>{format!("恢复此{what_it_is}")}</button>
        </li>
    }
}

/// What a version holds, in a few words, to tell versions apart: `已写12项指标，约3400字，2条问题`.
fn describe_version(draft: &Draft) -> String {
    let written: Vec<&str> =
        draft.items.values().map(|entry| entry.narrative.trim()).filter(|text| !text.is_empty()).collect();
    let chars: usize = written.iter().map(|text| text.chars().count()).sum::<usize>()
        + draft.problems.iter().map(|entry| entry.title.chars().count() + entry.text.chars().count()).sum::<usize>()
        + draft.measures.iter().map(|entry| entry.title.chars().count() + entry.text.chars().count()).sum::<usize>();
    let mut parts = vec![format!("已写{}项指标", written.len()), format!("共{chars}字")];
    if !draft.problems.is_empty() {
        parts.push(format!("{}条问题", draft.problems.len()));
    }
    if !draft.meta.region.trim().is_empty() {
        parts.insert(0, draft.meta.region.trim().to_owned());
    }
    parts.join("，")
}

/// Earlier versions of the open draft, and its backups, each restorable.
#[component]
fn VersionList() -> impl IntoView {
    let session = expect_context::<Session>();
    let list = expect_context::<DraftsList>();
    // No draft stored (a first visit): no history to show.
    let any = move || list.listing.with(|listing| !listing.entries.is_empty());
    view! {
        <Show when=any>
        <h2>"当前草稿的历史版本"</h2>
        <p class="hint">"编辑时每隔几分钟自动保留一个版本，最多保留10个。恢复前，当前内容会先保留为一个版本。"</p>
        <ul class="versions">
            {move || list.listing.get().versions.into_iter().map(|version| restore_row(session, version, "版本")).collect_view()}
        </ul>
        <Show when=move || list.listing.with(|listing| !listing.backups.is_empty())>
            <h2>"备份"</h2>
            <p class="hint">"导入、合并、恢复版本或在另一个窗口中保留其版本之前，被替换的内容都先备份在这里，最多保留10份。"</p>
            <ul class="backups">
                {move || list.listing.get().backups.into_iter().map(|backup| restore_row(session, backup, "备份")).collect_view()}
            </ul>
        </Show>
        </Show>
    }
}

/// The 回收站: restore, or remove for good.
#[component]
fn TrashList() -> impl IntoView {
    let session = expect_context::<Session>();
    let list = expect_context::<DraftsList>();
    view! {
        <h2>"回收站"</h2>
        <Show when=move || list.listing.with(|listing| listing.trash.is_empty())>
            <p class="hint" data-testid="trash-empty">"回收站是空的。删除的草稿会先放在这里，可以恢复。"</p>
        </Show>
        <ul class="trash">
            {move || list.listing.get().trash.into_iter().map(|entry| {
                let name = entry.draft.as_ref().map(Draft::display_name).unwrap_or_else(|| entry.id.clone());
                let (restore_key, purge_key) = (entry.key.clone(), entry.key.clone());
                let restore = move |_| list.after(session.restore_from_trash(&restore_key));
                let purge = move |_| {
                    let Some(storage) = session.storage else { return };
                    if confirm_purge() {
                        list.after(storage.purge(&purge_key).map(|()| "已永久删除。".to_owned()).map_err(AppError::from));
                    }
                };
                view! {
                    <li data-trash=entry.id.clone()>
                        {format!("{name}（删除于 {}）", local_time_ms(entry.deleted_at_ms))}" "
                        <button type="button" on:click=restore>"恢复"</button>
                        <button type="button" class="danger" on:click=purge>"永久删除"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Entries set aside as unreadable: kept as they were, exportable, removable at the user's word.
#[component]
fn SetAsideList() -> impl IntoView {
    let session = expect_context::<Session>();
    let list = expect_context::<DraftsList>();
    move || {
        let aside = list.listing.get().set_aside;
        (!aside.is_empty()).then(|| view! {
            <h2>"无法读取的草稿"</h2>
            <p class="hint">"这些内容无法作为草稿打开，已原样保留。可以导出原始文字，从中找回内容。"</p>
            <ul class="set-aside">
                {aside.into_iter().map(|(key, raw)| {
                    let purge_key = key.clone();
                    let file_name = format!("{}.txt", key.replace('/', "-"));
                    let export_raw = move |_| session.notices.report(export_raw_text(&raw, &file_name));
                    let purge = move |_| {
                        let Some(storage) = session.storage else { return };
                        if confirm_purge() {
                            list.after(storage.purge(&purge_key).map(|()| "已永久删除。".to_owned()).map_err(AppError::from));
                        }
                    };
                    view! {
                        <li data-set-aside=key.clone()>{set_aside_label(&key)}" "
                            <button type="button" on:click=export_raw>"导出原始内容"</button>
                            <button type="button" class="danger" on:click=purge>"永久删除"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    }
}
