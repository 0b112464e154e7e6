//! The editor of one item: 无此项工作任务, narrative with the 范文 starter, figures, preview, rating.

use crate::form::figure_input::FigureInput;
use crate::form::findings_panel::FieldFindings;
use crate::form::scores::ItemScores;
use crate::route::DraftPage;
use crate::workspace::draft_signals::ItemSignals;
use crate::workspace::field::dom_id;
use crate::workspace::use_workspace;
use leptos::html::Textarea;
use leptos::prelude::*;
use lvzhi_core::draft::{Location, MetaField};
use lvzhi_core::framework::Item;
use lvzhi_core::han::character_count;
use lvzhi_core::report::area_label;
use lvzhi_core::template::{render_segments, Segment};
use lvzhi_core::Rating;

/// Inserts `insertion` into the textarea's value at its cursor (or at the end) and puts the cursor after it.
fn insert_at_cursor(textarea: &web_sys::HtmlTextAreaElement, value: RwSignal<String>, insertion: &str) {
    let text = value.get_untracked();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let cursor =
        textarea.selection_start().ok().flatten().map(|at| at as usize).unwrap_or(utf16.len()).min(utf16.len());
    let before = String::from_utf16_lossy(&utf16[..cursor]);
    let after = String::from_utf16_lossy(&utf16[cursor..]);
    value.set(format!("{before}{insertion}{after}"));
    textarea.set_value(&value.get_untracked());
    let caret = (cursor + insertion.encode_utf16().count()) as u32;
    let _ = textarea.set_selection_range(caret, caret);
    let _ = textarea.focus();
}

#[component]
fn NotApplicableToggle(item: &'static Item, signals: ItemSignals) -> impl IntoView {
    let workspace = use_workspace();
    let checkbox_id = format!("na-{}", item.code);
    let (item_location, reason_location) = (Location::Item(item.code.clone()), Location::ItemReason(item.code.clone()));
    let reason_id = dom_id(&reason_location, &workspace.signals);
    let reason = workspace.bind(reason_location.clone());
    let label_for = checkbox_id.clone();
    view! {
        <div class="not-applicable">
            <label for=label_for>
                <input
                    id=checkbox_id
                    type="checkbox"
                    prop:checked=move || signals.not_applicable.get()
                    on:change={
                        let location = item_location.clone();
                        move |event| {
                            signals.not_applicable.set(event_target_checked(&event));
                            workspace.touch(location.clone());
                        }
                    }
                />
                " 无此项工作任务"
            </label>
            <Show when=move || signals.not_applicable.get()>
                <div class="field">
                    <label for=reason_id.clone()>"原因说明（如“辖区内无高校”）"</label>
                    <input
                        id=reason_id.clone()
                        type="text"
                        prop:value=move || signals.not_applicable_reason.get()
                        on:input=reason.on_input()
                        on:compositionend=reason.on_composition_end()
                    />
                    <FieldFindings location=reason_location.clone()/>
                </div>
                <p class="hint">"报告中写作“"{move || workspace.signals.meta.text(MetaField::Region).get()}"无此项工作任务。”；已写的正文仍保留，取消勾选即可恢复。"</p>
            </Show>
        </div>
    }
}

#[component]
fn Preview(item: &'static Item, signals: ItemSignals) -> impl IntoView {
    let workspace = use_workspace();
    let (draft, framework) = (workspace.signals, workspace.framework);
    let lead = item.lead.then(|| format!("{}。", item.title));
    // The paragraph follows the narrative after a pause in typing, not at every keystroke: it is
    // rebuilt whole, references resolved, and that is no work for the input path.
    let settled = workspace.edits.settled;
    let code = item.code.as_str();
    let narrative = Memo::new(move |_| {
        settled.with(|draft| draft.items.get(code).map(|entry| entry.narrative.clone()).unwrap_or_default())
    });
    let body = move || {
        if signals.not_applicable.get() {
            let region = draft.meta.text(MetaField::Region).get();
            return view! { <span>{format!("{region}无此项工作任务。")}</span> }.into_any();
        }
        let narrative = narrative.get();
        let segments: Vec<_> = render_segments(&narrative, |name| draft.reference_value(framework, name))
            .into_iter()
            .map(|segment| match segment {
                Segment::Literal(text) => view! { <span>{text.to_owned()}</span> }.into_any(),
                Segment::Value { value, .. } => view! { <span class="value">{value}</span> }.into_any(),
                Segment::Missing { name } => {
                    let label = framework
                        .figure_by_name(name)
                        .map(|figure| figure.label.clone())
                        .unwrap_or_else(|| name.to_owned());
                    view! { <mark class="missing" title="尚未填写">{format!("【{label}】")}</mark> }.into_any()
                }
            })
            .collect();
        segments.into_any()
    };
    view! {
        <section class="preview" aria-labelledby=format!("preview-{}", item.code)>
            <h2 id=format!("preview-{}", item.code)>"报告中的段落"</h2>
            <p class="report-paragraph">{lead}{body}</p>
        </section>
    }
}

