//! 基本信息: region, level, year, the notice and its 文号, the reporting unit and date, 主送机关
//! and 附件; 填表人 and 审核人 where the framework is scored (the 自评打分表's cover).

use crate::form::fields::MetaTextField;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::MetaField;
use lvzhi_core::framework::Level;

#[component]
pub fn MetaEditor() -> impl IntoView {
    let workspace = use_workspace();
    let meta = workspace.signals.meta;
    let workspace_scored = workspace.framework.is_scored();
    // Examples of the framework's own level: a county's draft is not shown a city's name.
    let (region_example, unit_example) = match workspace.framework.level {
        Level::County => ("如：安岳县", "如：安岳县人民政府"),
        _ => ("如：资阳市", "如：资阳市人民政府"),
    };
    view! {
        <section class="meta-editor" aria-labelledby="meta-title">
            <h1 id="meta-title">"基本信息"</h1>
            <MetaTextField field=MetaField::Region placeholder=region_example hint="写全称，报告标题和“无此项工作任务”句中会用到。"/>
            <div class="field">
                <label for="meta-level">"行政层级"</label>
                <select
                    id="meta-level"
                    on:change=move |event| {
                        if let Some(level) = Level::from_key(&event_target_value(&event)) {
                            meta.level.set(level);
                        }
                    }
                >
                    {Level::ALL.into_iter().map(|level| view! {
                        <option value=level.key() selected=move || meta.level.get() == level>{level.label_zh()}</option>
                    }).collect_view()}
                </select>
            </div>
            <MetaTextField field=MetaField::Province/>
            <MetaTextField field=MetaField::Year placeholder="如：2023"/>
            <MetaTextField field=MetaField::DataYear placeholder="不填则按指标体系"
                hint="报告所写数据的年度，如2023年度评价写2022。不填则按指标体系（通常为评价年度的上一年）。"/>
            <MetaTextField field=MetaField::NoticeTitle hint="开头段引用的通知，不含书名号。"/>
            <MetaTextField field=MetaField::NoticeNumber placeholder="如：川教督委〔2023〕2号" hint="年份用六角括号〔〕，序号不加“第”、不编虚位。"/>
            <MetaTextField field=MetaField::Unit placeholder=unit_example/>
            <MetaTextField field=MetaField::Date placeholder="如：2023年3月20日"/>
            <MetaTextField field=MetaField::Addressee placeholder="县级报市教育督导委员会，市级报省教育督导委员会"
                hint="以“报告”形式报送上级督导委员会时填写，印在标题下一行；不填则不印。"/>
            <MetaTextField field=MetaField::Attachments rows=3 placeholder="如：2023年教育经费统计表"
                hint="每行一个附件名称，印在正文之后、落款之前（附件：1．…）；不填则不印。"/>
            {workspace_scored.then(|| view! {
                <MetaTextField field=MetaField::Filler hint="印在自评打分表封面。"/>
                <MetaTextField field=MetaField::Reviewer hint="印在自评打分表封面。"/>
            })}
        </section>
    }
}
