//! The toolbar: exports (Word, plain text, print preview, draft file), then the ways in (导入旧报告,
//! a draft file, 草稿管理, 汇总, 合并同事的草稿).

use crate::drafts::draft_file_import::DraftFileImport;
use crate::drafts::merge_dialog::MergeAction;
use crate::files::{copy_text, download, download_draft_file};
use crate::notices::AppError;
use crate::route::{AppPage, DraftPage};
use crate::session::Session;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::docx::write_docx;
use lvzhi_core::file_names::safe_file_name;
use lvzhi_core::report::{build_report, report_title};
use lvzhi_core::validate::summary::error_summary;

#[component]
pub fn Toolbar() -> impl IntoView {
    view! {
        <div class="toolbar" role="toolbar" aria-label="导出与导入">
            // What acts on the open draft; hidden on 开始, where no draft is the user's yet.
            <span class="for-draft"><ExportActions/></span>
            <span class="separator for-draft" aria-hidden="true"></span>
            <a class="button" href=DraftPage::ImportOld.href()>"导入旧报告"</a>
            <DraftFileImport/>
            <a class="button" href=AppPage::Drafts.href()>"草稿管理"</a>
            <a class="button" href=AppPage::Collect.href() title="督导室汇总各单位的草稿，对照、复核">"汇总"</a>
            <span class="for-draft"><MergeAction/></span>
        </div>
    }
}

/// Word (asking first when the report still has errors), plain text (also to the clipboard), the
/// print preview, and the draft file for colleagues (kept as sent, the base of a later merge).
#[component]
fn ExportActions() -> impl IntoView {
    let session = expect_context::<Session>();
    let notices = session.notices;
    let workspace = use_workspace();
    let framework = workspace.framework;
    let export_word = move |_| {
        if let Some(summary) = workspace.findings.all.with_untracked(|findings| error_summary(findings)) {
            let question = format!("报告还有{summary}。仍要导出 Word 文件吗？");
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        let draft = workspace.snapshot.get_untracked();
        let report = build_report(framework, &draft);
        let name = safe_file_name(&report_title(framework, &draft), "docx");
        notices.report(crate::files::offer_docx(&write_docx(&report), &name).map_err(AppError::from));
    };
    let export_draft = move |_| {
        let draft = workspace.stamped_snapshot();
        // What was sent is the base a returned file is merged against; without it a later merge
        // still works, two-way, and says so.
        let kept = session.storage.map(|storage| storage.keep_sent(&draft)).transpose();
        let part_of = draft.part_of.as_ref().map(|part| part.draft_name.clone());
        notices.report(download_draft_file(&draft, workspace.framework).map_err(AppError::from).map(|name| {
            match (kept, part_of) {
                (Ok(_), Some(whose)) => {
                    format!("已导出草稿文件 {name}：请把它发回“{whose}”的填报单位，由对方收回合并。")
                }
                (Ok(_), None) => format!("已导出草稿文件 {name}，可发给同事导入或合并。"),
                (Err(error), _) => {
                    format!("已导出草稿文件 {name}。但未能记下发出的版本（{error}），之后合并时将无法以它为基准。")
                }
            }
        }));
    };
    let export_text = move |_| {
        let draft = workspace.snapshot.get_untracked();
        let text = build_report(framework, &draft).to_plain_text();
        let name = safe_file_name(&report_title(framework, &draft), "txt");
        let downloaded = download(text.as_bytes(), &name, "text/plain;charset=utf-8");
        leptos::task::spawn_local(async move {
            let copied = copy_text(&text).await;
            notices.report(match (downloaded, copied) {
                (Ok(()), Ok(())) => Ok(format!("已导出 {name}，全文已复制到剪贴板。")),
                (Ok(()), Err(error)) => Ok(format!("已导出 {name}。{error}")),
                (Err(error), _) => Err(AppError::from(error)),
            });
        });
    };
    view! {
        <button type="button" on:click=export_word>"导出 Word"</button>
        <button type="button" on:click=export_text>"导出纯文本"</button>
        <a class="button" href=DraftPage::Print.href()>"打印预览"</a>
        <span class="separator" aria-hidden="true"></span>
        <button type="button" on:click=export_draft>"导出草稿文件"</button>
    }
}
