//! 从指标表新建's scoring rules: every rule found (a rule row of the table, a condition in a
//! 评分细则, a sentence of the notice) with what it came from and what it became, each with a
//! checkbox to leave it out; and the deductions proposed from 评分细则, each kept only when ticked
//! (全部采用 ticks them all). Counts say how many were proposed of how many rows have a 评分细则.

use leptos::prelude::*;
use lvzhi_core::indicator_table::{Built, RuleSource};
use std::collections::BTreeSet;

fn source_text(source: &RuleSource) -> String {
    match source {
        RuleSource::Row(row) => format!("第{row}行"),
        RuleSource::ScoringRule(row) => format!("第{row}行的评分细则"),
        RuleSource::Notice => "通知原文".to_owned(),
    }
}

/// Toggles `key` in a set of keys.
fn toggle(set: RwSignal<BTreeSet<String>>, key: String, present: bool) {
    set.update(|keys| {
        if present {
            keys.insert(key);
        } else {
            keys.remove(&key);
        }
    });
}

#[component]
pub fn FoundRules(
    built: Signal<Option<Built>>,
    /// Keys of rules the user unticked.
    refused: RwSignal<BTreeSet<String>>,
    /// Keys of proposed deductions the user accepted.
    accepted: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    move || {
        let built = built.get()?;
        if built.rules.is_empty() && built.deductions.is_empty() && built.rules_written == 0 {
            return None;
        }
        let kept = built.rules.iter().filter(|rule| rule.kept).count();
        let rules = built
            .rules
            .iter()
            .map(|rule| {
                let key = rule.key.clone();
                let id = format!("rule-keep-{key}");
                view! {
                    <li class="found-rule">
                        <input type="checkbox" id=id.clone() prop:checked=rule.kept
                            on:change=move |event| toggle(refused, key.clone(), !event_target_checked(&event))/>
                        <label for=id>
                            <span class="became">{rule.became.clone()}</span>
                            <span class="source">{format!("（{}：{}）", source_text(&rule.source), rule.quoted)}</span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        let all_keys: Vec<String> = built.deductions.iter().map(|proposal| proposal.key.clone()).collect();
        let taken = built.deductions.iter().filter(|proposal| proposal.kept).count();
        let deductions = built
            .deductions
            .iter()
            .map(|proposal| {
                let key = proposal.key.clone();
                let id = format!("deduct-keep-{key}");
                view! {
                    <li class="found-rule">
                        <input type="checkbox" id=id.clone() prop:checked=proposal.kept
                            on:change=move |event| toggle(accepted, key.clone(), event_target_checked(&event))/>
                        <label for=id>
                            <span class="became">{format!("{}：{}", proposal.label, proposal.summary)}</span>
                            <span class="source">{format!("（第{}行评分细则：{}；新增数据项{}）", proposal.row, proposal.rule, proposal.figure)}</span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        let proposed = built.deductions.len();
        let written = built.rules_written;
        Some(view! {
            <section class="found-rules" aria-labelledby="found-rules-title" data-testid="found-rules">
                <h2 id="found-rules-title">"评分规则"</h2>
                {(!built.rules.is_empty()).then(|| view! {
                    <p class="hint">{format!("从指标表和通知文字中读到{}条规则，采用{kept}条；取消勾选的不写入指标体系。建立后可在“编辑指标体系”的“评分规则”中修改。", built.rules.len())}</p>
                    <ul class="found-rule-list">{rules}</ul>
                })}
                {(proposed == 0 && written > 0).then(|| view! {
                    <p class="hint" data-testid="deduction-count">{format!("{written}行评分细则都不是按数据计算的扣分，保持原文。")}</p>
                })}
                {(proposed > 0).then(|| view! {
                    <h3>"按评分细则测算扣分（推荐）"</h3>
                    <p class="hint" data-testid="deduction-count">{format!(
                        "{written}行评分细则中，有{proposed}行可按数据测算扣分，已勾选{taken}行。勾选后为该行新增对应的数据项（含政策要求及依据），填写数据后自动测算得分；未勾选的保持原文。")}</p>
                    <div class="entry-controls">
                        <button type="button" id="deduct-accept-all" on:click=move |_| accepted.update(|keys| keys.extend(all_keys.iter().cloned()))>"全部采用"</button>
                        <button type="button" id="deduct-accept-none" on:click=move |_| accepted.update(BTreeSet::clear)>"全不采用"</button>
                    </div>
                    <ul class="found-rule-list">{deductions}</ul>
                })}
            </section>
        })
    }
}
