//! A report's blocks laid out as the printed 公文 page: the 打印预览 of the open draft and the
//! read-only report of a unit in 汇总.

use leptos::prelude::*;
use lvzhi_core::report::{Block, ReportDocument};

/// The blocks; the n-th area heading (from 0) has the id `report-area-{n}`, a place to open at.
#[component]
pub fn ReportBlocks(report: ReportDocument) -> impl IntoView {
    let mut areas = 0..;
    report
        .blocks
        .into_iter()
        .map(|block| match block {
            Block::Title(text) => view! { <h2 class="doc-title">{text}</h2> }.into_any(),
            Block::Addressee(text) => view! { <p class="doc-addressee">{text}</p> }.into_any(),
            Block::Paragraph(text) => view! { <p>{text}</p> }.into_any(),
            Block::PartHeading(text) => view! { <h3 class="doc-part">{text}</h3> }.into_any(),
            Block::AreaHeading(text) => {
                let id = format!("report-area-{}", areas.next().unwrap_or_default());
                view! { <h4 class="doc-area" id=id tabindex="-1">{text}</h4> }.into_any()
            }
            Block::LeadParagraph { lead, text } => view! { <p>{lead}{text}</p> }.into_any(),
            Block::Entry { number, title, text } => {
                view! { <p><span class="doc-entry-lead">{number}{title}</span>{text}</p> }.into_any()
            }
            Block::Signature(text) => view! { <p class="doc-right doc-signature">{text}</p> }.into_any(),
            Block::Date(text) => view! { <p class="doc-right">{text}</p> }.into_any(),
        })
        .collect_view()
}
