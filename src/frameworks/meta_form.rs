//! The framework's meta in the editor: name, 发文机关, level, evaluation and data year, the notice
//! and further cited documents, the 主送机关, and the report's skeleton (form, title and opening
//! patterns, parts and their headings, item style).

use crate::frameworks::commit_field::CommitField;
use crate::frameworks::editor_state::use_editor;
use leptos::prelude::*;
use lvzhi_core::framework::{ItemStyle, Level, PartKind, ReportForm, SKELETON_TOKENS};
use lvzhi_core::framework_edit::{Action, DocumentField, MetaKey, OptionalPart};

#[component]
pub fn FrameworkMetaForm() -> impl IntoView {
    let editor = use_editor();
    // Rebuilt on undo and on added or removed rows only: typing keeps its focus.
    move || {
        editor.revision.track();
        let framework = editor.edit.with_untracked(|edit| edit.parts().clone());
        let field = |key: MetaKey, id: &str, label: &str, value: String, hint: &'static str| {
            view! {
                <CommitField id=id.to_owned() label=label.to_owned() value=value hint=hint
                    on_commit=Callback::new(move |value| editor.dispatch(Action::SetMeta(key, value)))/>
            }
        };
        let level = framework.level;
        let tokens: String = SKELETON_TOKENS
            .iter()
            .map(|(token, meaning)| format!("{{{token}}}：{meaning}"))
            .collect::<Vec<_>>()
            .join("；");
        let tokens_title = tokens.clone();
        let parts = framework.report.parts.clone();
        let has = |kind: PartKind| parts.iter().any(|part| part.kind == kind);
        let (has_overview, has_rectification) = (has(PartKind::Narrative), has(PartKind::Rectification));
        let addressee_required = framework.report.addressee_required;
        // The 文种 chosen in the select, applied by its button only.
        let chosen_form = RwSignal::new(framework.report.form());
        let item_style = framework.report.item_style;
        view! {
            <h2 id="fw-meta-title" tabindex="-1">"基本信息与报告格式"</h2>
            <fieldset class="framework-meta">
                <legend>"基本信息"</legend>
                {field(MetaKey::Title, "fw-title", "指标体系名称", framework.title.clone(), "")}
                {field(MetaKey::Issuer, "fw-issuer", "发文机关", framework.issuer.clone(), "如：××市人民政府教育督导委员会")}
                {field(MetaKey::Province, "fw-province", "省份", framework.province.clone(), "")}
                <div class="field">
                    <label for="fw-level">"评价对象层级"</label>
                    <select id="fw-level" on:change=move |event| {
                        if let Some(level) = Level::from_key(&event_target_value(&event)) {
                            editor.act(Action::SetLevel(level));
                        }
                    }>
                        {Level::ALL.into_iter().map(|option| view! {
                            <option value=option.key() selected=option == level>{option.label_zh()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {field(MetaKey::Year, "fw-year", "评价年度", framework.year.to_string(), "")}
                {field(MetaKey::DataYear, "fw-data-year", "数据年度", framework.data_year.map(|year| year.to_string()).unwrap_or_default(),
                    "报告所述数据的年度；不填为评价年度的上一年（2023年评价报告2022年数据）。")}
                {field(MetaKey::NoticeTitle, "fw-notice-title", "通知名称", framework.notice.title.clone(), "")}
                {field(MetaKey::NoticeNumber, "fw-notice-number", "通知文号", framework.notice.number.clone(), "如：川教督委〔2025〕1号")}
                <DocumentsField documents=framework.documents.iter().map(|document| (document.title.clone(), document.number.clone())).collect()/>
                {field(MetaKey::Addressee, "fw-addressee", "主送机关", framework.addressee.clone(), "新建草稿时预填；“报告”文种必须写主送机关。")}
            </fieldset>
            <fieldset class="framework-report">
                <legend>"报告格式"</legend>
                <div class="field">
                    <label for="fw-form">"文种"</label>
                    <div class="inline-controls">
                        <select id="fw-form" aria-describedby="fw-form-hint" on:change=move |event| {
                            if let Some(form) = ReportForm::from_key(&event_target_value(&event)) {
                                chosen_form.set(form);
                            }
                        }>
                            {ReportForm::ALL.into_iter().map(|form| view! {
                                <option value=form.key() selected=form == chosen_form.get_untracked()>{form.label_zh()}</option>
                            }).collect_view()}
                        </select>
                        // A button applies it: the whole format is replaced, which an arrow key on
                        // the select must not do by itself.
                        <button type="button" id="fw-form-apply" on:click=move |_| {
                            editor.act(Action::SetSkeleton(chosen_form.get_untracked().skeleton()));
                        }>"套用此文种"</button>
                    </div>
                    <p class="hint" id="fw-form-hint">"自评报告：标题“××年××人民政府履行教育职责自评报告”。报告：标题“××人民政府关于××年履行教育职责自评情况的报告”，标题下写主送机关，第一部分为“基本情况”。套用后标题、开头语和各部分按所选文种重设。"</p>
                </div>
                {field(MetaKey::ReportTitle, "fw-report-title", "标题格式", framework.report.title.clone(), "")}
                {field(MetaKey::ReportOpening, "fw-report-opening", "开头语格式", framework.report.opening.clone(), "")}
                <p class="hint" title=tokens_title>"可用占位符："{tokens}</p>
                <label class="checkbox"><input type="checkbox" id="fw-addressee-required" prop:checked=addressee_required
                    on:change=move |event| editor.act(Action::SetAddresseeRequired(event_target_checked(&event)))/>"必须写主送机关"</label>
                <label class="checkbox"><input type="checkbox" id="fw-part-overview" prop:checked=has_overview
                    on:change=move |event| editor.act(Action::SetPartIncluded(OptionalPart::Overview, event_target_checked(&event)))/>"包含“基本情况”部分"</label>
                <label class="checkbox"><input type="checkbox" id="fw-part-rectification" prop:checked=has_rectification
                    on:change=move |event| editor.act(Action::SetPartIncluded(OptionalPart::Rectification, event_target_checked(&event)))/>"包含“上一轮评价反馈问题整改情况”部分"</label>
                <ol class="part-headings">
                    {parts.iter().enumerate().map(|(index, part)| {
                        let label = format!("第{}部分标题（{}）", index + 1, part.kind.label_zh());
                        let hint = if matches!(part.kind, PartKind::Problems | PartKind::Measures) { "不填则用默认标题。" } else { "" };
                        view! { <li><CommitField id=format!("fw-part-{index}") label=label value=part.heading.clone() hint=hint
                            on_commit=Callback::new(move |heading| editor.dispatch(Action::SetPartHeading(index, heading)))/></li> }
                    }).collect_view()}
                </ol>
                <div class="field">
                    <label for="fw-item-style">"指标的写法"</label>
                    <select id="fw-item-style" on:change=move |event| {
                        if let Some(style) = ItemStyle::from_key(&event_target_value(&event)) {
                            editor.act(Action::SetItemStyle(style));
                        }
                    }>
                        {ItemStyle::ALL.into_iter().map(|style| view! {
                            <option value=style.key() selected=style == item_style>{style.label_zh()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </fieldset>
        }
    }
}

/// 其他依据文件: title and 文号 each, added and deleted.
#[component]
fn DocumentsField(documents: Vec<(String, String)>) -> impl IntoView {
    let editor = use_editor();
    view! {
        <fieldset class="documents">
            <legend>"其他依据文件（评价办法、评价细则等）"</legend>
            <ol>
                {documents.into_iter().enumerate().map(|(index, (title, number))| {
                    let (title_id, number_id) = (format!("fw-doc-{index}-title"), format!("fw-doc-{index}-number"));
                    let commit = move |field: DocumentField| Callback::new(move |value: String| {
                        editor.dispatch(Action::SetDocument(index, field, value))
                    });
                    view! {
                        <li>
                            <CommitField id=title_id label="文件名称".to_owned() value=title on_commit=commit(DocumentField::Title)/>
                            <CommitField id=number_id label="文号".to_owned() value=number on_commit=commit(DocumentField::Number)/>
                            <button type="button" class="danger" aria-label=format!("删除此文件（第{}个依据文件）", index + 1)
                                on:click=move |_| editor.act(Action::DeleteDocument(index))>"删除此文件"</button>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <button type="button" id="fw-doc-add" on:click=move |_| editor.act(Action::AddDocument)>"添加依据文件"</button>
        </fieldset>
    }
}
