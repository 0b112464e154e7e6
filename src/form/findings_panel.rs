//! Findings in the app: the panel grouped by area with counts per severity, fix-all per kind and
//! undo; the findings shown under a field; the marks in the navigation.

use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::field::describe_location;
use lvzhi_core::draft::Location;
use lvzhi_core::validate::summary::{by_group, collapse, count, fixes_by_rule};
use lvzhi_core::validate::{rule, Finding, Fix, Severity};

/// Findings per group shown at most; the rest are counted.
const SHOWN_PER_GROUP: usize = 60;

/// One finding as a button that opens its field, plus its fix.
#[component]
fn FindingRow(
    finding: Finding,
    /// How many findings it stands for (the same thing said of one field, several times).
    #[prop(default = 1)]
    count: usize,
    #[prop(optional)] with_place: bool,
) -> impl IntoView {
    let workspace = use_workspace();
    let place = with_place.then(|| {
        workspace.snapshot.with_untracked(|draft| describe_location(workspace.framework, draft, &finding.location))
    });
    // A finding may name another field to act on (the input of a figure the text refers to).
    let (location, range) = match &finding.go_to {
        Some(target) => (target.clone(), None),
        None => (finding.location.clone(), finding.range.clone()),
    };
    let open = move |_| workspace.go_to(&location, range.clone());
    let fix = finding.fix.clone();
    view! {
        <li class=format!("finding severity-{}", finding.severity.key()) data-rule=finding.rule>
            <button type="button" class="finding-open" on:click=open>
                <span class="severity">{finding.severity.label_zh()}</span>
                {place.map(|place| view! { <span class="place">{place}"："</span> })}
                <span class="message">{finding.message.clone()}{(count > 1).then(|| format!("（共{count}处）"))}</span>
            </button>
            {fix.map(|fix: Fix| view! {
                <button type="button" class="fix" title=format!("改为“{}”", fix.replacement)
                    on:click=move |_| workspace.apply_fixes(std::slice::from_ref(&fix))>"修复"</button>
            })}
        </li>
    }
}

/// The visible findings of one field, under it. `except` leaves out a rule the field already
/// reports itself (a figure shows its own input error as it is typed).
///
/// While the field holds what validation has not seen yet (typing, before the pause that settles
/// it), its findings are of an older text: they are not shown, so none flashes up and takes the
/// focus on Tab only to vanish.
#[component]
pub fn FieldFindings(location: Location, #[prop(optional)] except: Option<&'static str>) -> impl IntoView {
    let workspace = use_workspace();
    let findings = workspace.findings;
    let typed = workspace.signals.text_signal(&location);
    let settled = workspace.edits.settled;
    let seen_location = location.clone();
    let stale = Memo::new(move |_| {
        let Some(typed) = typed else { return false };
        let seen = settled.with(|draft| match &seen_location {
            Location::Score(code) => draft.score_raw(code).to_owned(),
            Location::Figure(id) => draft.figure_raw(id).to_owned(),
            other => lvzhi_core::draft::field::text(draft, other).unwrap_or_default().to_owned(),
        });
        typed.with(|typed| *typed != seen)
    });
    let own = Memo::new(move |_| {
        findings.visible.with(|visible| {
            visible
                .iter()
                .filter(|finding| finding.location == location && Some(finding.rule) != except)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !stale.get() && own.with(|own| !own.is_empty())>
            <ul class="field-findings">
                {move || own.with(|own| collapse(own)).into_iter().map(|(finding, count)| view! { <FindingRow finding=finding count=count/> }).collect_view()}
            </ul>
        </Show>
    }
}

#[component]
pub fn FindingsPanel() -> impl IntoView {
    let workspace = use_workspace();
    let findings = workspace.findings;
    let visible = findings.visible;
    let counts = move |severity| visible.with(|shown| count(shown, severity));
    let groups = Memo::new(move |_| visible.with(|shown| by_group(workspace.framework, shown)));
    // Rules with fixes among the findings shown, so the counts and the list agree.
    let fixable = Memo::new(move |_| visible.with(|shown| fixes_by_rule(shown)));
    let check_all = findings.check_all;
    // Until 检查全文, the counts are of edited fields; the whole report's follow in brackets when
    // they differ, so "错误 0" never stands for a report with errors.
    let whole = move |severity| {
        let all = findings.all.with(|every| count(every, severity));
        if check_all.get() || all == counts(severity) {
            String::new()
        } else {
            format!("（全文{all}）")
        }
    };
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
                <span class="severity-error">{move || format!("错误 {}{}", counts(Severity::Error), whole(Severity::Error))}</span>
                <span class="severity-warning">{move || format!("警告 {}{}", counts(Severity::Warning), whole(Severity::Warning))}</span>
                <span class="severity-hint">{move || format!("提示 {}", counts(Severity::Hint))}</span>
            </p>
            <div class="findings-body" id="findings-body">
            <Show when=move || !check_all.get()>
                // After a reload nothing counts as edited: the counts above may read 0 while the
                // report still has problems, so the rest are counted here.
                <p class="hint" data-testid="findings-hidden">{move || {
                    let all = |severity| findings.all.with(|every| count(every, severity));
                    let hidden_errors = all(Severity::Error).saturating_sub(counts(Severity::Error));
                    let hidden_warnings = all(Severity::Warning).saturating_sub(counts(Severity::Warning));
                    if hidden_errors + hidden_warnings == 0 {
                        "显示已编辑内容的问题；其余内容暂无错误和警告。".to_owned()
                    } else {
                        format!("显示已编辑内容的问题；其余内容还有错误{hidden_errors}处、警告{hidden_warnings}处，点“检查全文”查看。")
                    }
                }}</p>
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
                                    on:click=move |_| workspace.apply_fixes(&fixes)>"全部修复"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <div class="fix-status" role="status" aria-live="polite">
                {move || findings.fix_message.get()}
                <Show when=move || findings.last_fix.with(Option::is_some)>
                    " "<button type="button" class="link-button" on:click=move |_| workspace.undo_fix()>"撤销"</button>
                </Show>
            </div>
            {move || groups.get().into_iter().map(|(group, members)| {
                let title = group.title(workspace.framework);
                let errors = count(&members, Severity::Error);
                let warnings = count(&members, Severity::Warning);
                let rows = collapse(&members);
                let hidden = rows.len().saturating_sub(SHOWN_PER_GROUP);
                view! {
                    <section class="finding-group">
                        <h3>{title}<span class="group-counts">{format!("错误{errors} 警告{warnings}")}</span></h3>
                        <ul>
                            {rows.into_iter().take(SHOWN_PER_GROUP).map(|(finding, count)| view! {
                                <FindingRow finding=finding count=count with_place=true/>
                            }).collect_view()}
                        </ul>
                        {(hidden > 0).then(|| view! { <p class="hint">{format!("另有{hidden}条未列出。")}</p> })}
                    </section>
                }
            }).collect_view()}
            </div>
        </aside>
    }
}
