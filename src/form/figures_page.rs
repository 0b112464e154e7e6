//! 全部数据: every figure of the framework on one page, by area and item, for filling in from a
//! statistics sheet in one sitting, or through a 数据填报表 colleagues fill in. The inputs are the
//! item pages' own (same signals, same checks).

use crate::form::figure_input::FigureInput;
use crate::form::figures_sheet::FiguresSheetActions;
use crate::route::DraftPage;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::figure::parse_figure;
use lvzhi_core::framework::Figure;
use lvzhi_core::report::area_label;

/// Figures filled in (with a value of their kind: `abc` in a number's place is not filled).
fn filled_count(figures: &[&'static Figure]) -> Memo<usize> {
    let draft = use_workspace().signals;
    let values: Vec<_> = figures.iter().map(|figure| (*figure, draft.figure(&figure.id))).collect();
    Memo::new(move |_| {
        values
            .iter()
            .filter(|(figure, value)| value.with(|raw| matches!(parse_figure(figure, raw), Ok(Some(_)))))
            .count()
    })
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let framework = use_workspace().framework;
    let all: Vec<&'static Figure> = framework.all_figures().collect();
    let total = all.len();
    let filled = filled_count(&all);
    view! {
        <section class="figures-page" aria-labelledby="figures-title">
            <h1 id="figures-title">"全部数据"</h1>
            <p class="guidance">
                "在此集中填写各项指标的数据（也可在各指标页中填写，两处是同一份数据）。正文中的 {数据名称} 会替换为这里的数值。"
            </p>
            <p data-testid="figures-filled">{move || format!("已填写 {}/{} 项数据", filled.get(), total)}</p>
            <FiguresSheetActions/>
            {framework
                .areas
                .iter()
                .enumerate()
                .filter(|(_, area)| area.items.iter().any(|item| !item.figures.is_empty()))
                .map(|(index, area)| {
                    view! {
                        <h2>{area_label(index, area)}</h2>
                        {area
                            .items
                            .iter()
                            .filter(|item| !item.figures.is_empty())
                            .map(|item| {
                                view! {
                                    <fieldset class="figures">
                                        <legend>
                                            <a href=DraftPage::Item(item.code.clone()).href()>{item.title.clone()}</a>
                                        </legend>
                                        {item.figures.iter().map(|figure| view! { <FigureInput figure=figure/> }).collect_view()}
                                    </fieldset>
                                }
                            })
                            .collect_view()}
                    }
                })
                .collect_view()}
            {[("二", &framework.problems), ("三", &framework.measures)]
                .into_iter()
                .filter(|(_, section)| !section.figures.is_empty())
                .map(|(numeral, section)| {
                    view! {
                        <h2>{format!("{numeral}、{}", section.title)}</h2>
                        <fieldset class="figures">
                            <legend>"引用的数据"</legend>
                            {section.figures.iter().map(|figure| view! { <FigureInput figure=figure/> }).collect_view()}
                        </fieldset>
                    }
                })
                .collect_view()}
        </section>
    }
}
