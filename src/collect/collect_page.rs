//! 汇总 (`#/collect`): the collection's name and where it is kept, files added (many at once, a
//! folder, a backup .zip), each file's outcome, the drafts waiting for their framework, the
//! comparison table, one figure and one item across units.

use crate::collect::collect_state::{use_collect, FileOutcome, ShelfStatus};
use crate::collect::comparison_table::ComparisonTable;
use crate::collect::figure_chart::FigureChart;
use crate::collect::item_across::ItemAcross;
use crate::files::read_bytes;
use crate::session::Session;
use leptos::prelude::*;
use lvzhi_core::limits;
use wasm_bindgen::JsCast;

#[component]
pub fn CollectPage() -> impl IntoView {
    let state = use_collect();
    state.ensure_open();
    view! {
        <section class="collect-page" aria-labelledby="collect-title">
            <h1 id="collect-title">"汇总"</h1>
            <p class="guidance">"督导室收集各单位（各县、各部门）的草稿文件，在此对照完成进度、发现的问题、得分和关键数据，并录入复核得分。汇总只读取各单位的草稿，不会改动它们；汇总保存在本浏览器中，也可导出为一个文件。"</p>
            <CollectionBar/>
            <AddFiles/>
            <Outcomes/>
            <Waiting/>
            <ComparisonTable/>
            <FigureChart/>
            <ItemAcross/>
        </section>
    }
}

