//! 指标体系 on 草稿管理: every framework a draft can be made with here — the built-in one, the
//! scored example, those made from a table or brought as a file — each offered as a framework file
//! to send to colleagues (they open it with 从指标体系文件新建), to edit, to start a draft with, and
//! (not built in, no draft using it) to delete into its 回收站, from where it comes back.

use crate::notices::AppError;
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn FrameworksList() -> impl IntoView {
    let session = expect_context::<Session>();
    let notices = session.notices;
    let export = move |id: String| {
        let Some(framework) = session.framework_for(&id) else { return };
        notices.report(session.export_framework(framework));
    };
    let new_draft = move |id: String| {
        let Some(framework) = session.framework_for(&id) else { return };
        notices.report_error(session.new_draft_on(framework));
    };
    // Deleting or restoring redraws the lists, and the focus goes to their heading.
    let changed = RwSignal::new(0u32);
    let after = move |outcome: Result<String, AppError>| {
        let done = outcome.is_ok();
        notices.report(outcome);
        if done {
            changed.update(|count| *count += 1);
            crate::route::focus_soon("frameworks-title".to_owned());
        }
    };
    let delete = move |id: String| {
        let ask = |title: &str| {
            window()
                .confirm_with_message(&format!("删除指标体系“{title}”？可在“已删除的指标体系”中恢复。"))
                .unwrap_or(false)
        };
        match session.delete_framework(&id, ask) {
            Ok(Some(done)) => after(Ok(done)),
            Ok(None) => {}
            Err(error) => notices.failed(&error),
        }
    };
    let restore = move |key: String| after(session.restore_framework(&key));
    view! {
        <section class="frameworks" aria-labelledby="frameworks-title">
            <h2 id="frameworks-title" tabindex="-1">"指标体系"</h2>
            {move || {
                changed.track();
                let known = session.known_frameworks();
                let deleted = session.deleted_frameworks();
                view! {
                    <ul class="framework-list">
                        {known.into_iter().map(|(id, title)| {
                            let (export_id, draft_id, delete_id) = (id.clone(), id.clone(), id.clone());
                            let builtin = session.is_builtin_framework(&id);
                            view! {
                                <li data-framework=id.clone()>
                                    <span>{title.clone()}</span>
                                    " "
                                    <button type="button" class="link-button" aria-label=format!("导出指标体系文件：{title}")
                                        on:click=move |_| export(export_id.clone())>"导出指标体系文件"</button>
                                    " "
                                    <a class="link-button" href=crate::route::AppPage::EditFramework(id.clone()).href()
                                        aria-label=format!("编辑指标体系：{title}")>"编辑"</a>
                                    " "
                                    <button type="button" class="link-button" aria-label=format!("用它新建草稿：{title}")
                                        on:click=move |_| new_draft(draft_id.clone())>"用它新建草稿"</button>
                                    {(!builtin).then(|| view! {
                                        " "
                                        <button type="button" class="link-button danger" aria-label=format!("删除指标体系：{title}")
                                            on:click=move |_| delete(delete_id.clone())>"删除"</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(!deleted.is_empty()).then(|| view! {
                        <h3 id="frameworks-trash-title">"已删除的指标体系"</h3>
                        <ul class="framework-trash" aria-labelledby="frameworks-trash-title">
                            {deleted.into_iter().map(|(key, title)| view! {
                                <li>
                                    <span>{title.clone()}</span>" "
                                    <button type="button" class="link-button" aria-label=format!("恢复指标体系：{title}")
                                        on:click=move |_| restore(key.clone())>"恢复"</button>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                }
            }}
        </section>
    }
}
