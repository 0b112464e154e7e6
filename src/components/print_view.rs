//! The report laid out as the printed 公文 page; the browser's print (to paper or PDF) uses it.

use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::report::{build_report, Block};

#[component]
pub fn PrintView() -> impl IntoView {
    let workspace = use_workspace();
    // The exact draft, not the settled one: this page has no input to slow down, and what is
    // printed right after typing must hold that typing.
    let report = Memo::new(move |_| workspace.snapshot.with(|draft| build_report(workspace.framework, draft)));
    view! {
        <section class="print-view" aria-labelledby="print-title">
            <div class="print-actions">
                <h1 id="print-title">"打印预览"</h1>
                <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>"打印"</button>
                <span class="hint">"可在打印对话框中选择“另存为 PDF”。"</span>
            </div>
            <article class="official-page" data-testid="print-page">
                {move || report.get().blocks.into_iter().map(|block| match block {
                    Block::Title(text) => view! { <h2 class="doc-title">{text}</h2> }.into_any(),
                    Block::Addressee(text) => view! { <p class="doc-addressee">{text}</p> }.into_any(),
                    Block::Paragraph(text) => view! { <p>{text}</p> }.into_any(),
                    Block::PartHeading(text) => view! { <h3 class="doc-part">{text}</h3> }.into_any(),
                    Block::AreaHeading(text) => view! { <h4 class="doc-area">{text}</h4> }.into_any(),
                    Block::LeadParagraph { lead, text } => view! { <p>{lead}{text}</p> }.into_any(),
                    Block::Entry { number, title, text } => {
                        view! { <p><span class="doc-entry-lead">{number}{title}</span>{text}</p> }.into_any()
                    }
                    Block::Signature(text) => view! { <p class="doc-right doc-signature">{text}</p> }.into_any(),
                    Block::Date(text) => view! { <p class="doc-right">{text}</p> }.into_any(),
                }).collect_view()}
            </article>
        </section>
    }
}
