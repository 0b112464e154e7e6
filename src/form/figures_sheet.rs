//! 数据填报表 on the 全部数据 page: the figures out as a CSV sheet for colleagues to fill in Excel or
//! WPS, and the filled sheet back in — shown first (what changes, what it overwrites, rows left
//! out), applied only when the user says so.

use crate::files::{download, read_bytes, take_picked_file};
use crate::notices::AppError;
use crate::session::Session;
use crate::widgets::file_picker::FilePicker;
use crate::widgets::modal::ModalDialog;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::Location;
use lvzhi_core::figures_sheet::{figures_sheet_file_name, read_figures_sheet, write_figures_sheet, FiguresSheet};

#[component]
pub fn FiguresSheetActions() -> impl IntoView {
    let workspace = use_workspace();
    let notices = expect_context::<Session>().notices;
    let proposal: RwSignal<Option<FiguresSheet>> = RwSignal::new(None);
    let export = move |_| {
        let draft = workspace.snapshot.get_untracked();
        let sheet = write_figures_sheet(workspace.framework, &draft);
        let name = figures_sheet_file_name(&draft);
        notices.report(
            download(sheet.as_bytes(), &name, "text/csv;charset=utf-8")
                .map_err(AppError::from)
                .map(|()| format!("已导出 {name}。请同事在“数值”一列填写后发回，再点“导入填好的填报表”。")),
        );
    };
    let pick = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            let bytes = match read_bytes(&file, lvzhi_core::limits::FIGURES_SHEET).await {
                Ok(bytes) => bytes,
                Err(error) => return notices.failed(&error.into()),
            };
            let draft = workspace.snapshot.get_untracked();
            match read_figures_sheet(&bytes, workspace.framework, &draft) {
                Err(error) => notices.failed(&AppError::Sheet(error)),
                Ok(sheet) if sheet.changes.is_empty() => notices.done(format!(
                    "填报表中没有需要更新的数据（{}项与现有数据相同）。{}",
                    sheet.unchanged,
                    sheet.skipped.join("；")
                )),
                Ok(sheet) => proposal.set(Some(sheet)),
            }
        });
    };
    let apply = move |_| {
        let Some(sheet) = proposal.get_untracked() else { return };
        for change in &sheet.changes {
            workspace.signals.figure(&change.figure_id).set(change.value.clone());
            workspace.touch(Location::Figure(change.figure_id.clone()));
        }
        proposal.set(None);
        notices.done(format!("已按填报表更新{}项数据。", sheet.changes.len()));
    };
    view! {
        <div class="dialog-actions start">
            <button type="button" on:click=export>"导出数据填报表（CSV）"</button>
            <FilePicker id="figures-sheet-file" label="导入填好的填报表…" accept=".csv,.txt,text/csv" on_pick=Callback::new(pick)/>
        </div>
        <Show when=move || proposal.with(Option::is_some)>
            <ModalDialog labelled_by="sheet-title" test_id="sheet-dialog" wide=true on_cancel=Callback::new(move |()| proposal.set(None))>
                <h2 id="sheet-title">"导入数据填报表"</h2>
                {move || proposal.get().map(|sheet| view! {
                    <p data-testid="sheet-summary">{format!(
                        "将更新{}项数据{}{}。",
                        sheet.changes.len(),
                        if sheet.overwrites() > 0 { format!("，其中{}项会替换已填写的值", sheet.overwrites()) } else { String::new() },
                        if sheet.problems() > 0 { format!("；{}项格式有误（见“检查”一列），导入后仍需改正", sheet.problems()) } else { String::new() }
                    )}</p>
                    <table class="sheet-changes">
                        <thead><tr><th scope="col">"数据项"</th><th scope="col">"现有"</th><th scope="col">"填报表"</th><th scope="col">"检查"</th></tr></thead>
                        <tbody>
                            {sheet.changes.iter().map(|change| view! {
                                <tr class:invalid=change.problem.is_some()>
                                    <th scope="row">{change.label.clone()}</th><td>{change.current.clone()}</td><td>{change.value.clone()}</td>
                                    <td>{change.problem.clone().unwrap_or_else(|| "✓".to_owned())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(!sheet.skipped.is_empty()).then(|| view! {
                        <p class="hint">{format!("未采用的行：{}", sheet.skipped.join("；"))}</p>
                    })}
                })}
                <div class="dialog-actions">
                    <button type="button" class="primary" on:click=apply>"更新"</button>
                    <button type="button" on:click=move |_| proposal.set(None)>"取消"</button>
                </div>
            </ModalDialog>
        </Show>
    }
}
