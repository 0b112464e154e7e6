//! The navigation column: overview, meta, every area with its items and progress, lists.

use crate::route::DraftPage;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::framework::PartKind;
use lvzhi_core::framework::{Area, Item};
use lvzhi_core::report::{area_label, part_headings};
use lvzhi_core::status::ItemMark;

#[component]
fn NavLink(target: DraftPage, children: Children) -> impl IntoView {
    let page = use_workspace().router.draft_page;
    let href = target.href();
    let current = {
        let target = target.clone();
        move || (page.get() == target).then_some("page")
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}

#[component]
fn ItemLink(item: &'static Item) -> impl IntoView {
    let workspace = use_workspace();
    let status = workspace.item_mark(&item.code);
    let marker = move || match status.get() {
        ItemMark::Empty => "○",
        ItemMark::NeedsWork => "◐",
        ItemMark::Done => "●",
        ItemMark::NotApplicable => "—",
    };
    let status_label = move || status.get().label_zh();
    let marks = workspace.findings.marks_of(item.code.as_str());
    let badge = move || {
        let (errors, warnings) = marks.get();
        (errors + warnings > 0).then(|| {
            let class = if errors > 0 { "badge severity-error" } else { "badge severity-warning" };
            let label = format!("错误{errors}，警告{warnings}");
            view! { <span class=class title=label.clone() aria-label=label>{errors + warnings}</span> }
        })
    };
    view! {
        <li class="nav-item" data-status=move || status.get().key()>
            <NavLink target=DraftPage::Item(item.code.clone())>
                <span class="marker" aria-hidden="true">{marker}</span>
                <span class="nav-item-title">{lvzhi_core::framework::label_of(&item.number, &item.title)}</span>
                <span class="visually-hidden">{move || format!("（{}）", status_label())}</span>
                {badge}
            </NavLink>
        </li>
    }
}

#[component]
fn AreaGroup(index: usize, area: &'static Area) -> impl IntoView {
    let workspace = use_workspace();
    let done = workspace.area_done(area);
    let total = area.items.len();
    let sheet = workspace.scores;
    let code = area.code.as_str();
    // 得分 / 分值 beside the progress, for a scored framework.
    let score = Memo::new(move |_| {
        sheet.with(|sheet| {
            sheet
                .as_ref()
                .and_then(|sheet| sheet.row(code))
                .filter(|row| row.row.points.is_some())
                .map(|row| lvzhi_core::scoring::score_of(row.score, row.row.points))
        })
    });
    view! {
        <li class="nav-area">
            <div class="nav-area-heading">
                <span>{area_label(index, area)}</span>
                <span class="count" data-testid=format!("progress-{}", area.code)>{move || format!("{}/{}", done.get(), total)}</span>
            </div>
            {move || score.get().map(|score| view! {
                <div class="nav-area-score" data-testid=format!("nav-score-{code}")>{format!("得分 {score}")}</div>
            })}
            <ul>{area.items.iter().map(|item| view! { <ItemLink item=item/> }).collect_view()}</ul>
        </li>
    }
}

#[component]
pub fn Navigation() -> impl IntoView {
    let workspace = use_workspace();
    let framework = workspace.framework;
    // On narrow screens the list folds away behind 目录, and folds again once a page is chosen.
    let open = RwSignal::new(false);
    let page = workspace.router.draft_page;
    Effect::new(move |_| {
        page.track();
        open.set(false);
    });
    let sheet = workspace.scores;
    // "—" until something is scored: "0分" would read as a result.
    let nav_total =
        move || {
            sheet.with(|sheet| {
                sheet.as_ref().map(|sheet| {
                    if !sheet.anything_scored() {
                        "—".to_owned()
                    } else {
                        format!("{}分", sheet.total)
                    }
                })
            })
        };
    // A department's part is not split again.
    let shares = lvzhi_core::departments::names_departments(framework)
        && workspace.snapshot.with_untracked(|draft| draft.part_of.is_none());
    let current_title = move || match page.get() {
        DraftPage::Item(code) => framework.item(&code).map(|item| item.title.clone()).unwrap_or_default(),
        DraftPage::Overview => "概览".to_owned(),
        DraftPage::Meta => "基本信息".to_owned(),
        DraftPage::Figures => "全部数据".to_owned(),
        DraftPage::Scoring => "评分汇总".to_owned(),
        DraftPage::ScoreSheet => "逐项打分".to_owned(),
        DraftPage::Problems => framework.problems.title.clone(),
        DraftPage::Measures => framework.measures.title.clone(),
        DraftPage::Print => "打印预览".to_owned(),
        DraftPage::ImportOld => "导入旧报告".to_owned(),
        DraftPage::Section(code) => framework.report.part(&code).map(|part| part.heading.clone()).unwrap_or_default(),
        DraftPage::Rectifications => "整改情况".to_owned(),
        DraftPage::Departments => "分发给部门".to_owned(),
        DraftPage::Evidence => "佐证材料".to_owned(),
    };
    view! {
        <nav class="sidebar" class:open=move || open.get() aria-label="报告目录">
            <button type="button" class="nav-toggle" aria-controls="nav-body" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|open| *open = !*open)>
                <span aria-hidden="true">{move || if open.get() { "▾ " } else { "▸ " }}</span>
                "目录："{current_title}
            </button>
            <div class="nav-body" id="nav-body">
            <ul class="nav-top">
                <li><NavLink target=DraftPage::Overview>"概览"</NavLink></li>
                <li><NavLink target=DraftPage::Meta>"基本信息"</NavLink></li>
                <li><NavLink target=DraftPage::Figures>"全部数据"</NavLink></li>
                {framework.is_scored().then(|| view! {
                    <li><NavLink target=DraftPage::ScoreSheet>"逐项打分"</NavLink></li>
                    <li><NavLink target=DraftPage::Scoring>"评分汇总"<span class="nav-score" data-testid="nav-total">{nav_total}</span></NavLink></li>
                    <li><NavLink target=DraftPage::Evidence>"佐证材料"</NavLink></li>
                })}
                {shares.then(|| view! { <li><NavLink target=DraftPage::Departments>"分发给部门"</NavLink></li> })}
            </ul>
            {part_headings(framework).into_iter().map(|(part, heading)| match part.kind {
                PartKind::Work => view! {
                    <p class="nav-part">{heading}</p>
                    <ul class="nav-areas">
                        {framework.areas.iter().enumerate().map(|(index, area)| view! { <AreaGroup index=index area=area/> }).collect_view()}
                    </ul>
                }.into_any(),
                kind => {
                    let target = match kind {
                        PartKind::Narrative => DraftPage::Section(part.code.clone()),
                        PartKind::Rectification => DraftPage::Rectifications,
                        PartKind::Problems => DraftPage::Problems,
                        _ => DraftPage::Measures,
                    };
                    view! { <ul class="nav-top"><li><NavLink target=target>{heading}</NavLink></li></ul> }.into_any()
                }
            }).collect_view()}
            </div>
        </nav>
    }
}
