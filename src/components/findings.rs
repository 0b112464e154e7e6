//! Findings in the app: the panel grouped by area with counts per severity, fix-all per kind and
//! undo; the findings shown under a field; the marks in the navigation.

use crate::components::nav::area_numeral;
use crate::workspace::{use_workspace, Workspace};
use leptos::prelude::*;
use lvzhi_core::draft::field::{area_of, describe_location};
use lvzhi_core::draft::Location;
use lvzhi_core::validate::{rule, Finding, Fix, Severity};

/// Findings per group shown at most; the rest are counted.
const SHOWN_PER_GROUP: usize = 60;

/// The panel's groups, in report order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Meta,
    Area(usize),
    Problems,
    Measures,
    Report,
}

fn group_of(workspace: &Workspace, location: &Location) -> Group {
    let framework = workspace.framework;
    match location {
        Location::Meta(_) => Group::Meta,
        Location::ProblemTitle(_) | Location::ProblemText(_) | Location::Problems => Group::Problems,
        Location::MeasureTitle(_) | Location::MeasureText(_) | Location::Measures => Group::Measures,
        Location::Report => Group::Report,
        other => match area_of(framework, other) {
            Some(code) => Group::Area(framework.areas.iter().position(|area| area.code == code).unwrap_or(0)),
            None => Group::Measures,
        },
    }
}

fn group_title(workspace: &Workspace, group: &Group) -> String {
    let framework = workspace.framework;
    match group {
        Group::Meta => "基本信息".to_owned(),
        Group::Area(index) => format!("（{}）{}", area_numeral(*index), framework.areas[*index].title),
        Group::Problems => framework.problems.title.clone(),
        Group::Measures => framework.measures.title.clone(),
        Group::Report => "全文".to_owned(),
    }
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|finding| finding.severity == severity).count()
}

/// One finding as a button that opens its field, plus its fix.
#[component]
fn FindingRow(finding: Finding, #[prop(optional)] with_place: bool) -> impl IntoView {
    let workspace = use_workspace();
    let place = with_place.then(|| {
        workspace.current.with_untracked(|draft| describe_location(workspace.framework, draft, &finding.location))
    });
    // A finding may name another field to act on (the input of a figure the text refers to).
    let (location, range) = match &finding.go_to {
        Some(target) => (target.clone(), None),
        None => (finding.location.clone(), finding.range.clone()),
    };
    let open = move |_| workspace.router.go_to(workspace.framework, workspace.draft, &location, range.clone());
    let fix = finding.fix.clone();
    view! {
        <li class=format!("finding severity-{}", finding.severity.key()) data-rule=finding.rule>
            <button type="button" class="finding-open" on:click=open>
                <span class="severity">{finding.severity.label_zh()}</span>
                {place.map(|place| view! { <span class="place">{place}</span> })}
                <span class="message">{finding.message.clone()}</span>
            </button>
            {fix.map(|fix: Fix| view! {
                <button type="button" class="fix" title=format!("改为“{}”", fix.replacement)
                    on:click=move |_| workspace.checks.apply(workspace.draft, std::slice::from_ref(&fix))>"修复"</button>
            })}
        </li>
    }
}

