//! The indicator tree in the framework editor: areas, items, 观测点 and sub-points as buttons
//! (select; Alt+↑/↓ moves), each shown by the notice's own numbering where it has one, and the
//! selected node's form — its numbering and texts, points, 无此项 allowed, moving it to another
//! parent, adding below it, deleting it (撤销 takes any step back), and an item's figures.

use crate::frameworks::commit_field::CommitField;
use crate::frameworks::deduction::DeductionFields;
use crate::frameworks::editor_state::{node_dom_id, use_editor};
use leptos::prelude::*;
use lvzhi_core::framework::{FigureKind, Framework, ScoredPoint};
use lvzhi_core::framework_edit::{Action, FigureField, NodeField, NodePath};

fn points_label(points: Option<String>) -> String {
    points.map(|points| format!("（{points}分）")).unwrap_or_default()
}

/// Every node in the order the tree shows them.
fn tree_order(framework: &Framework) -> Vec<NodePath> {
    let mut order = Vec::new();
    for (a, area) in framework.areas.iter().enumerate() {
        order.push(NodePath::Area(a));
        for (i, item) in area.items.iter().enumerate() {
            order.push(NodePath::Item(a, i));
            for (p, point) in item.observation_points.iter().enumerate() {
                order.push(NodePath::Point(a, i, p));
                order.extend((0..point.sub_points.len()).map(|s| NodePath::SubPoint(a, i, p, s)));
            }
        }
    }
    order
}

/// One row of the tree: the node's button. The tree is one Tab stop (the selected node, else the
/// first): ↑/↓, Home and End move between nodes, Enter selects, Alt+↑/↓ moves the node itself.
#[component]
fn NodeButton(path: NodePath, code: String, title: String, points: Option<String>) -> impl IntoView {
    let editor = use_editor();
    let selected = move || editor.selected.get() == Some(path);
    let tab_stop = move || match editor.selected.get() {
        Some(node) => node == path,
        None => path == NodePath::Area(0),
    };
    let keydown = move |event: leptos::ev::KeyboardEvent| {
        let key = event.key();
        if event.alt_key() && matches!(key.as_str(), "ArrowUp" | "ArrowDown") {
            event.prevent_default();
            editor.act(if key == "ArrowUp" { Action::MoveUp(path) } else { Action::MoveDown(path) });
            return;
        }
        if !matches!(key.as_str(), "ArrowUp" | "ArrowDown" | "Home" | "End") {
            return;
        }
        event.prevent_default();
        let order = editor.edit.with_untracked(|edit| tree_order(edit.parts()));
        let here = order.iter().position(|node| *node == path).unwrap_or(0);
        let target = match key.as_str() {
            "ArrowUp" => here.checked_sub(1),
            "ArrowDown" => Some(here + 1).filter(|next| *next < order.len()),
            "Home" => Some(0),
            _ => order.len().checked_sub(1),
        };
        if let Some(target) = target.and_then(|index| order.get(index)) {
            if let Some(element) = document().get_element_by_id(&node_dom_id(*target)) {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(element).focus();
            }
        }
    };
    view! {
        <button type="button" class="tree-node" id=node_dom_id(path) aria-pressed=move || selected().to_string()
            tabindex=move || if tab_stop() { "0" } else { "-1" }
            on:click=move |_| {
                editor.selected.set(Some(path));
                // On a narrow screen the form is below the whole tree: bring it into view.
                if window().inner_width().ok().and_then(|width| width.as_f64()).is_some_and(|width| width < 768.0) {
                    request_animation_frame(|| {
                        if let Some(form) = document().get_element_by_id("node-form-title") {
                            form.scroll_into_view();
                        }
                    });
                }
            } on:keydown=keydown>
            <span class="code">{code}</span>" "{title}{points_label(points)}
        </button>
    }
}

/// What the tree shows a node by: the notice's numbering, else the code.
fn shown_code(number: &str, code: &str) -> String {
    if number.is_empty() { code } else { number }.to_owned()
}

fn shown(point: &ScoredPoint) -> String {
    shown_code(&point.number, &point.code)
}