/// The collection's name (rename, switch, new, delete), its file, and whether it is kept.
#[component]
fn CollectionBar() -> impl IntoView {
    let state = use_collect();
    let session = expect_context::<Session>();
    let name = move || state.collection.with(|collection| collection.name.clone());
    let status = move || match state.status.get() {
        ShelfStatus::Closed => "正在打开…".to_owned(),
        ShelfStatus::Saving => "正在保存…".to_owned(),
        ShelfStatus::Saved => "已保存在本浏览器中".to_owned(),
        ShelfStatus::NotSaved(why) => format!("未保存：{why}"),
    };
    let failed = move || matches!(state.status.get(), ShelfStatus::NotSaved(_));
    let import = move |event: leptos::ev::Event| {
        let Some(file) = crate::files::take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            let outcome = match crate::files::read_text(&file, limits::COLLECTION_FILE).await {
                Ok(text) => state.import_file(&text),
                Err(error) => Err(error.to_string()),
            };
            match outcome {
                Ok(done) => session.notices.done(done),
                Err(why) => session.notices.done(format!("未能打开汇总文件：{why}")),
            }
        });
    };
    let delete = move |_| {
        let question = format!("从本浏览器删除汇总“{}”？各单位的草稿文件不受影响；删除前可先导出汇总文件。", name());
        if window().confirm_with_message(&question).unwrap_or(false) {
            state.delete_current();
        }
    };
    view! {
        <div class="collection-bar">
            <div class="field">
                <label for="collection-name">"汇总名称"</label>
                <input id="collection-name" type="text" prop:value=name
                    on:change=move |event| state.rename(&event_target_value(&event))/>
            </div>
            <div class="field">
                <label for="collection-reviewer">"复核单位"</label>
                <input id="collection-reviewer" type="text" placeholder="如：某市人民政府教育督导室"
                    prop:value=move || state.collection.with(|collection| collection.reviewer.clone())
                    on:change=move |event| state.set_reviewer(&event_target_value(&event))/>
            </div>
            {move || {
                let names = state.names.get();
                (names.len() > 1).then(|| view! {
                    <div class="field">
                        <label for="collection-switch">"打开其他汇总"</label>
                        <select id="collection-switch" on:change=move |event| state.switch_to(event_target_value(&event))>
                            {names.into_iter().map(|kept| {
                                let selected = kept == name();
                                view! { <option value=kept.clone() selected=selected>{kept.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })
            }}
            <div class="inline-controls">
                <button type="button" id="collection-new" on:click=move |_| state.start_new("新的汇总")>"新建汇总"</button>
                <button type="button" id="collection-export" on:click=move |_| session.notices.report(state.export_file())>"导出汇总文件"</button>
                <crate::widgets::file_picker::FilePicker id="collection-import" label="打开汇总文件…" accept=".json,application/json"
                    on_pick=Callback::new(import)/>
                <button type="button" class="danger" id="collection-delete" on:click=delete>"删除此汇总"</button>
            </div>
            <p class="save-note" class:save-failed=failed role="status" data-testid="collection-status">{status}</p>
        </div>
    }
}

/// Many files at once, or a whole folder; a backup .zip of drafts too.
#[component]
fn AddFiles() -> impl IntoView {
    let state = use_collect();
    let busy = RwSignal::new(false);
    let take = move |event: leptos::ev::Event| {
        let Some(input) = event.target().and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|index| list.get(index)).collect())
            .unwrap_or_default();
        input.set_value("");
        busy.set(true);
        leptos::task::spawn_local(async move {
            let mut read = Vec::new();
            let mut refused = Vec::new();
            let mut skipped = 0;
            for file in files {
                let name = file.name();
                let lower = name.to_ascii_lowercase();
                let limit = if lower.ends_with(".zip") {
                    limits::BACKUP
                } else if lower.ends_with(".json") {
                    limits::DRAFT_FILE
                } else {
                    skipped += 1;
                    continue;
                };
                match read_bytes(&file, limit).await {
                    Ok(bytes) => read.push((name, bytes)),
                    Err(error) => refused.push(FileOutcome { file: name, text: error.to_string(), ok: false }),
                }
            }
            state.add_files(read);
            if skipped > 0 {
                refused.push(FileOutcome {
                    file: "（其他文件）".to_owned(),
                    text: format!("已略过{skipped}个不是草稿文件（.json）或草稿备份（.zip）的文件。"),
                    ok: true,
                });
            }
            state.outcomes.update(|outcomes| outcomes.extend(refused));
            busy.set(false);
            crate::route::focus_soon("collect-outcomes-title".to_owned());
        });
    };
    // A folder picker: `webkitdirectory` (every browser has it under that name) is no attribute the
    // view macro knows, so it is set on the element once it exists.
    let folder: NodeRef<leptos::html::Input> = NodeRef::new();
    Effect::new(move |_| {
        if let Some(input) = folder.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    view! {
        <fieldset class="add-files">
            <legend>"添加各单位的草稿"</legend>
            <p class="hint">"可一次选择多个草稿文件（.json），或选择一个文件夹，或草稿备份（.zip）。同一单位再次加入较新的草稿时替换旧稿；附带指标体系的草稿文件直接加入；指标体系文件（.json）也可在此加入。"</p>
            <div class="inline-controls">
                <input id="collect-files" class="visually-hidden" type="file" multiple accept=".json,.zip,application/json,application/zip" on:change=take/>
                <label class="button primary" for="collect-files">"添加草稿文件…"</label>
                <input id="collect-folder" node_ref=folder class="visually-hidden" type="file" multiple on:change=take/>
                <label class="button" for="collect-folder">"添加整个文件夹…"</label>
                <Show when=move || busy.get()><span class="hint" role="status">"正在读取…"</span></Show>
            </div>
        </fieldset>
    }
}

/// Each file of the last add, and what became of it.
#[component]
fn Outcomes() -> impl IntoView {
    let state = use_collect();
    move || {
        let outcomes = state.outcomes.get();
        (!outcomes.is_empty()).then(|| {
            let refused = outcomes.iter().filter(|outcome| !outcome.ok).count();
            let heading = match refused {
                0 => format!("本次添加的{}个文件", outcomes.len()),
                refused => format!("本次添加的{}个文件（{refused}个未加入）", outcomes.len()),
            };
            view! {
                <section class="collect-outcomes" aria-labelledby="collect-outcomes-title">
                    <h2 id="collect-outcomes-title" tabindex="-1">{heading}</h2>
                    <ul data-testid="collect-outcomes">
                        {outcomes.into_iter().map(|outcome| view! {
                            <li class:refused=!outcome.ok><span class="file-name">{outcome.file}</span>"："{outcome.text}</li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Drafts waiting for their framework, with what to do.
#[component]
fn Waiting() -> impl IntoView {
    let state = use_collect();
    move || {
        let waiting = state.collection.with(|collection| collection.waiting.clone());
        (!waiting.is_empty()).then(|| view! {
            <section class="collect-waiting" aria-labelledby="collect-waiting-title">
                <h2 id="collect-waiting-title">{format!("等待指标体系（{}份）", waiting.len())}</h2>
                <p class="hint">"这些草稿所用的指标体系不在本浏览器中。请向发文单位要一份指标体系文件，用“添加草稿文件”加入，这些草稿即自动加入汇总。"</p>
                <ul>
                    {waiting.into_iter().map(|file| view! {
                        <li>{format!("{}：指标体系 {}（版本{}）", file.file_name, file.framework_id, file.framework_version)}</li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
