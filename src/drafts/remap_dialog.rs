//! 更换指标体系 and 以本草稿开始新一年: the open draft against another framework (a newer version, or
//! another one) — the items matched by code, then by title, shown as a mapping the user corrects
//! before anything changes. Moving keeps a backup of the draft; unmatched content stays in the
//! draft, listed on the overview; starting a new year makes a new draft with 上年值.

use crate::session::Session;
use crate::widgets::modal::ModalDialog;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::framework::Framework;
use lvzhi_core::remap::{apply, propose, start_from_last_year, Mapping, MatchReason};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// This draft moves to the other framework.
    Move,
    /// A new draft of the other framework from this one.
    NextYear,
}

fn reason_text(reason: MatchReason) -> String {
    match reason {
        MatchReason::Code => "编号相同".to_owned(),
        MatchReason::Title(score) => format!("标题相近（{}%）", (score * 100.0).round()),
        MatchReason::User => "已手动对应".to_owned(),
        MatchReason::None => "无对应，原样保留".to_owned(),
    }
}

/// The framework section of the overview: a newer version, if any, and the two actions.
#[component]
pub fn FrameworkSwitch() -> impl IntoView {
    let session = expect_context::<Session>();
    let framework = use_workspace().framework;
    let newer = session.newer_version_of(&framework.id);
    let dialog: RwSignal<Option<Mode>> = RwSignal::new(None);
    view! {
        <section class="framework-switch" aria-labelledby="framework-switch-title">
            <h2 id="framework-switch-title">"指标体系"</h2>
            <p>{format!("本草稿使用“{}”。", framework.versioned_label())}</p>
            {newer.map(|newer| view! {
                <p class="notice-inline" data-testid="newer-version">{format!("这个指标体系有新版本：“{}”。", newer.versioned_label())}</p>
            })}
            <button type="button" id="remap-move" on:click=move |_| dialog.set(Some(Mode::Move))>"更换指标体系…"</button>
            " "
            <button type="button" id="remap-next-year" on:click=move |_| dialog.set(Some(Mode::NextYear))>"以本草稿开始新一年…"</button>
            {move || dialog.get().map(|mode| {
                // Focus goes back to the button that opened it.
                let opener = if mode == Mode::Move { "remap-move" } else { "remap-next-year" };
                let close = Callback::new(move |()| {
                    dialog.set(None);
                    crate::route::focus_soon(opener.to_owned());
                });
                view! { <RemapDialog mode=mode on_close=close/> }
            })}
        </section>
    }
}

