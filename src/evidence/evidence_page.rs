//! 佐证材料 (`#/evidence`): every scored row's documents and files on one page, the room the browser
//! gives (and persistence, asked for), 导出佐证材料包 with progress and 取消, 导入佐证材料包 with what
//! it could not place (each placed under the row the user picks), and the 回收站 of files taken
//! off a row.

use crate::evidence::evidence_state::use_evidence_files;
use crate::files::size_text;
use crate::route::DraftPage;
use crate::widgets::file_picker::FilePicker;
use crate::workspace::use_workspace;
use leptos::prelude::*;

#[component]
pub fn EvidencePage() -> impl IntoView {
    let files = use_evidence_files();
    let workspace = use_workspace();
    let framework = workspace.framework;
    files.refresh();
    let rows: Vec<(&'static str, String, Option<String>)> = framework
        .scored_leaves()
        .chain(framework.bonus_rows())
        .map(|row| (row.code, row.label(), row.item_code.map(str::to_owned)))
        .collect();
    // Where a file that matched nothing can go: every scored row.
    let targets = StoredValue::new(rows.iter().map(|(code, label, _)| (*code, label.clone())).collect::<Vec<_>>());
    // Each row's documents and files, following the rows' signals.
    let listed = {
        let rows = rows.clone();
        Memo::new(move |_| {
            rows.iter()
                .filter_map(|(code, label, item)| {
                    let signals = workspace.signals.scored.row(code)?;
                    let entries = signals.evidence.get();
                    (!entries.is_empty()).then(|| (label.clone(), item.clone(), entries))
                })
                .collect::<Vec<_>>()
        })
    };
    let totals = move || {
        listed.with(|listed| {
            let documents: usize = listed.iter().map(|(_, _, entries)| entries.len()).sum();
            let all: Vec<&lvzhi_core::draft::EvidenceFile> =
                listed.iter().flat_map(|(_, _, entries)| entries.iter()).flat_map(|entry| entry.files.iter()).collect();
            let missing = all.iter().filter(|file| !files.is_present(&file.sha256)).count();
            let mut text =
                format!("共{documents}份材料，{}个文件，合计{}。", all.len(), size_text(all.iter().map(|file| file.size).sum()));
            if missing > 0 {
                text.push_str(&format!(
                    "其中{missing}个文件不在本浏览器中（草稿文件只记文件名，不含文件本身）：请向发来草稿的同事要佐证材料包，在上方“导入佐证材料包”。"
                ));
            }
            text
        })
    };
    let room = move || match files.room.get() {
        Some(room) => format!(
            "本网页已用约{}，浏览器允许本网页使用约{}（剩余约{}）。",
            size_text(room.usage),
            size_text(room.quota),
            size_text(room.free())
        ),
        None => "这个浏览器不报告存储空间的用量。".to_owned(),
    };
    let persisted = move || match files.persisted.get() {
        Some(true) => "已获准持久保存：空间紧张时浏览器也不会自动清除本网页的数据。",
        Some(false) => "尚未获准持久保存：磁盘空间紧张时，浏览器可能清除本网页的数据（含佐证材料的文件）。",
        None => "这个浏览器不说明是否持久保存本网页的数据。",
    };
    let on_import = move |event: leptos::ev::Event| {
        if let Some(file) = crate::files::take_picked_file(&event) {
            files.import_package(file);
        }
    };
    view! {
        <section class="evidence-page" aria-labelledby="evidence-title">
            <h1 id="evidence-title">"佐证材料"</h1>
            <p class="guidance">"在各指标的“佐证材料”中添加文件（会议纪要、文件、照片、表格等，任何类型）；文件按内容保存在本浏览器中，同一文件只存一份。导出的佐证材料包按领域和指标分文件夹，附佐证材料目录和索引，可直接报送；同事或上级也可导入它，文件会回到同样的指标下。"</p>
            <section class="evidence-room" aria-labelledby="evidence-room-title">
                <h2 id="evidence-room-title">"存储空间"</h2>
                <p data-testid="evidence-room">{room}</p>
                <p data-testid="evidence-persisted">{persisted}
                    {move || (files.persisted.get() != Some(true)).then(|| view! {
                        " "<button type="button" class="secondary small" id="evidence-persist" on:click=move |_| files.ask_persist()>"申请持久保存"</button>
                    })}
                </p>
            </section>
            <div class="inline-controls evidence-actions">
                <button type="button" class="primary" id="evidence-export" on:click=move |_| files.export_package()>"导出佐证材料包"</button>
                <FilePicker id="evidence-import" label="导入佐证材料包…" accept=".zip,application/zip" on_pick=Callback::new(on_import)/>
            </div>
            {move || files.busy.get().map(|text| view! {
                <p class="busy" role="status" data-testid="evidence-busy">{text}" "
                    <button type="button" class="secondary small" on:click=move |_| files.cancel()>"取消"</button></p>
            })}
            {move || files.last_import.get().filter(|outcome| !outcome.unmatched.is_empty()).map(|outcome| view! {
                <div class="import-unmatched" data-testid="evidence-unmatched">
                    <p>{format!("上次导入的佐证材料包中，有{}个文件对应不到本指标体系的指标，未导入（文件仍在包中）：", outcome.unmatched.len())}</p>
                    <ul>{outcome.unmatched.into_iter().enumerate().map(|(index, path)| {
                        // The user knows where it belongs: a row, then 放入.
                        let chosen = RwSignal::new(String::new());
                        let select_id = format!("unmatched-{index}");
                        let place = {
                            let path = path.clone();
                            move |_| {
                                let code = chosen.get_untracked();
                                if !code.is_empty() {
                                    files.place_unmatched(path.clone(), code);
                                }
                            }
                        };
                        view! {
                            <li data-testid="unmatched-file">{path.clone()}" "
                                <label class="visually-hidden" for=select_id.clone()>{format!("把{path}放到哪个指标下")}</label>
                                <select id=select_id on:change=move |event| chosen.set(event_target_value(&event))>
                                    <option value="" selected=true>"放到指标…"</option>
                                    {targets.with_value(|targets| targets.iter().map(|(code, label)| view! { <option value=*code>{label.clone()}</option> }).collect_view())}
                                </select>" "
                                <button type="button" class="secondary small" on:click=place>"放入"</button>
                            </li>
                        }
                    }).collect_view()}</ul>
                </div>
            })}
            <h2>"各指标的佐证材料"</h2>
            <p data-testid="evidence-totals">{totals}</p>
            <div class="table-scroll">
                <table class="evidence-table" data-testid="evidence-table">
                    <thead><tr><th scope="col">"指标"</th><th scope="col">"材料名称"</th><th scope="col">"文号或日期"</th><th scope="col">"提供单位"</th><th scope="col">"文件"</th></tr></thead>
                    <tbody>
                        {move || listed.get().into_iter().flat_map(|(label, item, entries)| {
                            let href = item.map(|code| DraftPage::Item(code).href()).unwrap_or_else(|| DraftPage::Scoring.href());
                            entries.into_iter().map(move |entry| {
                                let names = entry.files.iter().map(|file| format!("{}（{}）", file.name, size_text(file.size))).collect::<Vec<_>>();
                                view! {
                                    <tr>
                                        <th scope="row"><a href=href.clone()>{label.clone()}</a></th>
                                        <td>{entry.title.clone()}</td>
                                        <td>{entry.reference.clone()}</td>
                                        <td>{entry.provider.clone()}</td>
                                        <td>{if names.is_empty() { "（未附文件）".to_owned() } else { names.join("、") }}</td>
                                    </tr>
                                }
                            }).collect::<Vec<_>>()
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h2>"回收站"</h2>
            {move || {
                let removed = files.removed.get();
                if removed.is_empty() {
                    view! { <p>"回收站是空的。"</p> }.into_any()
                } else {
                    view! {
                        <ul class="evidence-bin" data-testid="evidence-bin">
                            {removed.into_iter().map(|record| {
                                let label = framework.scored_label(&record.row_code);
                                let text = format!("{}（{}，原在{}）", record.file.name, size_text(record.file.size), label);
                                view! { <li>{text}" "<button type="button" class="secondary small" on:click=move |_| files.restore(record.clone())>"恢复"</button></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
