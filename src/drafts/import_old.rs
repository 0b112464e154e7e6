//! 导入旧报告: paste last year's report or pick a .docx/.txt, see where each part lands (area →
//! item → text, with confidence, and the 未归类 texts), correct it, then create a new draft. The
//! current draft is never touched.

use crate::clock::now_iso;
use crate::drafts::import_review::{ImportReview, Stage};
use crate::files::{read_bytes, take_picked_file};
use crate::notices::AppError;
use crate::route::focus_soon;
use crate::session::{new_draft_id, Session};
use crate::widgets::file_picker::FilePicker;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::framework::Framework;
use lvzhi_core::parse::{
    parse_docx, parse_text, sentence_starts, to_draft, Assignments, ParseError, ParsedReport, LEAVE_OUT,
};
use std::collections::BTreeSet;
use std::time::Duration;

fn confidence_label(confidence: f32) -> (&'static str, &'static str) {
    if confidence >= 0.8 {
        ("高", "confidence-high")
    } else if confidence >= 0.5 {
        ("中", "confidence-medium")
    } else {
        ("低", "confidence-low")
    }
}

fn preview(text: &str) -> String {
    let mut short: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        short.push('…');
    }
    short
}

/// A select of every item, grouped by area. `extra` options go first (value, label).
#[component]
fn ItemSelect(
    id: String,
    label: String,
    selected: Signal<Option<String>>,
    extra: Vec<(&'static str, &'static str)>,
    on_choose: Callback<Option<String>>,
    /// The framework the report is read against (not necessarily the open draft's).
    framework: &'static Framework,
) -> impl IntoView {
    view! {
        <select id=id aria-label=label on:change=move |event| {
            let value = event_target_value(&event);
            on_choose.run(if value == "__none" { None } else { Some(value) });
        }>
            {extra.into_iter().map(|(value, text)| view! {
                <option value=value selected=move || selected.get().as_deref().unwrap_or("__none") == value>{text}</option>
            }).collect_view()}
            {framework.areas.iter().map(|area| view! {
                <optgroup label=area.title.clone()>
                    {area.items.iter().map(|item| {
                        let code = item.code.clone();
                        let is_selected = { let code = code.clone(); move || selected.get().as_deref() == Some(code.as_str()) };
                        view! { <option value=code.clone() selected=is_selected>{format!("{} {}", item.code, item.title)}</option> }
                    }).collect_view()}
                </optgroup>
            }).collect_view()}
        </select>
    }
}