#[component]
pub fn FrameworkTree() -> impl IntoView {
    let editor = use_editor();
    let tree = move || {
        editor.edit.with(|edit| {
            let framework = edit.parts();
            framework
                .areas
                .iter()
                .enumerate()
                .map(|(a, area)| {
                    let items = area.items.iter().enumerate().map(|(i, item)| {
                    let points = item.observation_points.iter().enumerate().map(|(p, point)| {
                        let subs = point.sub_points.iter().enumerate().map(|(s, sub)| view! {
                            <li><NodeButton path=NodePath::SubPoint(a, i, p, s) code=shown(sub) title=sub.title.clone()
                                points=Some(sub.points.to_string())/></li>
                        }).collect_view();
                        view! {
                            <li><NodeButton path=NodePath::Point(a, i, p) code=shown(point) title=point.title.clone()
                                points=Some(point.points.to_string())/>
                                {(!point.sub_points.is_empty()).then(|| view! { <ul>{subs}</ul> })}
                            </li>
                        }
                    }).collect_view();
                    view! {
                        <li>
                            <NodeButton path=NodePath::Item(a, i) code=shown_code(&item.number, &item.code) title=item.title.clone()
                                points=item.points.map(|points| points.to_string())/>
                            {(!item.observation_points.is_empty()).then(|| view! { <ul>{points}</ul> })}
                        </li>
                    }
                }).collect_view();
                    view! {
                        <li>
                            <NodeButton path=NodePath::Area(a) code=shown_code(&area.number, &area.code) title=area.title.clone()
                                points=area.points.map(|points| points.to_string())/>
                            <ul>{items}</ul>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="framework-tree-pane">
            <ul class="framework-tree" aria-label="指标树">{tree}</ul>
            <button type="button" id="fw-add-area" on:click=move |_| editor.act(Action::AddChild(None))>"添加一级指标（领域）"</button>
            <p class="hint">"选中一项后在右侧编辑。键盘：↑/↓ 在各项间移动，Enter 选中，Alt+↑/↓ 调整顺序。"</p>
        </div>
    }
}

/// The parents a node can move to: other areas for an item, other items for a 观测点.
fn move_targets(framework: &Framework, path: NodePath) -> Vec<(NodePath, String)> {
    match path {
        NodePath::Area(_) => Vec::new(),
        NodePath::Item(a, _) => framework
            .areas
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != a)
            .map(|(index, area)| (NodePath::Area(index), format!("{} {}", area.code, area.title)))
            .collect(),
        NodePath::Point(a, i, _) => framework
            .areas
            .iter()
            .enumerate()
            .flat_map(|(index, area)| {
                area.items.iter().enumerate().map(move |(item_index, item)| (index, item_index, item))
            })
            .filter(|(index, item_index, _)| (*index, *item_index) != (a, i))
            .map(|(index, item_index, item)| {
                (NodePath::Item(index, item_index), format!("{} {}", item.code, item.title))
            })
            .collect(),
        NodePath::SubPoint(a, i, p, _) => framework
            .areas
            .iter()
            .enumerate()
            .flat_map(|(index, area)| {
                area.items.iter().enumerate().map(move |(item_index, item)| (index, item_index, item))
            })
            .flat_map(|(index, item_index, item)| {
                item.observation_points
                    .iter()
                    .enumerate()
                    .map(move |(point_index, point)| (index, item_index, point_index, point))
            })
            .filter(|(index, item_index, point_index, _)| (*index, *item_index, *point_index) != (a, i, p))
            .map(|(index, item_index, point_index, point)| {
                (NodePath::Point(index, item_index, point_index), format!("{} {}", point.code, point.title))
            })
            .collect(),
    }
}

fn scored_point(framework: &Framework, path: NodePath) -> Option<&ScoredPoint> {
    match path {
        NodePath::Point(a, i, p) => framework.areas.get(a)?.items.get(i)?.observation_points.get(p),
        NodePath::SubPoint(a, i, p, s) => {
            framework.areas.get(a)?.items.get(i)?.observation_points.get(p)?.sub_points.get(s)
        }
        NodePath::Area(_) | NodePath::Item(..) => None,
    }
}

/// The node's texts as the form shows them: (field, label, value, rows).
fn node_fields(framework: &Framework, path: NodePath) -> Vec<(NodeField, &'static str, String, u32)> {
    let join = |lines: &[String]| lines.join("\n");
    let points = |points: Option<String>| points.unwrap_or_default();
    match path {
        NodePath::Area(a) => {
            let area = &framework.areas[a];
            vec![
                (NodeField::Title, "名称", area.title.clone(), 1),
                (NodeField::Number, "编号（通知中的序号，如“一、”）", area.number.clone(), 1),
                (NodeField::Points, "分值", points(area.points.map(|p| p.to_string())), 1),
                (NodeField::ResponsibleUnits, "责任单位（每行一个）", join(&area.responsible_units), 2),
            ]
        }
        NodePath::Item(a, i) => {
            let item = &framework.areas[a].items[i];
            vec![
                (NodeField::Title, "名称（报告中的引导句）", item.title.clone(), 1),
                (NodeField::Number, "编号（通知中的序号，如“（一）”）", item.number.clone(), 1),
                (NodeField::Points, "分值", points(item.points.map(|p| p.to_string())), 1),
                (NodeField::Criteria, "评价要点", item.criteria.clone(), 3),
                (NodeField::ScoringRule, "评分细则", item.scoring_rule.clone(), 3),
                (NodeField::ResponsibleUnits, "责任单位（每行一个）", join(&item.responsible_units), 2),
                (NodeField::Evidence, "佐证材料（每行一种）", join(&item.evidence), 3),
                (NodeField::Guidance, "写作提示", item.guidance.clone(), 2),
                (NodeField::Starter, "范文（可用{数据名称}引用数据）", item.starter.clone().unwrap_or_default(), 4),
            ]
        }
        NodePath::Point(..) | NodePath::SubPoint(..) => {
            let point = scored_point(framework, path).expect("a 观测点 or sub-point");
            vec![
                (NodeField::Title, "名称", point.title.clone(), 1),
                (NodeField::Number, "编号（通知中的序号，如“（12）”）", point.number.clone(), 1),
                (NodeField::Points, "分值", point.points.to_string(), 1),
                (NodeField::Criteria, "评价要点", point.criteria.clone(), 3),
                (NodeField::ScoringRule, "评分细则", point.scoring_rule.clone(), 3),
                (NodeField::ResponsibleUnits, "责任单位（每行一个）", join(&point.responsible_units), 2),
                (NodeField::Evidence, "佐证材料（每行一种）", join(&point.evidence), 3),
            ]
        }
    }
}

#[component]
pub fn NodeForm() -> impl IntoView {
    let editor = use_editor();
    move || {
        editor.revision.track();
        let path = editor.selected.get()?;
        let framework = editor.edit.with_untracked(|edit| edit.parts().clone());
        if !crate::frameworks::editor_state::node_exists(&framework, path) {
            return None;
        }
        let key = node_dom_id(path);
        let fields = node_fields(&framework, path).into_iter().map(|(field, label, value, rows)| {
            let on_commit = Callback::new(move |value| editor.dispatch(Action::SetField(path, field, value)));
            view! { <CommitField id=format!("{key}-{field:?}") label=label.to_owned() value=value rows=rows on_commit=on_commit/> }
        }).collect_view();
        let targets = move_targets(&framework, path);
        let (kind, child) = match path {
            NodePath::Area(_) => ("一级指标（领域）", Some("添加二级指标")),
            NodePath::Item(..) => ("二级指标", Some("添加观测点")),
            NodePath::Point(..) => ("观测点", Some("添加子项")),
            NodePath::SubPoint(..) => ("子项", None),
        };
        // The rows a user scores, as the core defines them (`ScoreRow::is_leaf`).
        let code = lvzhi_core::framework_edit::code_at(&framework, path).unwrap_or_default();
        let scored_directly = framework.score_rows().iter().any(|row| row.code == code && row.is_leaf);
        let allow_na = match path {
            NodePath::Item(a, i) => Some(framework.areas[a].items[i].allow_not_applicable),
            _ => None,
        };
        let remove = move |_| {
            if window().confirm_with_message("删除这一项及其下级？可用“撤销”恢复。").unwrap_or(false)
            {
                editor.act(Action::Delete(path));
            }
        };
        Some(view! {
            <section class="node-form" aria-labelledby="node-form-title">
                <h3 id="node-form-title">{format!("编辑{kind}")}</h3>
                {fields}
                {allow_na.map(|allowed| view! {
                    <label class="checkbox"><input type="checkbox" id=format!("{key}-na") prop:checked=allowed
                        on:change=move |event| editor.act(Action::SetAllowNotApplicable(path, event_target_checked(&event)))/>
                        "允许填“无此项工作任务”"</label>
                })}
                {matches!(path, NodePath::Item(..)).then(|| view! { <FiguresTable path=path/> })}
                {scored_directly.then(|| view! { <DeductionFields path=path/> })}
                <div class="entry-controls">
                    <button type="button" id="node-up" on:click=move |_| editor.act(Action::MoveUp(path))>"上移"</button>
                    <button type="button" id="node-down" on:click=move |_| editor.act(Action::MoveDown(path))>"下移"</button>
                    {(!targets.is_empty()).then(|| view! {
                        <label for="node-move-to">"移到"</label>
                        <select id="node-move-to">
                            {targets.iter().enumerate().map(|(index, (_, label))| view! { <option value=index.to_string()>{label.clone()}</option> }).collect_view()}
                        </select>
                        // A button moves it: arrow keys on the select only choose.
                        <button type="button" id="node-move" on:click=move |_| {
                            let chosen = document().get_element_by_id("node-move-to")
                                .map(|select| wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlSelectElement>(select).value());
                            let index: Option<usize> = chosen.and_then(|value| value.parse().ok());
                            let targets = editor.edit.with_untracked(|edit| move_targets(edit.parts(), path));
                            if let Some((target, _)) = index.and_then(|index| targets.get(index).cloned()) {
                                editor.act(Action::MoveTo(path, target));
                            }
                        }>"移动"</button>
                    })}
                    {child.map(|label| view! {
                        <button type="button" id="node-add-child" on:click=move |_| editor.act(Action::AddChild(Some(path)))>{label}</button>
                    })}
                    <button type="button" class="danger" id="node-delete" on:click=remove>"删除"</button>
                </div>
            </section>
        })
    }
}

/// An item's figures: name (how text refers to it), label, kind, unit, range, threshold and basis.
#[component]
fn FiguresTable(path: NodePath) -> impl IntoView {
    let editor = use_editor();
    let NodePath::Item(a, i) = path else { return None };
    let figures = editor.edit.with_untracked(|edit| edit.parts().areas[a].items[i].figures.clone());
    let key = node_dom_id(path);
    let rows = figures.into_iter().enumerate().map(|(index, figure)| {
        let set = move |field: FigureField| Callback::new(move |value: String| editor.dispatch(Action::SetFigure(path, index, field, value)));
        let threshold = figure.thresholds.first().cloned();
        let number = |value: Option<f64>| value.map(|number| number.to_string()).unwrap_or_default();
        let id = |what: &str| format!("{key}-fig{index}-{what}");
        let previous = threshold.as_ref().is_some_and(|threshold| threshold.at_least_previous);
        view! {
            <li class="figure-row">
                <CommitField id=id("name") label="名称（正文中写作{名称}）".to_owned() value=figure.name.clone() on_commit=set(FigureField::Name)/>
                <CommitField id=id("label") label="说明".to_owned() value=figure.label.clone() on_commit=set(FigureField::Label)/>
                <div class="field">
                    <label for=id("kind")>"类型"</label>
                    <select id=id("kind") on:change=move |event| {
                        if let Some(kind) = FigureKind::from_key(&event_target_value(&event)) {
                            editor.act(Action::SetFigureKind(path, index, kind));
                        }
                    }>
                        {FigureKind::ALL.into_iter().map(|kind| view! {
                            <option value=kind.key() selected=kind == figure.kind>{kind.label_zh()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <CommitField id=id("unit") label="单位".to_owned() value=figure.unit.clone() on_commit=set(FigureField::Unit)/>
                <CommitField id=id("min") label="下限".to_owned() value=number(figure.min) on_commit=set(FigureField::Min)/>
                <CommitField id=id("max") label="上限".to_owned() value=number(figure.max) on_commit=set(FigureField::Max)/>
                <CommitField id=id("at-least") label="政策要求：不低于".to_owned() value=number(threshold.as_ref().and_then(|t| t.at_least)) on_commit=set(FigureField::AtLeast)/>
                <CommitField id=id("at-most") label="政策要求：不高于".to_owned() value=number(threshold.as_ref().and_then(|t| t.at_most)) on_commit=set(FigureField::AtMost)/>
                <label class="checkbox"><input type="checkbox" id=id("previous") prop:checked=previous
                    on:change=move |event| editor.act(Action::SetFigureAtLeastPrevious(path, index, event_target_checked(&event)))/>"只增不减（不低于上年）"</label>
                <CommitField id=id("basis") label="政策依据".to_owned() value=threshold.map(|t| t.basis).unwrap_or_default() on_commit=set(FigureField::Basis)/>
                <button type="button" class="danger" aria-label=format!("删除此数据项（{}）", figure.name)
                    on:click=move |_| editor.act(Action::DeleteFigure(path, index))>"删除此数据项"</button>
            </li>
        }
    }).collect_view();
    Some(view! {
        <fieldset class="figures-editor">
            <legend>"数据项"</legend>
            <ol>{rows}</ol>
            <button type="button" id=format!("{key}-add-figure") on:click=move |_| {
                editor.act(Action::AddFigure(path));
                let count = editor.edit.with_untracked(|edit| edit.parts().areas[a].items[i].figures.len());
                crate::route::focus_soon(format!("{}-fig{}-name", node_dom_id(path), count.saturating_sub(1)));
            }>"添加数据项"</button>
        </fieldset>
    })
}