#[component]
fn RatingField(item: &'static Item, signals: ItemSignals) -> impl IntoView {
    let workspace = use_workspace();
    let item_location = Location::Item(item.code.clone());
    let touch_item = Callback::new(move |()| workspace.touch(item_location.clone()));
    view! {
        <fieldset class="rating">
            <legend>"自评结论"</legend>
            {Rating::ALL.into_iter().map(|rating| {
                let id = format!("rating-{}-{}", item.code, rating.key());
                let label_for = id.clone();
                view! {
                    <label for=label_for class="radio">
                        <input
                            id=id
                            type="radio"
                            name=format!("rating-{}", item.code)
                            prop:checked=move || signals.rating.get() == Some(rating)
                            on:change=move |_| {
                                signals.rating.set(Some(rating));
                                touch_item.run(());
                            }
                        />
                        {rating.label_zh()}
                    </label>
                }
            }).collect_view()}
            <button type="button" class="link-button" on:click=move |_| { signals.rating.set(None); touch_item.run(()); }
                disabled=move || signals.rating.with(Option::is_none)>"清除"</button>
        </fieldset>
    }
}

#[component]
pub fn ItemEditor(code: String) -> impl IntoView {
    let workspace = use_workspace();
    let framework = workspace.framework;
    let (area_index, area, item) = framework.locate(&code).expect("the route only opens items of the framework");
    let signals = workspace.signals.item(&item.code);
    let textarea = NodeRef::<Textarea>::new();
    let insert = Callback::new(move |reference: String| {
        if let Some(element) = textarea.get_untracked() {
            insert_at_cursor(&element, signals.narrative, &reference);
        }
    });
    let insert_starter = move |_| {
        let Some(starter) = item.starter.clone() else { return };
        workspace.touch(Location::ItemNarrative(item.code.clone()));
        signals.narrative.update(|text| {
            if text.trim().is_empty() {
                *text = starter;
            } else {
                text.push('\n');
                text.push_str(&starter);
            }
        });
    };
    let (previous, next) = framework.neighbours(&item.code);
    let narrative_location = Location::ItemNarrative(item.code.clone());
    let narrative_id = dom_id(&narrative_location, &workspace.signals);
    let narrative = workspace.bind(narrative_location.clone());
    let guidance_id = format!("guidance-{}", item.code);

    view! {
        <article class="item-editor" aria-labelledby=format!("title-{}", item.code)>
            <p class="crumb">{format!("{} · {}", area_label(area_index, area), framework.shown_code(&item.code))}</p>
            <h1 id=format!("title-{}", item.code)>{item.title.clone()}</h1>
            <p class="guidance" id=guidance_id.clone()>{item.guidance.clone()}</p>
            <FieldFindings location=Location::Item(item.code.clone())/>
            {item.allow_not_applicable.then(|| view! { <NotApplicableToggle item=item signals=signals/> })}
            <div class="narrative" class:muted=move || signals.not_applicable.get()>
                <div class="narrative-head">
                    <label for=narrative_id.clone()>"工作情况及成效"</label>
                    {item.starter.is_some().then(|| view! {
                        <button type="button" on:click=insert_starter>"插入范文"</button>
                    })}
                </div>
                <textarea
                    id=narrative_id
                    node_ref=textarea
                    rows="9"
                    aria-describedby=guidance_id
                    prop:value=move || signals.narrative.get()
                    on:input=narrative.on_input()
                    on:compositionend=narrative.on_composition_end()
                ></textarea>
                <FieldFindings location=narrative_location.clone()/>
                <p class="hint">
                    {move || format!("{}字", signals.narrative.with(|text| character_count(text)))}
                    {(!item.figures.is_empty()).then_some("。数字在下方“数据”中填写，正文中写 {数据名称}（如 {教育经费}）引用，报告中自动替换为数值。")}
                </p>
            </div>
            {(!item.figures.is_empty()).then(|| view! {
                <fieldset class="figures">
                    <legend>"数据"</legend>
                    {item.figures.iter().map(|figure| view! { <FigureInput figure=figure on_insert=insert/> }).collect_view()}
                </fieldset>
            })}
            <Preview item=item signals=signals/>
            // A scored framework rates by points: 达标/基本达标/未达标 would say it twice.
            {(!framework.is_scored()).then(|| view! { <RatingField item=item signals=signals/> })}
            <ItemScores item=item/>
            <nav class="pager" aria-label="上一项和下一项">
                {previous.map(|item| view! { <a href=DraftPage::Item(item.code.clone()).href() rel="prev">{format!("← {}", item.title)}</a> })}
                {next.map(|item| view! { <a href=DraftPage::Item(item.code.clone()).href() rel="next">{format!("{} →", item.title)}</a> })}
            </nav>
        </article>
    }
}
