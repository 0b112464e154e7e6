//! 基本信息: region, level, year, the notice and its 文号, the reporting unit and date.

use crate::components::fields::TextField;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::framework::Level;

#[component]
pub fn MetaEditor() -> impl IntoView {
    let meta = use_workspace().draft.meta;
    view! {
        <section class="meta-editor" aria-labelledby="meta-title">
            <h1 id="meta-title">"基本信息"</h1>
            <TextField id="meta-region".into() label="地区名称" value=meta.region placeholder="如：资阳市" hint="写全称，报告标题和“无此项工作任务”句中会用到。"/>
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
            <TextField id="meta-province".into() label="所在省份" value=meta.province/>
            <TextField id="meta-year".into() label="评价年度" value=meta.year placeholder="如：2023"/>
            <TextField id="meta-notice-title".into() label="通知名称" value=meta.notice_title hint="开头段引用的通知，不含书名号。"/>
            <TextField id="meta-notice-number".into() label="通知文号" value=meta.notice_number placeholder="如：川教督委〔2023〕2号" hint="年份用六角括号〔〕，序号不加“第”、不编虚位。"/>
            <TextField id="meta-unit".into() label="报告单位（落款）" value=meta.unit placeholder="如：资阳市人民政府"/>
            <TextField id="meta-date".into() label="成文日期" value=meta.date placeholder="如：2023年3月20日"/>
        </section>
    }
}
