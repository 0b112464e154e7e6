//! Export and import: Word, draft files, plain text, print; importing a draft file (picked or
//! dropped) after a preview, as a new draft or replacing the current one (backed up first);
//! switching between the drafts stored in this browser.

use crate::app::new_draft_id;
use crate::autosave::{local_time, now_iso};
use crate::components::fields::FilePicker;
use crate::components::merge_dialog::{MergeDialog, MergeProposal};
use crate::components::modal::ModalDialog;
use crate::files::{copy_text, download, download_draft_file, read_bytes, take_picked_file};
use crate::route::View;
use crate::workspace::{use_workspace, Session};
use leptos::prelude::*;
use lvzhi_core::docx::write_docx;
use lvzhi_core::draft_file::{read_draft_file, ImportPreview};
use lvzhi_core::file_names::safe_file_name;
use lvzhi_core::report::{build_report, report_title};
use lvzhi_core::validate::{rule, Severity};
use lvzhi_core::Draft;

/// `N处错误（范文空白未填3处、指标未填写2处）`, or `None` when there is no error.
fn error_summary(findings: &[lvzhi_core::validate::Finding]) -> Option<String> {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for finding in findings.iter().filter(|finding| finding.severity == Severity::Error) {
        let name = rule(finding.rule).map(|rule| rule.name).unwrap_or(finding.rule);
        match kinds.iter_mut().find(|(kind, _)| *kind == name) {
            Some((_, count)) => *count += 1,
            None => kinds.push((name, 1)),
        }
    }
    let total: usize = kinds.iter().map(|(_, count)| count).sum();
    (total > 0).then(|| {
        let parts: Vec<String> = kinds.iter().map(|(name, count)| format!("{name}{count}处")).collect();
        format!("{total}处错误（{}）", parts.join("、"))
    })
}

/// Reads a draft file with the framework it names, when this browser knows it (built in, or kept
/// from a framework file).
pub fn read_with_known_framework(
    session: &Session,
    bytes: &[u8],
) -> Result<ImportPreview, lvzhi_core::draft_file::ImportError> {
    match read_draft_file(bytes, session.framework) {
        Err(lvzhi_core::draft_file::ImportError::UnknownFramework { id, version }) => {
            match session.framework_for(&id) {
                Some(framework) => read_draft_file(bytes, framework),
                None => Err(lvzhi_core::draft_file::ImportError::UnknownFramework { id, version }),
            }
        }
        other => other,
    }
}

/// The draft as it stands, stamped now, for files and storage.
pub fn current_draft() -> Draft {
    let mut draft = use_workspace().current.get_untracked();
    draft.updated_at = now_iso();
    draft
}

