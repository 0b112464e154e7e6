//! The files of one 佐证材料 entry, under it in the form: each with its size, 打开, 重命名, 移到
//! another row and 移除 (into the 回收站); 添加文件 takes several at once, and files dropped on the
//! entry are added the same way.

use crate::evidence::evidence_state::{files_of, open_url, size_text, use_evidence_files};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::Evidence;
use wasm_bindgen::JsCast;

#[component]
pub fn Attachments(code: &'static str, index: usize, evidence: RwSignal<Vec<Evidence>>) -> impl IntoView {
    let files_state = use_evidence_files();
    let framework = use_workspace().framework;
    let files =
        Memo::new(move |_| evidence.with(|list| list.get(index).map(|entry| entry.files.clone()).unwrap_or_default()));
    let input_id = format!("attach-{code}-{index}");
    let on_pick = move |event: leptos::ev::Event| {
        let Some(input) = event.target().and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let picked = files_of(input.files());
        // Cleared, so the same files can be picked again.
        input.set_value("");
        if !picked.is_empty() {
            files_state.attach_files(code.to_owned(), index, picked);
        }
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        let dropped = files_of(event.data_transfer().and_then(|transfer| transfer.files()));
        if !dropped.is_empty() {
            files_state.attach_files(code.to_owned(), index, dropped);
        }
    };
    // The rows a file can move to: every other scored row.
    let targets: Vec<(String, String)> = framework
        .scored_leaves()
        .chain(framework.bonus_rows())
        .filter(|row| row.code != code)
        .map(|row| (row.code.to_owned(), row.label()))
        .collect();
    let targets = StoredValue::new(targets);
    view! {
        <div class="attachments" class:dragging=move || dragging.get() data-testid=format!("attachments-{code}-{index}")
            on:dragover=move |event: leptos::ev::DragEvent| { event.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <ul class="attached-files">
                <For each=move || files.get() key=|file| (file.sha256.clone(), file.name.clone()) let:file>
                    {
                        let sha = StoredValue::new(file.sha256.clone());
                        let name = file.name.clone();
                        let open = move |_| {
                            leptos::task::spawn_local(async move {
                                if let Some(url) = open_url(files_state, &sha.get_value()).await {
                                    let _ = window().open_with_url_and_target(&url, "_blank");
                                }
                            });
                        };
                        let rename = {
                            let name = name.clone();
                            move |_| {
                                if let Ok(Some(new_name)) = window().prompt_with_message_and_default("文件在佐证材料包中的名称：", &name) {
                                    files_state.rename(code, index, &sha.get_value(), &new_name);
                                }
                            }
                        };
                        let move_id = format!("move-{code}-{index}-{}", &file.sha256[..12.min(file.sha256.len())]);
                        view! {
                            <li>
                                <span class="file-name">{name.clone()}</span>" "
                                <span class="file-size">{size_text(file.size)}</span>
                                <button type="button" class="link-button" on:click=open aria-label=format!("打开{name}")>"打开"</button>
                                <button type="button" class="link-button" on:click=rename aria-label=format!("重命名{name}")>"重命名"</button>
                                <label class="visually-hidden" for=move_id.clone()>{format!("把{name}移到其他指标")}</label>
                                <select id=move_id class="move-file" on:change=move |event| {
                                    let to = event_target_value(&event);
                                    if !to.is_empty() {
                                        files_state.move_to(code, index, &sha.get_value(), &to);
                                    }
                                }>
                                    <option value="" selected=true>"移到…"</option>
                                    {targets.with_value(|targets| targets.iter().map(|(code, label)| {
                                        view! { <option value=code.clone()>{label.clone()}</option> }
                                    }).collect_view())}
                                </select>
                                <button type="button" class="link-button" aria-label=format!("移除{name}")
                                    on:click=move |_| files_state.remove(code, index, &sha.get_value())>"移除"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <input id=input_id.clone() class="visually-hidden" type="file" multiple=true on:change=on_pick/>
            <label class="button small" for=input_id>"添加文件"</label>
            <span class="hint">"（可多选，或把文件拖到这里；文件保存在本浏览器中）"</span>
        </div>
    }
}
