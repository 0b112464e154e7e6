//! How the indicator table arrives on 从指标表新建: the clipboard's HTML table (Word, WPS, Excel)
//! or its tab-separated text, the box's text, or a picked file (.docx, .html, .csv/.txt in UTF-8
//! or GBK). Each is checked against its limit (`lvzhi_core::limits`) before it is read, and read
//! only after the page has painted “正在读取指标表…”, so a large table never leaves the page
//! silent. What is not a table (plain words, nothing at all, an old .doc) is told apart with what
//! to do instead.

use crate::files::{read_bytes, take_picked_file};
use crate::notices::{AppError, FileError, Notices};
use crate::session::Session;
use crate::widgets::file_picker::FilePicker;
use leptos::prelude::*;
use lvzhi_core::indicator_table::{grid_from_docx, grid_from_html, grid_from_text, Grid};
use lvzhi_core::limits::{self, Limit};
use wasm_bindgen::JsCast;

use crate::files::decode_gbk;

/// A table as it came, not read yet.
enum TableSource {
    Html(String),
    Text(String),
    Docx(Vec<u8>),
}

impl TableSource {
    fn limit(&self) -> (Limit, usize) {
        match self {
            TableSource::Html(html) => (limits::TABLE_HTML, html.len()),
            TableSource::Text(text) => (limits::TABLE_TEXT, text.len()),
            TableSource::Docx(bytes) => (limits::TABLE_DOCX, bytes.len()),
        }
    }

    fn read(self) -> Result<Grid, AppError> {
        let (limit, bytes) = self.limit();
        limit.check(bytes).map_err(|refused| AppError::File(FileError::TooLarge(refused)))?;
        match self {
            TableSource::Html(html) => grid_from_html(&html).ok_or(AppError::NoTable),
            TableSource::Text(text) => Ok(grid_from_text(&text)),
            TableSource::Docx(bytes) => grid_from_docx(&bytes).map_err(AppError::Parse)?.ok_or(AppError::NoTable),
        }
    }
}

/// Reads `source` once the page has painted `reading`; hands the table to `take`. The user may
/// have left the page meanwhile: then the table is dropped with it.
fn read_soon(source: TableSource, reading: RwSignal<bool>, notices: Notices, take: Callback<Grid>) {
    reading.set(true);
    // The animation frame comes before the paint, the timeout after it.
    request_animation_frame(move || {
        set_timeout(
            move || {
                if reading.try_set(true).is_some() {
                    return;
                }
                let outcome = source.read();
                reading.set(false);
                match outcome {
                    Ok(table) => {
                        take.try_run(table);
                    }
                    Err(error) => notices.failed(&error),
                }
            },
            std::time::Duration::ZERO,
        )
    });
}

