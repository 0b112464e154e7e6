//! A report's blocks laid out as the printed 公文 page: the 打印预览 of the open draft and the
//! read-only report of a unit in 汇总.

use leptos::prelude::*;
use lvzhi_core::report::{Block, ReportDocument};

#[component]
pub fn ReportBlocks(report: ReportDocument) -> impl IntoView {
    report
        .blocks
        .into_iter()
        .map(|block| match block {
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
        })
        .collect_view()
}
