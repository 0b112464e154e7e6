//! 分发给部门 / 收回合并: a file per 责任单位 with only its part, and each returned file merged back
//! through the merge dialog; which departments are in and which are missing. `PartBanner` tells a
//! department's browser whose draft its part belongs to. The splitting and merging are the core's
//! (`lvzhi_core::departments`); this page only offers files and shows states.

use crate::clock::{local_time, now_iso};
use crate::drafts::merge_dialog::{MergeDialog, MergeProposal};
use crate::files::{download, read_bytes, take_picked_file};
use crate::notices::AppError;
use crate::session::{new_draft_id, Session};
use crate::widgets::file_picker::FilePicker;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::departments::{departments, part_file_name, part_state, read_returned, record_sent, split, PartState};
use lvzhi_core::zip_files::write_zip;

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let framework = workspace.framework;
    let sent_parts = workspace.signals.sent_parts;
    let all = departments(framework);
    let proposal: RwSignal<Option<MergeProposal>> = RwSignal::new(None);

    // Makes the parts of `names` (one file, or a .zip of several) and records them as sent.
    let send = move |names: Vec<String>| {
        let draft = workspace.stamped_snapshot();
        let waiting: Vec<&String> = names
            .iter()
            .filter(|name| sent_parts.with_untracked(|sent| matches!(part_state(sent, name), PartState::Sent { .. })))
            .collect();
        if !waiting.is_empty() {
            let question = format!(
                "已给{}发过文件且尚未收回。重新生成后，之前发出的文件将不能再收回合并。继续吗？",
                waiting.iter().map(|name| name.as_str()).collect::<Vec<_>>().join("、")
            );
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        let now = now_iso();
        let mut parts = Vec::new();
        for name in &names {
            match split(framework, &draft, name, new_draft_id(), &now) {
                Ok(part) => parts.push((part_file_name(&draft, name), part)),
                Err(error) => return session.notices.failed(&AppError::Refused(error.to_string())),
            }
        }
        let offered = match parts.as_slice() {
            [(file_name, part)] => {
                download(part.file().as_bytes(), file_name, "application/json").map(|()| file_name.clone())
            }
            _ => {
                let texts: Vec<(String, String)> =
                    parts.iter().map(|(name, part)| (name.clone(), part.file())).collect();
                let zip = write_zip(texts.iter().map(|(name, text)| (name.as_str(), text.as_str())));
                let file_name = lvzhi_core::file_names::draft_named(&draft, "分发给部门", "zip");
                download(&zip, &file_name, "application/zip").map(|()| file_name)
            }
        };
        match offered {
            Err(error) => session.notices.failed(&error.into()),
            Ok(file_name) => {
                sent_parts.update(|sent| {
                    for (_, part) in &parts {
                        record_sent(sent, part);
                    }
                });
                session.notices.done(format!(
                    "已生成 {file_name}（{}个部门）。请把文件发给各部门：用本程序“导入草稿文件”打开、填写后“导出草稿文件”发回，再在本页“收回合并”。",
                    parts.len()
                ));
            }
        }
    };
    let on_return = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            let outcome = match read_bytes(&file, lvzhi_core::limits::DRAFT_FILE).await {
                Err(error) => Err(AppError::from(error)),
                Ok(bytes) => read_returned(&bytes, framework, &workspace.snapshot.get_untracked())
                    .map_err(|error| AppError::Refused(error.to_string())),
            };
            match outcome {
                Ok(returned) => proposal.set(Some(MergeProposal::returned(returned))),
                Err(error) => session.notices.failed(&error),
            }
        });
    };

    let names: Vec<String> = all.iter().map(|department| department.name.clone()).collect();
    let missing = {
        let names = names.clone();
        move || {
            sent_parts.with(|sent| {
                names
                    .iter()
                    .filter(|name| matches!(part_state(sent, name), PartState::Sent { .. }))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let merged_count = {
        let names = names.clone();
        move || {
            sent_parts.with(|sent| {
                names.iter().filter(|name| matches!(part_state(sent, name), PartState::Merged { .. })).count()
            })
        }
    };
    let is_part = workspace.snapshot.with_untracked(|draft| draft.part_of.is_some());
    view! {
        <section class="departments-page" aria-labelledby="departments-title">
            <h1 id="departments-title">"分发给部门"</h1>
            <p class="guidance">
                "按指标体系中的责任单位，为每个部门生成一份只含其负责指标（及所用数据）的文件。部门用本程序“导入草稿文件”打开，只看到自己的部分，填写后“导出草稿文件”发回；在本页“收回合并”，只采用部门改过的内容，与您之后的修改冲突的逐处由您选择。"
            </p>
            {if is_part {
                view! { <p class="hint" data-testid="departments-in-part">"本草稿本身是分发给部门的部分，不能再分发。"</p> }.into_any()
            } else if all.is_empty() {
                view! {
                    <p class="hint" data-testid="departments-none">
                        "本指标体系没有写明责任单位，无法按部门分发。可在“草稿管理 → 指标体系 → 编辑”中为指标填写责任单位；也可导出“数据填报表”请各部门填写数据。"
                    </p>
                }.into_any()
            } else {
                let all_names = names.clone();
                // Only those not sent yet: a new file for a department already sent to would make
                // its earlier file unmergeable (a row's own button does that, and asks).
                let unsent = move || {
                    sent_parts.with(|sent| {
                        all_names.iter().filter(|name| part_state(sent, name) == PartState::NotSent).cloned().collect::<Vec<_>>()
                    })
                };
                let unsent_count = {
                    let unsent = unsent.clone();
                    move || unsent().len()
                };
                let none_unsent = {
                    let unsent = unsent.clone();
                    move || unsent().is_empty()
                };
                view! {
                    <div class="inline-controls departments-actions">
                        <button type="button" id="send-unsent" disabled=none_unsent on:click=move |_| send(unsent())>
                            {move || format!("为未分发的{}个部门生成文件（.zip）", unsent_count())}
                        </button>
                        <FilePicker id="return-file" label="收回合并部门文件…" accept=".json,application/json" on_pick=Callback::new(on_return)/>
                    </div>
                    <table class="departments" data-testid="departments">
                        <caption class="visually-hidden">"各责任单位的部分及收回情况"</caption>
                        <thead><tr><th scope="col">"责任单位"</th><th scope="col">"负责内容"</th><th scope="col">"状态"</th><th scope="col">"操作"</th></tr></thead>
                        <tbody>
                            {all.into_iter().map(|department| {
                                let name = department.name.clone();
                                let state = {
                                    let name = name.clone();
                                    move || sent_parts.with(|sent| part_state(sent, &name))
                                };
                                let state_text = {
                                    let state = state.clone();
                                    move || match state() {
                                        PartState::NotSent => "未分发".to_owned(),
                                        PartState::Sent { at } => format!("已分发（{}），待收回", local_time(&at)),
                                        PartState::Merged { merged_at, .. } => format!("已收回（{}）", local_time(&merged_at)),
                                    }
                                };
                                let state_class = {
                                    let state = state.clone();
                                    move || match state() {
                                        PartState::NotSent => "state",
                                        PartState::Sent { .. } => "state waiting",
                                        PartState::Merged { .. } => "state merged",
                                    }
                                };
                                let label = {
                                    let state = state.clone();
                                    move || if matches!(state(), PartState::NotSent) { "生成文件" } else { "重新生成" }
                                };
                                // The visible text first, then whose it is.
                                let aria = {
                                    let (label, name) = (label.clone(), name.clone());
                                    move || format!("{}（{name}）", label())
                                };
                                let send_one = {
                                    let name = name.clone();
                                    move |_| send(vec![name.clone()])
                                };
                                view! {
                                    <tr data-testid="department-row">
                                        <th scope="row">{name.clone()}</th>
                                        <td>{format!("{}项指标", department.items)}{(department.rows > 0).then(|| format!("、{}个评分项", department.rows))}</td>
                                        <td class=state_class>{state_text}</td>
                                        <td><button type="button" aria-label=aria on:click=send_one>{label}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p data-testid="departments-summary" aria-live="polite">{move || {
                        let missing = missing();
                        let merged = merged_count();
                        if missing.is_empty() && merged == 0 {
                            "还没有分发给任何部门。".to_owned()
                        } else if missing.is_empty() {
                            format!("已收回{merged}个部门的部分，没有待收回的。")
                        } else {
                            format!("已收回{merged}个部门的部分；待收回{}个：{}。", missing.len(), missing.join("、"))
                        }
                    }}</p>
                    <MergeDialog proposal=proposal/>
                }.into_any()
            }}
        </section>
    }
}

/// On a department's part: whose draft it is and what to do with it.
#[component]
pub fn PartBanner() -> impl IntoView {
    let part_of = use_workspace().snapshot.with_untracked(|draft| draft.part_of.clone());
    part_of.map(|part_of| {
        view! {
            <p class="part-banner" data-testid="part-banner">
                {format!(
                    "这是“{}”分发给{}的部分，只含{}负责的指标。填写后请用“导出草稿文件”保存，把文件发回。",
                    part_of.draft_name, part_of.department, part_of.department
                )}
            </p>
        }
    })
}