/// One text bound for an item: where it goes, how sure the parser was, the text (whole on
/// request, with a split between any two sentences), or 不导入.
#[component]
fn BlockRow(
    index: usize,
    assignments: RwSignal<Assignments>,
    /// Rows shown whole, by index (kept by the list, so a split re-rendering it keeps them open).
    expanded_rows: RwSignal<BTreeSet<usize>>,
    framework: &'static Framework,
) -> impl IntoView {
    let block = move || assignments.with(|a| a.blocks.get(index).cloned());
    let Some(first) = assignments.with_untracked(|a| a.blocks.get(index).cloned()) else { return ().into_any() };
    let (label, class) = confidence_label(first.confidence);
    let select_id = format!("mapping-{index}");
    let selected = Signal::derive(move || {
        assignments
            .with(|a| a.blocks.get(index).map(|block| block.target.clone().unwrap_or_else(|| LEAVE_BLOCK.to_owned())))
    });
    let choose = Callback::new(move |code: Option<String>| {
        let target = code.filter(|code| code != LEAVE_BLOCK);
        assignments.update(|a| {
            if let Some(block) = a.blocks.get_mut(index) {
                block.target = target;
            }
        })
    });
    let moved = move || block().is_some_and(|block| block.target.as_deref() != Some(block.proposed.as_str()));
    let expanded = Signal::derive(move || expanded_rows.with(|rows| rows.contains(&index)));
    let toggle = move |_| {
        expanded_rows.update(|rows| {
            if !rows.remove(&index) {
                rows.insert(index);
            }
        })
    };
    // Only the restated title, no text: nothing to choose a target for, unless the user keeps it.
    let title_only =
        Memo::new(move |_| block().is_some_and(|block| block.text.trim().is_empty() && !block.not_applicable));
    let title = framework.item(&first.proposed).map(|item| item.title.clone()).unwrap_or_default();
    let text = move || {
        let Some(block) = block() else { return ().into_any() };
        if block.not_applicable {
            return view! { <p class="mapping-text">"（无此项工作任务）"</p> }.into_any();
        }
        if block.text.trim().is_empty() {
            let said = block.restated.trim().to_owned();
            return view! {
                <p class="mapping-text hint">{format!("原文此处只有与指标名称意思相同的一句“{said}”，不作为正文导入；这项指标请另行填写。")}</p>
                <button type="button" class="link-button" on:click=move |_| {
                    assignments.update(|a| { a.keep_restated(index); });
                    focus_soon(format!("mapping-{index}"));
                }>"仍作为正文导入"</button>
            }
            .into_any();
        }
        if !expanded.get() {
            return view! { <p class="mapping-text">{preview(&block.text)}</p> }.into_any();
        }
        let starts = sentence_starts(&block.text);
        let ends = starts.iter().skip(1).copied().chain([block.text.len()]);
        let sentences: Vec<(usize, String)> = starts
            .iter()
            .zip(ends)
            .enumerate()
            .map(|(number, (&start, end))| (number, block.text[start..end].to_owned()))
            .collect();
        view! {
            <p class="mapping-text whole">
                {sentences.into_iter().map(|(number, sentence)| view! {
                    {(number > 0).then(|| view! {
                        <button type="button" class="split" title="从这一句起拆成另一段，可归入其他指标"
                            on:click=move |_| {
                                // Rows after this one move down by one; both halves stay open.
                                expanded_rows.update(|rows| {
                                    *rows = rows.iter().map(|&row| if row > index { row + 1 } else { row }).collect();
                                    rows.insert(index + 1);
                                });
                                assignments.update(|a| { a.split(index, number); });
                                // The new part is next: its target is what to choose now.
                                focus_soon(format!("mapping-{}", index + 1));
                            }>"✂ 从此处拆分"</button>
                    })}
                    <span class="sentence">{sentence}</span>
                }).collect_view()}
            </p>
        }
        .into_any()
    };
    view! {
        <li class="mapping-row" class:left-out=move || block().is_some_and(|block| block.target.is_none()) data-code=first.proposed.clone()>
            <div class="mapping-target">
                <label for=select_id.clone()>{format!("{} {}", first.proposed, title)}</label>
                <span class=format!("confidence {class}") title="匹配的把握">{format!("把握{label}")}</span>
                <span class="hint why" data-testid="mapping-why">{format!("依据：{}", first.why.label_zh())}</span>
                <Show when=moved><span class="hint">"（已改）"</span></Show>
            </div>
            {text}
            <Show when=move || !title_only.get()>
                <div class="mapping-actions">
                    <button type="button" class="link-button" aria-expanded=move || expanded.get().to_string() on:click=toggle>
                        {move || if expanded.get() { "收起" } else { "展开全文 / 拆分" }}
                    </button>
                    <ItemSelect id=select_id.clone() label="归入指标".to_owned() selected=selected extra=vec![(LEAVE_BLOCK, "不导入")] on_choose=choose framework=framework/>
                </div>
            </Show>
        </li>
    }
    .into_any()
}

/// The select value of a block not to import.
const LEAVE_BLOCK: &str = "__leave";