#[component]
fn RemapDialog(mode: Mode, on_close: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let old: &'static Framework = workspace.framework;
    let choices: Vec<(String, String)> =
        session.known_frameworks().into_iter().filter(|(id, _)| mode == Mode::NextYear || *id != old.id).collect();
    // The newest version of the draft's own framework; a new year on the same one when there is
    // no newer — never another family by the order of the list.
    let own = (mode == Mode::NextYear).then(|| old.id.clone());
    let first = session
        .newer_version_of(&old.id)
        .map(|newer| newer.id.clone())
        .or(own)
        .or_else(|| choices.first().map(|(id, _)| id.clone()));
    let draft = workspace.stamped_snapshot();
    // The proposal for a target, made where the target is chosen (at the start and in the select's
    // handler), not by an effect that follows it.
    let proposal = {
        let draft = draft.clone();
        move |target: Option<&str>| session.framework_for(target?).map(|new| propose(old, new, &draft))
    };
    let mapping: RwSignal<Option<Mapping>> = RwSignal::new(proposal(first.as_deref()));
    let target: RwSignal<Option<String>> = RwSignal::new(first);
    let title = match mode {
        Mode::Move => "更换指标体系",
        Mode::NextYear => "以本草稿开始新一年",
    };
    let explain = match mode {
        Mode::Move => "本草稿的内容将按下表移到所选指标体系的指标中；更换前自动备份原草稿。没有对应指标的内容原样保留在草稿中（列在概览页）。",
        Mode::NextYear => "将用所选指标体系新建一份草稿：各指标的正文按下表带入作为起点，去年的数据作为“上年值”显示在今年的数据旁，今年的数据、日期和通知需重新填写。本草稿不变。",
    };
    let confirm = move |_| {
        let Some(new) = target.get_untracked().and_then(|id| session.framework_for(&id)) else { return };
        let Some(mapping) = mapping.get_untracked() else { return };
        let outcome = match mode {
            Mode::Move => {
                let moved = apply(&mapping, old, new, &draft);
                session.replace_current(moved, |backup| {
                    let kept = if backup.is_empty() {
                        String::new()
                    } else {
                        "原草稿已备份（可在草稿管理中恢复）。".to_owned()
                    };
                    format!("已改用“{}”。{kept}", new.title)
                })
            }
            Mode::NextYear => {
                let fresh = session.new_draft(new);
                let next = start_from_last_year(&mapping, old, new, &draft, fresh.id, fresh.created_at);
                session.open_new(next, format!("已用“{}”新建今年的草稿，去年的数据显示为上年值。", new.title))
            }
        };
        session.notices.report_error(outcome);
        on_close.run(());
    };
    view! {
        <ModalDialog labelled_by="remap-title" test_id="remap-dialog" wide=true on_cancel=on_close>
            <h2 id="remap-title">{title}</h2>
            <p>{explain}</p>
            <p class="hint" data-testid="remap-threshold">{format!(
                "编号相同的指标直接对应；编号不同的，标题相似度达到{}%及以上才建议对应，其余原样保留，可在下表中手动选择。",
                (lvzhi_core::remap::TITLE_MATCH * 100.0).round()
            )}</p>
            <div class="field">
                <label for="remap-target">"指标体系"</label>
                <select id="remap-target" on:change=move |event| {
                    let chosen = event_target_value(&event);
                    mapping.set(proposal(Some(&chosen)));
                    target.set(Some(chosen));
                }>
                    {choices.iter().map(|(id, label)| {
                        let selected = target.get_untracked().as_deref() == Some(id.as_str());
                        view! { <option value=id.clone() selected=selected>{label.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || {
                let new = target.get().and_then(|id| session.framework_for(&id))?;
                let current = mapping.get()?;
                let joined: Vec<String> = current.joined_targets().into_iter().map(str::to_owned).collect();
                let rows = current.items.iter().enumerate().map(|(index, entry)| {
                    let (from, row_key) = (entry.from.clone(), entry.from.clone());
                    let select_id = format!("remap-{index}");
                    let refocus = select_id.clone();
                    let chosen = entry.to.clone();
                    view! {
                        <tr data-from=row_key>
                            <th scope="row"><label for=select_id.clone()>{if entry.from_title == entry.from { entry.from.clone() } else { format!("{} {}", entry.from, entry.from_title) }}</label></th>
                            <td>
                                <select id=select_id on:change=move |event| {
                                    let value = event_target_value(&event);
                                    let to = (!value.is_empty()).then_some(value);
                                    mapping.update(|mapping| if let Some(mapping) = mapping { mapping.set(&from, to) });
                                    // The table is drawn anew; the choice keeps the focus.
                                    crate::route::focus_soon(refocus.clone());
                                }>
                                    <option value="" selected=chosen.is_none()>"（无对应，原样保留）"</option>
                                    {new.items().map(|(_, item)| view! {
                                        <option value=item.code.clone() selected=chosen.as_deref() == Some(item.code.as_str())>
                                            {format!("{} {}", item.code, item.title)}
                                        </option>
                                    }).collect_view()}
                                </select>
                            </td>
                            <td class="reason">{reason_text(entry.reason)}</td>
                        </tr>
                    }
                }).collect_view();
                let kept = current.items.iter().filter(|entry| entry.to.is_none()).count();
                Some(view! {
                    <p data-testid="remap-summary">{format!("共{}项有内容：{}项有对应指标，{}项无对应（原样保留）。", current.items.len(), current.items.len() - kept, kept)}</p>
                    {(!joined.is_empty()).then(|| view! {
                        <p class="hint">{format!("{}：有多项对应到同一指标，其正文将依次合在一起。", joined.join("、"))}</p>
                    })}
                    // Nothing written in any indicator: nothing to map, no empty table.
                    {(!current.items.is_empty()).then(|| view! {
                        <table class="remap-table">
                            <thead><tr><th scope="col">"原指标"</th><th scope="col">"对应到"</th><th scope="col">"依据"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    })}
                })
            }}
            <div class="dialog-actions">
                <button type="button" class="primary" id="remap-confirm" on:click=confirm>{match mode { Mode::Move => "确定更换", Mode::NextYear => "新建今年的草稿" }}</button>
                <button type="button" on:click=move |_| on_close.run(())>"取消"</button>
            </div>
        </ModalDialog>
    }
}
