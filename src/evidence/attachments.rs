//! The files of one 佐证材料 entry, under it in the form: each with its size, 打开, 重命名, 移到
//! another row and 移除 (into the 回收站); 添加文件 takes several at once, and files dropped on the
//! entry are added the same way.

use crate::evidence::evidence_state::{files_of, use_evidence_files};
use crate::files::size_text;
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
    // Which files this browser keeps, read once for the form.
    if files_state.present.with_untracked(Option::is_none) {
        files_state.refresh_present();
    }
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
    // The rows a file can move to: every other scored row, by area (加分项 last).
    let mut targets: Vec<(String, Vec<(String, String)>)> = framework
        .areas
        .iter()
        .enumerate()
        .map(|(index, area)| {
            let codes: Vec<&str> = area.items.iter().map(|item| item.code.as_str()).collect();
            let rows = framework
                .scored_leaves()
                .filter(|row| row.code != code && row.item_code.is_some_and(|item| codes.contains(&item)))
                .map(|row| (row.code.to_owned(), row.label()))
                .collect();
            (lvzhi_core::report::area_label(index, area), rows)
        })
        .collect();
    let bonus: Vec<(String, String)> = framework
        .bonus_rows()
        .into_iter()
        .filter(|row| row.code != code)
        .map(|row| (row.code.to_owned(), row.label()))
        .collect();
    if !bonus.is_empty() {
        targets.push(("加分项".to_owned(), bonus));
    }
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
                        let open = {
                            let name = name.clone();
                            move |_| files_state.open(&sha.get_value(), &name)
                        };
                        // Named in a colleague's draft, not kept here until their package comes.
                        let missing = move || !files_state.is_present(&sha.get_value());
                        let rename = {
                            let name = name.clone();
                            move |_| {
                                let question = "文件名（佐证材料包中，多个文件的材料按“材料名称-文件名”命名；不写扩展名则保留原来的）：";
                                if let Ok(Some(new_name)) = window().prompt_with_message_and_default(question, &name) {
                                    files_state.rename(code, index, &sha.get_value(), &new_name);
                                }
                            }
                        };
                        let move_id = format!("move-{code}-{index}-{}", &file.sha256[..12.min(file.sha256.len())]);
                        view! {
                            <li class:missing=missing>
                                <span class="file-name">{name.clone()}</span>" "
                                <span class="file-size">{size_text(file.size)}</span>
                                {move || missing().then(|| view! { <span class="missing-note">"本浏览器中没有此文件，请导入佐证材料包"</span> })}
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
                                    {targets.with_value(|groups| groups.iter().map(|(area, rows)| view! {
                                        <optgroup label=area.clone()>
                                            {rows.iter().map(|(code, label)| view! { <option value=code.clone()>{label.clone()}</option> }).collect_view()}
                                        </optgroup>
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
