//! 草稿管理: every draft of this browser (region, year, progress, last edit) — new, open, rename,
//! duplicate, delete to the 回收站 and restore; earlier versions of the open draft; unreadable
//! entries, kept and exportable; the room storage uses.

use crate::app::new_draft_id;
use crate::autosave::{local_time, local_time_ms, now_iso};
use crate::components::backup::BackupActions;
use crate::components::fields::FilePicker;
use crate::components::toolbar::current_draft;
use crate::files::download;
use crate::workspace::{use_workspace, Session};
use leptos::prelude::*;
use lvzhi_core::framework::Framework;
use lvzhi_core::status::checked_progress;
use lvzhi_core::Draft;
use lvzhi_storage::{StorageError, StoredEntry, TrashEntry, VersionInfo};

/// Offers an unreadable entry's text, exactly as stored, as a download; returns what to tell the user.
fn export_raw_text(raw: &str, file_name: &str) -> String {
    match download(raw.as_bytes(), file_name, "text/plain;charset=utf-8") {
        Ok(()) => format!("已导出原始内容 {file_name}。"),
        Err(error) => error,
    }
}

/// Everything the page lists, read from storage when asked.
#[derive(Clone, Default, PartialEq)]
struct Listing {
    entries: Vec<StoredEntry>,
    versions: Vec<VersionInfo>,
    trash: Vec<TrashEntry>,
    set_aside: Vec<(String, String)>,
    used: u64,
    quota: u64,
}

