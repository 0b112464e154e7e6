//! 开始 (`#/start`): where the app opens the first time in a browser (no draft here yet), instead
//! of inside the built-in example's draft. The user chooses the framework first, in the four ways
//! they have one — the notice's indicator table (pasted or its Word file), a file a colleague sent
//! (a draft file, or a framework file), a framework this browser knows (each with its province,
//! level, year and whether it is scored), or last year's report — and the new draft opens on 基本信息
//! for the unit's name, level and year. The example's draft behind the page is never stored unless
//! the user chooses to look at it and types.

use crate::files::{read_text, take_picked_file};
use crate::route::{AppPage, DraftPage};
use crate::session::Session;
use crate::widgets::file_picker::FilePicker;
use leptos::prelude::*;
use lvzhi_core::framework::Framework;

/// One line about a framework: who issued it, for which level and year, scored or not.
fn described(framework: &Framework) -> String {
    let issuer = [framework.issuer.trim(), framework.province.trim()]
        .into_iter()
        .find(|text| !text.is_empty())
        .map(|text| format!("{text}；"))
        .unwrap_or_default();
    let scored = match &framework.scoring {
        Some(scoring) => {
            let total = scoring.total.unwrap_or_else(|| framework.leaf_points());
            format!("打分（满分{total}分）")
        }
        None => "不打分（按评价重点撰写）".to_owned(),
    };
    format!(
        "{issuer}评价对象：{}；{}年；{}个一级指标、{}个二级指标；{scored}",
        framework.level.label_zh(),
        framework.year,
        framework.areas.len(),
        framework.item_count()
    )
}

#[component]
pub fn StartPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let open_on = move |framework: &'static Framework| {
        let notice = format!("已按“{}”新建草稿。请先填写基本信息：地区名称、行政层级和评价年度。", framework.title);
        session.notices.report_error(session.open_new_on_meta(session.new_draft(framework), notice));
    };
    let known: Vec<&'static Framework> =
        session.known_frameworks().into_iter().filter_map(|(id, _)| session.framework_for(&id)).collect();
    let frameworks = known
        .into_iter()
        .enumerate()
        .map(|(index, framework)| {
            let id = format!("start-framework-{index}");
            view! {
                <li class="start-framework">
                    <div>
                        <strong>{framework.title.clone()}</strong>
                        <p class="hint">{described(framework)}</p>
                    </div>
                    <button type="button" id=id on:click=move |_| open_on(framework)>"用它新建草稿"</button>
                </li>
            }
        })
        .collect_view();
    let on_framework_file = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            let outcome = async {
                let (draft, notice) =
                    session.draft_on_framework_file(&read_text(&file, lvzhi_core::limits::FRAMEWORK_FILE).await?)?;
                session.open_new_on_meta(draft, notice)
            };
            session.notices.report_error(outcome.await);
        });
    };
    // The toolbar's own picker: one file input for draft files on the page.
    let open_draft_file = move |_| {
        if let Some(input) = document().get_element_by_id("import-file") {
            wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(input).click();
        }
    };
    view! {
        <section class="start-page" aria-labelledby="start-title">
            <h1 id="start-title" tabindex="-1">"开始填写自评报告"</h1>
            <p class="guidance">"先选择评价所用的指标体系：各省、各级、各年度的指标不同，表单和报告的结构也随之不同。选定后填写基本信息（地区名称、行政层级、评价年度），再逐项填写。"</p>
            <ol class="start-ways">
                <li>
                    <h2>"用通知附带的指标表"</h2>
                    <p>"在 Word、WPS 或 Excel 中复制通知附件里的指标表粘贴进来，或直接选择附件的 Word 文件；程序读取指标、分值和评分规则，核对后建立指标体系。"</p>
                    <a class="button primary" id="start-from-table" href=AppPage::FromTable.href()>"从指标表新建…"</a>
                </li>
                <li>
                    <h2>"用同事发来的文件"</h2>
                    <p>"同事发来的草稿文件（带有它的指标体系），或指标体系文件（.json）。"</p>
                    <div class="dialog-actions start">
                        <button type="button" id="start-draft-file" on:click=open_draft_file>"导入草稿文件…"</button>
                        <FilePicker id="start-framework-file" label="从指标体系文件新建…" accept=".json,application/json" on_pick=Callback::new(on_framework_file)/>
                    </div>
                </li>
                <li>
                    <h2>"用本程序中已有的指标体系"</h2>
                    <ul class="start-frameworks">{frameworks}</ul>
                </li>
                <li>
                    <h2>"用去年的报告"</h2>
                    <p>"粘贴去年的自评报告全文，程序按指标对应到今年的表单，去年的数据作为上年值。"</p>
                    <a class="button" id="start-import-old" href=DraftPage::ImportOld.href()>"导入旧报告…"</a>
                </li>
            </ol>
            <p class="hint">
                "只想先看看？"<a href=DraftPage::Overview.href() id="start-look">"查看四川省示例草稿"</a>
                "（未输入内容时不会保存）。以后可在"<a href=AppPage::Drafts.href()>"草稿管理"</a>"中新建草稿。"
            </p>
        </section>
    }
}
