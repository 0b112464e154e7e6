//! The overview: progress of the whole report and of each area.

use crate::drafts::remap_dialog::FrameworkSwitch;
use crate::route::{AppPage, DraftPage};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::report::area_label;

#[component]
pub fn Overview() -> impl IntoView {
    let workspace = use_workspace();
    let framework = workspace.framework;
    let area_done: Vec<Memo<usize>> = framework.areas.iter().map(|area| workspace.area_done(area)).collect();
    let total_items = framework.item_count();
    let all_done = {
        let area_done = area_done.clone();
        Memo::new(move |_| area_done.iter().map(|done| done.get()).sum::<usize>())
    };
    let unknown_items = workspace.signals.unknown_items();
    let problems = workspace.signals.problems;
    let measures = workspace.signals.measures;
    view! {
        <section class="overview" aria-labelledby="overview-title">
            <h1 id="overview-title">"概览"</h1>
            <p class="lead-text">
                {framework.title.clone()}
                {(!framework.notice.number.trim().is_empty()).then(|| format!("（{}）", framework.notice.number))}
                "。逐项填写各项指标的工作情况和数据，"
                "没有任务的指标选择“无此项工作任务”。草稿随时自动保存在本机浏览器中。"
            </p>
            <div class="overall">
                <label for="overall-progress">
                    {move || format!("已完成 {}/{} 项指标", all_done.get(), total_items)}
                </label>
                <progress id="overall-progress" max=total_items value=move || all_done.get()></progress>
            </div>
            {framework.is_scored().then(|| {
                let sheet = workspace.scores;
                let headline = move || sheet.with(|sheet| sheet.as_ref().map(|sheet| {
                    if !sheet.anything_scored() {
                        return format!("尚未评分（满分{}分，共{}项待评分）", sheet.full_marks, sheet.unscored);
                    }
                    let provisional = if sheet.conditions_open > 0 { "（暂定）" } else { "" };
                    let grade = sheet.grade.as_ref().map(|grade| format!("，自评等次{}{provisional}", grade.name)).unwrap_or_default();
                    let open = if sheet.unscored > 0 { format!("（{}项未评分或填写有误）", sheet.unscored) } else { String::new() };
                    format!("自评总分 {}分 / 满分{}分{grade}{open}", sheet.total, sheet.full_marks)
                }));
                view! {
                    <p class="score-headline" data-testid="overview-score">
                        <a href=DraftPage::Scoring.href()>{headline}</a>
                    </p>
                }
            })}
            <table class="area-progress">
                <thead><tr><th scope="col">"评价领域"</th><th scope="col">"进度"</th><th scope="col">"完成"</th></tr></thead>
                <tbody>
                    {framework.areas.iter().zip(area_done).enumerate().map(|(index, (area, done))| {
                        let total = area.items.len();
                        let first = DraftPage::Item(area.items[0].code.clone()).href();
                        view! {
                            <tr>
                                <th scope="row"><a href=first>{area_label(index, area)}</a></th>
                                <td><progress max=total value=move || done.get() aria-label=format!("{}进度", area.title)></progress></td>
                                <td class="count">{move || format!("{}/{}", done.get(), total)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!unknown_items.is_empty()).then(|| view! {
                <section class="unknown-items" aria-labelledby="unknown-items-title">
                    <h2 id="unknown-items-title">"未对应到本指标体系的内容"</h2>
                    <p class="hint">"这些内容来自其他版本或其他指标体系（更换指标体系、合并同事的草稿时），本指标体系中没有对应的指标。内容已原样保留，可复制到合适的指标中。"</p>
                    <dl>
                        {unknown_items.into_iter().map(|(code, entry)| view! {
                            <dt>{code}</dt><dd>{lvzhi_core::merge::describe_entry(&entry)}</dd>
                        }).collect_view()}
                    </dl>
                </section>
            })}
            <p>
                <a href=DraftPage::Problems.href()>{move || format!("存在的问题：{}条", problems.with(Vec::len))}</a>
                "　"
                <a href=DraftPage::Measures.href()>{move || format!("下一步措施：{}条", measures.with(Vec::len))}</a>
            </p>
            <FrameworkSwitch/>
            <HowTo/>
        </section>
    }
}

/// 使用步骤: the whole job in order, each step linked to where it is done.
#[component]
fn HowTo() -> impl IntoView {
    view! {
        <details class="how-to">
            <summary>"使用步骤"</summary>
            <ol>
                <li>"选定指标体系：在"<a href=AppPage::Start.href()>"开始"</a>"页从通知附带的指标表新建、打开同事发来的草稿文件或指标体系文件、使用已有的指标体系，或导入去年的报告。"</li>
                <li>"在"<a href=DraftPage::Meta.href()>"基本信息"</a>"中填写地区、年度、通知文号、报告单位和日期。"</li>
                <li>
                    "逐项填写各指标的工作情况（可“插入范文”后修改），数字填在“数据”中，正文用 {数据名称} 引用；"
                    "数据也可在"<a href=DraftPage::Figures.href()>"全部数据"</a>"中集中填写，或导出数据填报表请财政、人社等部门填好后导入。"
                </li>
                <li>"填写"<a href=DraftPage::Problems.href()>"存在的问题"</a>"和"<a href=DraftPage::Measures.href()>"下一步措施"</a>"，每条问题至少对应一条措施。"</li>
                <li>"点右侧“检查全文”，按提示补全空白（x、xx、20xx）、核对数据和政策要求、修正标点和文号。"</li>
                <li>"导出 Word（公文格式）或打印（Ctrl+P）；把草稿文件发给同事修改，收回后用“合并同事的草稿”。"</li>
                <li>"草稿随时自动保存（也可按 Ctrl+S）在本机浏览器中：清理浏览器数据或更换电脑前，请在"<a href=AppPage::Drafts.href()>"草稿管理"</a>"中全部备份。"</li>
            </ol>
        </details>
    }
}
