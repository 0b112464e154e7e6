//! One item across units: pick an item of the framework most units use and read every unit's
//! status, score and text in a row, side by side; a unit's name opens its report at that area.

use crate::collect::collect_state::use_collect;
use crate::route::AppPage;
use leptos::prelude::*;
use lvzhi_core::framework::label_of;

#[component]
pub fn ItemAcross() -> impl IntoView {
    let state = use_collect();
    let framework = Memo::new(move |_| state.reference_framework());
    let chosen: RwSignal<Option<String>> = RwSignal::new(None);
    let code = move || {
        chosen.get().or_else(|| framework.with(|framework| Some(framework.as_ref()?.items().next()?.1.code.clone())))
    };
    let cells = Memo::new(move |_| code().map(|code| state.item_cells(&code)).unwrap_or_default());
    move || {
        let reference = framework.get()?;
        let current = code();
        let options = reference
            .areas
            .iter()
            .map(|area| {
                view! {
                    <optgroup label=label_of(&area.number, &area.title)>
                        {area.items.iter().map(|item| {
                            let selected = current.as_deref() == Some(item.code.as_str());
                            let label = label_of(reference.shown_code(&item.code), &item.title);
                            view! { <option value=item.code.clone() selected=selected>{label}</option> }
                        }).collect_view()}
                    </optgroup>
                }
            })
            .collect_view();
        // The area the item is in, to open each unit's report there.
        let area = current.as_deref().and_then(|code| reference.locate(code)).map(|(index, _, _)| index);
        Some(view! {
            <section class="item-across" aria-labelledby="item-across-title">
                <h2 id="item-across-title">"同一指标各单位对照"</h2>
                <div class="field">
                    <label for="item-across-pick">"指标"</label>
                    <select id="item-across-pick" on:change=move |event| chosen.set(Some(event_target_value(&event)))>{options}</select>
                </div>
                <div class="table-scroll">
                    <table class="item-table" data-testid="item-across">
                        <thead><tr><th scope="col">"单位"</th><th scope="col">"状态"</th><th scope="col">"得分"</th><th scope="col">"内容"</th></tr></thead>
                        <tbody>
                            {move || cells.get().into_iter().map(|cell| {
                                let href = AppPage::CollectUnit(cell.key.clone(), area.map(|index| format!("area-{index}"))).href();
                                let status = match cell.status {
                                    Some(status) => status.label_zh().to_owned(),
                                    None => "该单位的指标体系没有此项".to_owned(),
                                };
                                let empty = cell.text.is_empty();
                                view! {
                                    <tr data-unit=cell.key.clone()>
                                        <th scope="row"><a href=href>{cell.unit.clone()}</a></th>
                                        <td>{status}</td>
                                        <td class="number">{cell.score.clone()}</td>
                                        <td class="item-text" class:empty=empty>{cell.text.clone()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })
    }
}