/// The paste box, its buttons and its status. `read_size` is what the page says it read.
#[component]
pub fn TableInput(on_table: Callback<Grid>, read_size: Signal<Option<(usize, usize)>>) -> impl IntoView {
    let notices = expect_context::<Session>().notices;
    let reading = RwSignal::new(false);
    let on_paste = move |event: web_sys::ClipboardEvent| {
        let Some(data) = event.clipboard_data() else { return };
        let html = data.get_data("text/html").unwrap_or_default();
        let text = data.get_data("text/plain").unwrap_or_default();
        // Word, WPS and Excel put an HTML table on the clipboard, Excel also tab-separated text.
        // Looked for in place: a lower-case copy of a paste that may be megabytes is not needed.
        if html.as_bytes().windows(6).any(|tag| tag.eq_ignore_ascii_case(b"<table")) {
            event.prevent_default();
            read_soon(TableSource::Html(html), reading, notices, on_table);
        } else if text.contains('\t') || text.len() > limits::TABLE_TEXT.bytes {
            // Too long to be a table's text: refused rather than dropped into the box.
            event.prevent_default();
            read_soon(TableSource::Text(text), reading, notices, on_table);
        } else if text.trim().is_empty() {
            event.prevent_default();
            notices.done("剪贴板中没有内容：请先在 Word、WPS 或 Excel 中选中整张指标表（含表头）并复制（Ctrl+C），再在此处粘贴（Ctrl+V）。".to_owned());
        } else {
            // Pasted as text: it stays in the box, and the user is told what to do.
            notices.done("粘贴的是文字，不是表格：请在 Word、WPS 或 Excel 中选中整张指标表（含表头）复制后粘贴。从网页或 PDF 复制的表格常会变成文字，可改为选择通知附件中的 Word 文件。".to_owned());
        }
    };
    let read_box = move |_| {
        let Some(area) = document().get_element_by_id("table-paste") else { return };
        let Some(area) = area.dyn_ref::<web_sys::HtmlTextAreaElement>() else { return };
        let text = area.value();
        if text.trim().is_empty() {
            notices.done("框中还没有内容：请先把指标表粘贴到框中，或选择文件。".to_owned());
        } else {
            read_soon(TableSource::Text(text), reading, notices, on_table);
        }
    };
    let on_file = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        let name = file.name().to_ascii_lowercase();
        let is_html = name.ends_with(".html") || name.ends_with(".htm");
        let is_docx = name.ends_with(".docx");
        if name.ends_with(".doc") || name.ends_with(".xls") || name.ends_with(".xlsx") || name.ends_with(".wps") {
            notices.failed(&AppError::OldFormat);
            return;
        }
        let limit = match (is_docx, is_html) {
            (true, _) => limits::TABLE_DOCX,
            (_, true) => limits::TABLE_HTML,
            _ => limits::TABLE_TEXT,
        };
        leptos::task::spawn_local(async move {
            let bytes = match read_bytes(&file, limit).await {
                Ok(bytes) => bytes,
                Err(error) => return notices.failed(&AppError::from(error)),
            };
            let source = if is_docx {
                TableSource::Docx(bytes)
            } else {
                // Excel on Chinese Windows saves CSV in GBK: read as UTF-8 when it is, else as GBK.
                let text = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(not_utf8) => match decode_gbk(not_utf8.as_bytes()) {
                        Some(text) => text,
                        None => return notices.failed(&AppError::from(FileError::NotUtf8)),
                    },
                };
                if is_html {
                    TableSource::Html(text)
                } else {
                    TableSource::Text(text)
                }
            };
            read_soon(source, reading, notices, on_table);
        });
    };
    let limits_text = format!(
        "复制的表格不超过{}，表格文字（CSV、文本）不超过{}，Word 文件不超过{}。",
        limits::size_text(limits::TABLE_HTML.bytes),
        limits::size_text(limits::TABLE_TEXT.bytes),
        limits::size_text(limits::TABLE_DOCX.bytes)
    );
    view! {
        <div class="field">
            <label for="table-paste">"粘贴指标表"</label>
            <textarea id="table-paste" rows="5" placeholder="在此处粘贴（Ctrl+V）" aria-describedby="table-limits"
                on:paste=on_paste></textarea>
            <p class="hint" id="table-limits">{limits_text}</p>
            <p class="paste-status" role="status" data-testid="paste-status">{move || {
                if reading.get() {
                    Some("正在读取指标表…".to_owned())
                } else {
                    read_size.get().map(|(rows, columns)| {
                        format!("已读取表格：{rows}行、{columns}列，见下方预览。重新粘贴或选择文件将替换它。")
                    })
                }
            }}</p>
        </div>
        <div class="dialog-actions start">
            <button type="button" on:click=read_box disabled=move || reading.get()>"按制表符分列读取"</button>
            <FilePicker id="table-file" label="选择 Word / CSV / 文本文件…" accept=".docx,.csv,.txt,.tsv,.html,.htm,text/csv,text/plain" on_pick=Callback::new(on_file)/>
        </div>
    }
}