#[component]
pub fn DraftsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let framework = session.framework;
    let current_id = workspace.current.with_untracked(|draft| draft.id.clone());
    let listing = RwSignal::new(Listing::default());
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let refresh = Callback::new({
        let current_id = current_id.clone();
        move |()| {
            let Some(storage) = session.storage else { return };
            // What is on screen is what is listed: write pending edits first.
            workspace.autosave.flush();
            let usage = storage.usage();
            listing.set(Listing {
                entries: storage.entries(),
                versions: storage.versions(&current_id),
                trash: storage.trash(),
                set_aside: storage.set_aside_entries(),
                used: usage.used_bytes,
                quota: usage.quota_bytes,
            });
        }
    });
    refresh.run(());
    let report = Callback::new(move |result: Result<String, StorageError>| {
        message.set(Some(match result {
            Ok(done) => done,
            Err(error) => error.to_string(),
        }));
        refresh.run(());
    });
    let open = Callback::new(move |(draft, notice): (Draft, String)| {
        workspace.autosave.flush();
        if let Some(storage) = session.storage {
            let _ = storage.set_last(&draft.id);
        }
        let _ = window().location().set_hash("#/");
        session.opened.set((draft, Some(notice)));
    });
    let new_draft = move |_| {
        let draft = Draft::new(framework, new_draft_id(), now_iso());
        if let Some(storage) = session.storage {
            if let Err(error) = storage.save(&draft) {
                return report.run(Err(error));
            }
        }
        open.run((draft, "已新建草稿。".to_owned()));
    };

    // A framework file (another year, province or level): checked, kept, and a draft made from it.
    let new_from_framework_file = move |event: leptos::ev::Event| {
        let Some(file) = crate::files::take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            let text = match crate::files::read_bytes(&file).await.map(String::from_utf8) {
                Ok(Ok(text)) => text,
                _ => return message.set(Some("无法读取该文件：指标体系文件应为 UTF-8 编码的 JSON 文本。".to_owned())),
            };
            let parsed = match Framework::from_json(&text) {
                Ok(parsed) => parsed,
                Err(error) => return message.set(Some(error.to_string())),
            };
            let title = parsed.title.clone();
            let own = match session.keep_framework(parsed, &text) {
                Ok(own) => own,
                Err(error) => return report.run(Err(error)),
            };
            let draft = Draft::new(own, new_draft_id(), now_iso());
            if let Some(storage) = session.storage {
                if let Err(error) = storage.save(&draft) {
                    return report.run(Err(error));
                }
            }
            open.run((draft, format!("已按指标体系“{title}”新建草稿。")));
        });
    };

    view! {
        <section class="drafts-page" aria-labelledby="drafts-title">
            <h1 id="drafts-title">"草稿管理"</h1>
            {session.storage.is_none().then(|| view! {
                <p class="notice">"浏览器的本地存储不可用，草稿不会保存。"</p>
            })}
            <div class="storage-usage">
                <label for="storage-usage-bar">{move || listing.with(|l| format!(
                    "本地存储已用 {} KB，约剩 {} KB（按浏览器为每个网站提供的约 {} MB 估算，各浏览器略有不同）",
                    l.used / 1024, l.quota.saturating_sub(l.used) / 1024, l.quota / 1024 / 1024))}</label>
                <progress id="storage-usage-bar" max=move || listing.with(|l| l.quota) value=move || listing.with(|l| l.used)></progress>
            </div>
            <div class="dialog-actions start">
                <button type="button" class="primary" on:click=new_draft>{format!("新建草稿（{}）", framework.title)}</button>
                <FilePicker id="framework-file" label="从指标体系文件新建…" accept=".json,application/json" on_pick=Callback::new(new_from_framework_file)/>
            </div>
            {session.storage.is_some().then(|| view! { <BackupActions message=message refresh=refresh/> })}
            // Where the app is served, it also offers itself as the one-file build (postbuild.mjs).
            {crate::offline::is_served().then(|| view! {
                <p class="hint">
                    <a href="./lvzhi-offline.html" download="履职自评（离线版）.html">"下载离线版（单个 HTML 文件）"</a>
                    "：双击即可在浏览器中使用，可用邮件或 U 盘发给同事；草稿保存在各自的浏览器中。"
                </p>
            })}
            <p role="status" aria-live="polite" data-testid="drafts-message">{move || message.get()}</p>

            <h2>"本浏览器中的草稿"</h2>
            <table class="drafts-table">
                <thead><tr><th scope="col">"草稿"</th><th scope="col">"完成"</th><th scope="col">"最后修改"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>
                    {move || listing.get().entries.into_iter().map(|entry| {
                        let current_id = current_id.clone();
                        match entry.content {
                            Ok(draft) => {
                                let is_current = draft.id == current_id;
                                let progress = session.framework_for(&draft.framework.id).map(|own| checked_progress(own, &draft));
                                let name = draft.display_name();
                                let (for_open, for_copy, for_rename) = (draft.clone(), draft.clone(), draft.clone());
                                let id = draft.id.clone();
                                let delete_id = id.clone();
                                let open_it = move |_| open.run((for_open.clone(), format!("已打开“{}”。", for_open.display_name())));
                                let copy_it = move |_| {
                                    let Some(storage) = session.storage else { return };
                                    let mut copy = for_copy.clone();
                                    copy.id = new_draft_id();
                                    copy.name = format!("{}（副本）", for_copy.display_name());
                                    copy.updated_at = now_iso();
                                    report.run(storage.store(&copy).map(|_| format!("已复制为“{}”。", copy.name)));
                                };
                                let rename_it = move |_| {
                                    let Some(name) = window().prompt_with_message_and_default("草稿名称：", &for_rename.display_name()).ok().flatten() else { return };
                                    if for_rename.id == workspace.current.with_untracked(|d| d.id.clone()) {
                                        workspace.draft.name.set(name.trim().to_owned());
                                        workspace.autosave.flush();
                                        refresh.run(());
                                        return;
                                    }
                                    let Some(storage) = session.storage else { return };
                                    let mut renamed = for_rename.clone();
                                    renamed.name = name.trim().to_owned();
                                    report.run(storage.store(&renamed).map(|_| "已重命名。".to_owned()));
                                };
                                let delete_it = move |_| {
                                    let Some(storage) = session.storage else { return };
                                    if is_current {
                                        // Leave the draft first: open another (or a new one), then delete.
                                        let next = storage.entries().into_iter().filter_map(|e| e.content.ok()).find(|d| d.id != delete_id);
                                        let next = next.unwrap_or_else(|| Draft::new(framework, new_draft_id(), now_iso()));
                                        if let Err(error) = storage.save(&next).and_then(|_| storage.move_to_trash(&delete_id)) {
                                            return report.run(Err(error));
                                        }
                                        open.run((next, "原草稿已移到回收站，可在“草稿管理”中恢复。".to_owned()));
                                    } else {
                                        report.run(storage.move_to_trash(&delete_id).map(|_| "已移到回收站，可恢复。".to_owned()));
                                    }
                                };
                                view! {
                                    <tr data-draft=id.clone() class:current=is_current>
                                        <th scope="row">{name}{is_current.then_some("（当前）")}</th>
                                        <td>{progress.map(|p| format!("{}/{}", p.done, p.total)).unwrap_or_else(|| "（指标体系未知）".to_owned())}</td>
                                        <td>{local_time(&draft.updated_at)}</td>
                                        <td class="row-actions">
                                            {(!is_current).then(|| view! { <button type="button" on:click=open_it>"打开"</button> })}
                                            <button type="button" on:click=rename_it>"重命名"</button>
                                            <button type="button" on:click=copy_it>"复制"</button>
                                            <button type="button" class="danger" on:click=delete_it>"删除"</button>
                                        </td>
                                    </tr>
                                }.into_any()
                            }
                            Err((raw, reason)) => {
                                let id = entry.id.clone();
                                let aside_id = id.clone();
                                let name = format!("无法读取的草稿-{id}.txt");
                                let export_raw = move |_| message.set(Some(export_raw_text(&raw, &name)));
                                let set_aside = move |_| {
                                    let Some(storage) = session.storage else { return };
                                    report.run(storage.set_aside(&aside_id).map(|key| format!("已移出（保存在 {key}）。")));
                                };
                                view! {
                                    <tr data-draft=id.clone() class="unreadable">
                                        <th scope="row">{format!("无法读取的草稿（{id}）")}</th>
                                        <td colspan="2">{reason.to_string()}</td>
                                        <td class="row-actions">
                                            <button type="button" on:click=export_raw>"导出原始内容"</button>
                                            <button type="button" on:click=set_aside>"移出列表"</button>
                                        </td>
                                    </tr>
                                }.into_any()
                            }
                        }
                    }).collect_view()}
                </tbody>
            </table>

            <h2>"当前草稿的历史版本"</h2>
            <p class="hint">"编辑时每隔几分钟自动保留一个版本，最多保留10个。恢复前，当前内容会先保留为一个版本。"</p>
            <ul class="versions">
                {move || listing.get().versions.into_iter().map(|version| {
                    let key = version.key.clone();
                    let restore = move |_| {
                        let Some(storage) = session.storage else { return };
                        let current = current_draft();
                        let restored = storage.keep_version(&current, 0).and_then(|_| storage.load_key(&key));
                        match restored {
                            Ok(mut draft) => {
                                draft.id = current.id.clone();
                                draft.updated_at = now_iso();
                                match storage.save(&draft) {
                                    Ok(()) => open.run((draft, "已恢复到所选版本；恢复前的内容已保留为一个版本。".to_owned())),
                                    Err(error) => report.run(Err(error)),
                                }
                            }
                            Err(error) => report.run(Err(error)),
                        }
                    };
                    view! { <li>{local_time_ms(version.saved_at_ms)}" "<button type="button" on:click=restore>"恢复此版本"</button></li> }
                }).collect_view()}
            </ul>

            <h2>"回收站"</h2>
            <ul class="trash">
                {move || listing.get().trash.into_iter().map(|entry| {
                    let name = entry.draft.as_ref().map(Draft::display_name).unwrap_or_else(|| entry.id.clone());
                    let (restore_key, purge_key) = (entry.key.clone(), entry.key.clone());
                    let restore = move |_| {
                        let Some(storage) = session.storage else { return };
                        report.run(storage.restore_from_trash(&restore_key, new_draft_id).map(|draft| format!("已恢复“{}”。", draft.display_name())));
                    };
                    let purge = move |_| {
                        let Some(storage) = session.storage else { return };
                        if window().confirm_with_message("永久删除后无法恢复，确定吗？").unwrap_or(false) {
                            report.run(storage.purge(&purge_key).map(|_| "已永久删除。".to_owned()));
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

            {move || {
                let aside = listing.get().set_aside;
                (!aside.is_empty()).then(|| view! {
                    <h2>"无法读取的草稿"</h2>
                    <p class="hint">"这些内容无法作为草稿打开，已原样保留。可以导出原始文字，从中找回内容。"</p>
                    <ul class="set-aside">
                        {aside.into_iter().map(|(key, raw)| {
                            let purge_key = key.clone();
                            let file_name = format!("{}.txt", key.replace('/', "-"));
                            let export_raw = move |_| message.set(Some(export_raw_text(&raw, &file_name)));
                            let purge = move |_| {
                                let Some(storage) = session.storage else { return };
                                if window().confirm_with_message("永久删除后无法恢复，确定吗？").unwrap_or(false) {
                                    report.run(storage.purge(&purge_key).map(|_| "已永久删除。".to_owned()));
                                }
                            };
                            view! {
                                <li data-set-aside=key.clone()>{key.clone()}" "
                                    <button type="button" on:click=export_raw>"导出原始内容"</button>
                                    <button type="button" class="danger" on:click=purge>"永久删除"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