#[component]
fn ImportDialog(preview: RwSignal<Option<ImportPreview>>, message: RwSignal<Option<String>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let open_as_new = move |_| {
        let Some(ImportPreview { mut draft, .. }) = preview.get_untracked() else { return };
        draft.id = new_draft_id();
        let current = current_draft();
        let saved = session.storage.map(|storage| storage.save(&current).and_then(|_| storage.save(&draft)));
        match saved {
            Some(Err(error)) => message.set(Some(format!("未能打开：{error}（当前草稿未改变）"))),
            _ => session.opened.set((
                draft,
                Some("已作为新草稿打开。原来的草稿仍保存在本浏览器中，可在“草稿管理”中打开。".to_owned()),
            )),
        }
    };
    let replace = move |_| {
        let Some(ImportPreview { mut draft, .. }) = preview.get_untracked() else { return };
        let current = current_draft();
        draft.id = current.id.clone();
        let Some(storage) = session.storage else {
            session.opened.set((draft, Some("已替换当前草稿（浏览器不能保存，原草稿未备份）。".to_owned())));
            return;
        };
        match storage.save_backup(&current).and_then(|key| storage.save(&draft).map(|_| key)) {
            Ok(key) => {
                session.opened.set((draft, Some(format!("已替换当前草稿。原草稿已备份在本浏览器中（{key}）。"))))
            }
            Err(error) => message.set(Some(format!("未能替换：{error}（当前草稿未改变）"))),
        }
    };
    view! {
        <Show when=move || preview.with(Option::is_some)>
            <ModalDialog labelled_by="import-title" test_id="import-dialog" on_cancel=Callback::new(move |()| preview.set(None))>
                    <h2 id="import-title">"导入草稿文件"</h2>
                    {move || preview.get().map(|preview| {
                        let region = if preview.region.trim().is_empty() { "（未填地区）".to_owned() } else { preview.region.clone() };
                        view! {
                            <dl class="import-summary">
                                <dt>"地区"</dt><dd>{region}</dd>
                                <dt>"年度"</dt><dd>{preview.year.clone()}</dd>
                                <dt>"已完成指标"</dt><dd>{format!("{}/{}", preview.done_items, preview.total_items)}</dd>
                                <dt>"问题和措施"</dt><dd>{format!("{}条问题，{}条措施", preview.problems, preview.measures)}</dd>
                                <dt>"最后修改"</dt><dd>{local_time(&preview.updated_at)}</dd>
                            </dl>
                            {preview.migrated_from.map(|from| view! { <p class="hint">{format!("该文件为旧格式（版本{from}），已自动升级，内容不变。")}</p> })}
                        }
                    })}
                    <p>"请选择打开方式。无论哪种方式，当前草稿都不会丢失。"</p>
                    <div class="dialog-actions">
                        <button type="button" class="primary" on:click=open_as_new>"作为新草稿打开"</button>
                        <button type="button" on:click=replace>"替换当前草稿（先备份）"</button>
                        <button type="button" on:click=move |_| preview.set(None)>"取消"</button>
                    </div>
            </ModalDialog>
        </Show>
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let framework = workspace.framework;
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let preview: RwSignal<Option<ImportPreview>> = RwSignal::new(None);
    let say = move |text: String| message.set(Some(text));

    let export_word = move |_| {
        if let Some(summary) = workspace.checks.findings.with_untracked(|findings| error_summary(findings)) {
            let question = format!("报告还有{summary}。仍要导出 Word 文件吗？");
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        let draft = workspace.current.get_untracked();
        let report = build_report(framework, &draft);
        let name = safe_file_name(&report_title(&draft), "docx");
        let mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        match download(&write_docx(&report), &name, mime) {
            Ok(()) => say(format!("已导出 {name}")),
            Err(error) => say(error),
        }
    };
    let export_draft = move |_| {
        let draft = current_draft();
        if let Some(storage) = session.storage {
            // What was sent is the base a returned file is merged against.
            let _ = storage.keep_sent(&draft);
        }
        match download_draft_file(&draft) {
            Ok(name) => say(format!("已导出草稿文件 {name}，可发给同事导入或合并。")),
            Err(error) => say(error),
        }
    };
    let export_text = move |_| {
        let draft = workspace.current.get_untracked();
        let text = build_report(framework, &draft).to_plain_text();
        let name = safe_file_name(&report_title(&draft), "txt");
        let downloaded = download(text.as_bytes(), &name, "text/plain;charset=utf-8");
        leptos::task::spawn_local(async move {
            let copied = copy_text(&text).await;
            say(match (downloaded, copied) {
                (Ok(()), Ok(())) => format!("已导出 {name}，全文已复制到剪贴板。"),
                (Ok(()), Err(error)) => format!("已导出 {name}。{error}"),
                (Err(error), _) => error,
            });
        });
    };
    let take_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match read_bytes(&file).await {
                Err(error) => say(error),
                Ok(bytes) => match read_with_known_framework(&session, &bytes) {
                    Ok(found) => {
                        message.set(None);
                        preview.set(Some(found));
                    }
                    Err(error) => say(format!("导入失败：{error}当前草稿未改变。")),
                },
            }
        });
    };
    let on_pick = move |event: leptos::ev::Event| {
        if let Some(file) = take_picked_file(&event) {
            take_file(file);
        }
    };
    let merge_proposal: RwSignal<Option<MergeProposal>> = RwSignal::new(None);
    let on_merge_pick = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            match read_bytes(&file).await {
                Err(error) => say(error),
                Ok(bytes) => match read_draft_file(&bytes, framework) {
                    Ok(found) => {
                        message.set(None);
                        merge_proposal.set(Some(MergeProposal::new(found.draft)));
                    }
                    Err(error) => say(format!("无法合并：{error}当前草稿未改变。")),
                },
            }
        });
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
        <div class="toolbar" role="toolbar" aria-label="导出与导入">
            <button type="button" on:click=export_word>"导出 Word"</button>
            <button type="button" on:click=export_text>"导出纯文本"</button>
            <a class="button" href=View::Print.href()>"打印预览"</a>
            <span class="separator" aria-hidden="true"></span>
            <button type="button" on:click=export_draft>"导出草稿文件"</button>
            <a class="button" href=View::ImportOld.href()>"导入旧报告"</a>
            <FilePicker id="import-file" label="导入草稿文件" accept=".json,application/json" on_pick=Callback::new(on_pick)/>
            <a class="button" href=View::Drafts.href()>"草稿管理"</a>
            <FilePicker id="merge-file" label="合并同事的草稿" accept=".json,application/json" on_pick=Callback::new(on_merge_pick)/>
            <p class="toolbar-message" role="status" aria-live="polite" data-testid="toolbar-message">{move || message.get()}</p>
        </div>
        <ImportDialog preview=preview message=message/>
        <MergeDialog proposal=merge_proposal message=message/>
    }
}
