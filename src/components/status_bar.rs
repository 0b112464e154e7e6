//! The header: app name, region and year, save status, and any start-up notice.

use crate::autosave::SaveStatus;
use crate::workspace::use_workspace;
use leptos::prelude::*;

#[component]
pub fn StatusBar() -> impl IntoView {
    let workspace = use_workspace();
    let meta = workspace.draft.meta;
    let heading = move || {
        let region = meta.region.get();
        let region = if region.trim().is_empty() { "（未填地区）".to_owned() } else { region };
        format!("{}年{}人民政府履行教育职责自评报告", meta.year.get(), region)
    };
    let status = workspace.save_status;
    let status_text = move || match status.get() {
        SaveStatus::Opened => "已打开".to_owned(),
        SaveStatus::Pending => "正在保存…".to_owned(),
        SaveStatus::Saved(time) => format!("已保存 {time}"),
        SaveStatus::Failed(error) => format!("未保存：{error}"),
        SaveStatus::MemoryOnly => "仅在本页面中（不会保存）".to_owned(),
    };
    let status_class = move || match status.get() {
        SaveStatus::Failed(_) | SaveStatus::MemoryOnly => "save-status save-failed",
        SaveStatus::Pending => "save-status save-pending",
        _ => "save-status",
    };
    let notice = workspace.startup_notice;
    view! {
        <header class="status-bar">
            <div class="brand">
                <span class="app-name">"履职自评"</span>
                <span class="report-title">{heading}</span>
            </div>
            <p class=status_class role="status" aria-live="polite" data-testid="save-status">{status_text}</p>
        </header>
        <Show when=move || notice.with(Option::is_some)>
            <div class="notice" role="alert" data-testid="startup-notice">
                <p>{move || notice.get().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| notice.set(None)>"知道了"</button>
            </div>
        </Show>
    }
}