#[component]
fn Review(parsed: ParsedReport, framework: &'static Framework) -> impl IntoView {
    let session = expect_context::<Session>();
    let assignments = expect_context::<ImportReview>().assignments;
    let parsed = StoredValue::new(parsed);
    let summary = parsed.with_value(|parsed| {
        let year =
            if parsed.year.is_empty() { "（未识别年度）".to_owned() } else { format!("{}年", parsed.year) };
        let mut summary = format!(
            "识别到：{year}{}，{}个评价领域（共{}个），{}项指标有内容，{}条问题，{}条措施，{}段未归类",
            if parsed.region.is_empty() { "（未识别地区）" } else { &parsed.region },
            parsed.areas.len(),
            framework.areas.len(),
            parsed.items.len(),
            parsed.problems.len(),
            parsed.measures.len(),
            parsed.unassigned.len()
        );
        if !parsed.addressee.is_empty() {
            summary.push_str(&format!("；主送{}", parsed.addressee));
        }
        // The skeleton's own parts, where the framework's report has them.
        for (code, _) in &parsed.sections {
            if let Some(part) = framework.report.part(code) {
                summary.push_str(&format!("；“{}”有内容", part.heading));
            }
        }
        if !parsed.rectifications.is_empty() {
            summary.push_str(&format!("；整改情况{}条", parsed.rectifications.len()));
        }
        if !parsed.attachments.is_empty() {
            summary.push_str(&format!("；附件{}个", parsed.attachments.len()));
        }
        if !parsed.stated_scores.is_empty() {
            // Area totals cannot be spread over 观测点: a scored framework is scored row by row.
            let why = if framework.is_scored() {
                "得分请在各观测点的自评打分中填写"
            } else {
                "本指标体系没有分值"
            };
            summary.push_str(&format!("；{}个领域写有自评得分（{why}，未导入）", parsed.stated_scores.len()));
        }
        summary.push('。');
        summary
    });
    let create = move |_| {
        let draft = parsed.with_value(|parsed| {
            assignments
                .with_untracked(|assignments| to_draft(parsed, assignments, framework, new_draft_id(), now_iso()))
        });
        session.notices.report_error(
            session
                .open_imported(draft, "已根据旧报告创建新草稿。原来的草稿仍保存在本浏览器中，可在“草稿管理”中打开。"),
        );
    };
    let undecided = move || assignments.with(Assignments::undecided);
    // The list re-renders only when a split adds a block, so a select keeps its focus.
    let block_count = Memo::new(move |_| assignments.with(|a| a.blocks.len()));
    let expanded_rows = RwSignal::new(BTreeSet::new());
    let half_width_marks =
        Memo::new(move |_| parsed.with_value(|parsed| assignments.with(|a| a.half_width_marks(parsed))));
    view! {
        <p class="import-summary-line" data-testid="import-summary">{summary}</p>
        <h2>"各指标的内容"</h2>
        <p class="hint">"每段可展开全文；一段含有几项指标的内容时，可在句子之间拆分，再分别选择归入的指标；不需要的选择“不导入”。"</p>
        <ol class="mapping">
            {move || (0..block_count.get()).map(|index| view! { <BlockRow index=index assignments=assignments expanded_rows=expanded_rows framework=framework/> }).collect_view()}
        </ol>
        <Show when=move || { half_width_marks.get() > 0 }>
            <label class="checkbox" for="import-full-width">
                <input id="import-full-width" type="checkbox" prop:checked=move || assignments.with(|a| a.full_width_punctuation)
                    on:change=move |event| assignments.update(|a| a.full_width_punctuation = event_target_checked(&event))/>
                {move || format!("把半角标点（如“,”“;”“()”）改为全角，共{}处（小数点、英文不变）", half_width_marks.get())}
            </label>
        </Show>
        {parsed.with_value(|parsed| (!parsed.unassigned.is_empty()).then(|| view! {
            <h2>"未归类的内容"</h2>
            <p class="hint">"这些段落没有对应到指标，请逐段选择归入哪项指标，或选择“不导入”。"</p>
            <ol class="mapping unassigned">
                {parsed.unassigned.iter().enumerate().map(|(index, unassigned)| {
                    let select_id = format!("unassigned-{index}");
                    let selected = Signal::derive(move || assignments.with(|a| a.unassigned.get(index).cloned().flatten()));
                    let choose = Callback::new(move |code: Option<String>| assignments.update(|a| a.unassigned[index] = code));
                    let part = unassigned.part.map(|part| format!("（{part}）")).unwrap_or_default();
                    let why = match (&unassigned.suggestion, unassigned.leave_out) {
                        (_, true) => "这部分内容在草稿中没有对应的位置，建议不导入；如需要，可选择归入的指标。".to_owned(),
                        (Some(code), false) => format!("内容与 {code} 相近，已预选；请核对。"),
                        (None, false) => "没有把握对应到哪项指标，请选择。".to_owned(),
                    };
                    view! {
                        <li class="mapping-row" data-part=unassigned.part.unwrap_or_default()>
                            <label for=select_id.clone()>{format!("第{}段{part}", index + 1)}</label>
                            <p class="hint why">{why}</p>
                            <p class="mapping-text">{unassigned.text.clone()}</p>
                            <ItemSelect id=select_id label=format!("第{}段归入", index + 1) selected=selected
                                extra=vec![("__none", "请选择…"), (LEAVE_OUT, "不导入")] on_choose=choose framework=framework/>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }))}
        <div class="dialog-actions">
            <Show when=move || { undecided() > 0 }>
                <span class="hint">{move || format!("还有{}段未归类内容需要选择。", undecided())}</span>
            </Show>
            <button type="button" class="primary" disabled=move || { undecided() > 0 } on:click=create>"创建新草稿"</button>
        </div>
    }
}

#[component]
pub fn ImportOldReport() -> impl IntoView {
    let own = use_workspace().framework;
    let review = expect_context::<ImportReview>();
    let (pasted, stage) = (review.pasted, review.stage);
    let session = expect_context::<Session>();
    let notices = session.notices;
    // The report is read against the framework chosen here (the open draft's by default): a
    // county's report against a county framework, whatever draft happens to be open.
    let chosen = review.framework_id;
    let framework_of = move || session.framework_for(&chosen.get_untracked()).unwrap_or(own);
    let known = session.known_frameworks();

    // Parsing runs after the page has painted “正在解析…”, so a long input never freezes it unannounced.
    let run = move |job: Box<dyn FnOnce() -> Result<ParsedReport, ParseError>>| {
        notices.dismiss();
        stage.set(Stage::Parsing);
        set_timeout(
            move || match job() {
                Ok(parsed) => review.review(parsed),
                Err(problem) => {
                    notices.failed(&AppError::Parse(problem));
                    stage.set(Stage::Input);
                }
            },
            Duration::from_millis(30),
        );
    };
    let parse_pasted = move |_| {
        let text = pasted.get_untracked();
        let framework = framework_of();
        run(Box::new(move || parse_text(&text, framework)));
    };
    let on_file = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        let is_docx = file.name().to_ascii_lowercase().ends_with(".docx");
        let framework = framework_of();
        leptos::task::spawn_local(async move {
            match read_bytes(
                &file,
                if is_docx { lvzhi_core::limits::OLD_REPORT_DOCX } else { lvzhi_core::limits::OLD_REPORT_TEXT },
            )
            .await
            {
                Err(problem) => notices.failed(&problem.into()),
                Ok(bytes) if is_docx => run(Box::new(move || parse_docx(&bytes, framework))),
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => run(Box::new(move || parse_text(&text, framework))),
                    Err(_) => notices.failed(&AppError::Parse(ParseError::NotText)),
                },
            }
        });
    };
    view! {
        <section class="import-old" aria-labelledby="import-old-title">
            <h1 id="import-old-title">"导入旧报告"</h1>
            <p class="guidance">"粘贴去年的自评报告或范文全文，或选择 Word（.docx）、文本（.txt）文件。程序按“一、二、三”和“（一）…（九）”识别结构，把内容对应到各项指标；核对后创建一份新草稿，当前草稿不受影响。"</p>
            {move || match stage.get() {
                Stage::Input => view! {
                    <div class="field">
                        <label for="import-framework">"按指标体系"</label>
                        <select id="import-framework" on:change=move |event| chosen.set(event_target_value(&event))>
                            {known.clone().into_iter().map(|(id, title)| {
                                let selected = chosen.get_untracked() == id;
                                view! { <option value=id selected=selected>{title}</option> }
                            }).collect_view()}
                        </select>
                        <p class="hint">"旧报告的内容将对应到所选指标体系的各项指标，新草稿也使用它。"</p>
                    </div>
                    <div class="field">
                        <label for="old-report-text">"粘贴旧报告全文"</label>
                        <textarea id="old-report-text" rows="12" prop:value=move || pasted.get()
                            on:input=move |event| pasted.set(event_target_value(&event))></textarea>
                    </div>
                    <div class="dialog-actions">
                        <FilePicker id="old-report-file" label="选择 .docx / .txt 文件" accept=".docx,.txt,text/plain" on_pick=Callback::new(on_file)/>
                        <button type="button" class="primary" on:click=parse_pasted disabled=move || pasted.with(|text| text.trim().is_empty())>"解析"</button>
                    </div>
                }.into_any(),
                Stage::Parsing => view! { <p role="status" class="parsing">"正在解析…"</p> }.into_any(),
                Stage::Review(parsed) => view! {
                    <Review parsed=*parsed framework=framework_of()/>
                    <button type="button" class="link-button" on:click=move |_| {
                        let question = "放弃这次核对的结果，重新粘贴或选择文件？";
                        if window().confirm_with_message(question).unwrap_or(false) {
                            stage.set(Stage::Input);
                        }
                    }>"重新导入"</button>
                }.into_any(),
            }}
        </section>
    }
}