/// The visible findings of one field, under it. `except` leaves out a rule the field already
/// reports itself (a figure shows its own input error as it is typed).
#[component]
pub fn FieldFindings(location: Location, #[prop(optional)] except: Option<&'static str>) -> impl IntoView {
    let checks = use_workspace().checks;
    let own = Memo::new(move |_| {
        checks.visible.with(|visible| {
            visible
                .iter()
                .filter(|finding| finding.location == location && Some(finding.rule) != except)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || own.with(|own| !own.is_empty())>
            <ul class="field-findings">
                {move || own.get().into_iter().map(|finding| view! { <FindingRow finding=finding/> }).collect_view()}
            </ul>
        </Show>
    }
}

/// Counts of visible errors and warnings of an item, for the navigation; updates only when they change.
pub fn item_marks(code: &'static str) -> Memo<(usize, usize)> {
    let marks = use_workspace().checks.item_marks;
    Memo::new(move |_| marks.with(|marks| marks.get(code).copied().unwrap_or_default()))
}

#[component]
pub fn FindingsPanel() -> impl IntoView {
    let workspace = use_workspace();
    let checks = workspace.checks;
    let visible = checks.visible;
    let counts = move |severity| visible.with(|findings| count(findings, severity));
    let groups = Memo::new(move |_| {
        let mut groups: Vec<(Group, Vec<Finding>)> = Vec::new();
        for finding in visible.get() {
            let group = group_of(&workspace, &finding.location);
            match groups.iter_mut().find(|(existing, _)| *existing == group) {
                Some((_, members)) => members.push(finding),
                None => groups.push((group, vec![finding])),
            }
        }
        lvzhi_core::small_sort::sort_small_by(&mut groups, |a, b| a.0.cmp(&b.0));
        groups
    });
    // Rules with fixes among the findings shown, so the counts and the list agree: (code, fixes).
    let fixable = Memo::new(move |_| {
        visible.with(|findings| {
            let mut kinds: Vec<(&'static str, Vec<Fix>)> = Vec::new();
            for finding in findings {
                let Some(fix) = &finding.fix else { continue };
                match kinds.iter_mut().find(|(code, _)| *code == finding.rule) {
                    Some((_, fixes)) => fixes.push(fix.clone()),
                    None => kinds.push((finding.rule, vec![fix.clone()])),
                }
            }
            kinds
        })
    });
    let check_all = checks.check_all;
    // On narrow screens the panel sits above the page, folded to its counts until opened.
    let expanded = RwSignal::new(false);
    view! {
        <aside class="findings-panel" class:expanded=move || expanded.get() aria-labelledby="findings-title">
            <div class="findings-head">
                <h2 id="findings-title">"检查"</h2>
                <button type="button" class="findings-toggle" aria-controls="findings-body" aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|open| *open = !*open)>
                    {move || if expanded.get() { "收起问题列表" } else { "展开问题列表" }}
                </button>
                <button type="button" aria-pressed=move || check_all.get().to_string()
                    on:click=move |_| check_all.update(|all| *all = !*all)>
                    {move || if check_all.get() { "只看已编辑的" } else { "检查全文" }}
                </button>
            </div>
            <p class="findings-counts" data-testid="findings-counts">
                <span class="severity-error">{move || format!("错误 {}", counts(Severity::Error))}</span>
                <span class="severity-warning">{move || format!("警告 {}", counts(Severity::Warning))}</span>
                <span class="severity-hint">{move || format!("提示 {}", counts(Severity::Hint))}</span>
            </p>
            <div class="findings-body" id="findings-body">
            <Show when=move || !check_all.get()>
                <p class="hint">"显示已编辑内容的问题；点“检查全文”查看全部。"</p>
            </Show>
            <Show when=move || fixable.with(|kinds| !kinds.is_empty())>
                <ul class="fix-kinds">
                    {move || fixable.get().into_iter().map(|(code, fixes)| {
                        let name = rule(code).map(|rule| rule.name).unwrap_or(code);
                        let total = fixes.len();
                        view! {
                            <li>
                                <span>{format!("{name}：{total}处")}</span>
                                <button type="button" data-fix-all=code
                                    on:click=move |_| workspace.checks.apply(workspace.draft, &fixes)>"全部修复"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <div class="fix-status" role="status" aria-live="polite">
                {move || checks.fix_message.get()}
                <Show when=move || checks.last_fix.with(Option::is_some)>
                    " "<button type="button" class="link-button" on:click=move |_| checks.undo(workspace.draft)>"撤销"</button>
                </Show>
            </div>
            {move || groups.get().into_iter().map(|(group, members)| {
                let title = group_title(&workspace, &group);
                let errors = count(&members, Severity::Error);
                let warnings = count(&members, Severity::Warning);
                let hidden = members.len().saturating_sub(SHOWN_PER_GROUP);
                view! {
                    <section class="finding-group">
                        <h3>{title}<span class="group-counts">{format!("错误{errors} 警告{warnings}")}</span></h3>
                        <ul>
                            {members.into_iter().take(SHOWN_PER_GROUP).map(|finding| view! { <FindingRow finding=finding with_place=true/> }).collect_view()}
                        </ul>
                        {(hidden > 0).then(|| view! { <p class="hint">{format!("另有{hidden}条未列出。")}</p> })}
                    </section>
                }
            }).collect_view()}
            </div>
        </aside>
    }
}
