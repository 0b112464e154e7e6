//! Ordered rows of signals (problems, measures, 整改情况 entries), each with a stable id: removed
//! with their place kept for an undo, put back only where the id is still free, moved by one.
//! One implementation for every list of the draft (`draft_signals`, `part_signals`).

use leptos::prelude::*;

/// Removes the row with `id`; returns its position and the row, to put back.
pub fn remove_row<Row: Send + Sync + 'static>(
    rows: RwSignal<Vec<Row>>,
    id: &str,
    id_of: fn(&Row) -> &String,
) -> Option<(usize, Row)> {
    let index = rows.with_untracked(|rows| rows.iter().position(|row| id_of(row) == id))?;
    let mut removed = None;
    rows.update(|rows| removed = Some(rows.remove(index)));
    removed.map(|row| (index, row))
}

/// Puts a removed row back at `index` (or last); false when its id was taken since (a new row
/// numbered the same): the undo is refused rather than making two rows of one id.
pub fn restore_row<Row: Send + Sync + 'static>(
    rows: RwSignal<Vec<Row>>,
    index: usize,
    row: Row,
    id_of: fn(&Row) -> &String,
) -> bool {
    let taken = rows.with_untracked(|rows| rows.iter().any(|other| id_of(other) == id_of(&row)));
    if taken {
        return false;
    }
    rows.update(|rows| {
        let index = index.min(rows.len());
        rows.insert(index, row);
    });
    true
}

/// Swaps the row with `id` with its neighbour `offset` away, when there is one.
pub fn move_row<Row: Send + Sync + 'static>(
    rows: RwSignal<Vec<Row>>,
    id: &str,
    offset: isize,
    id_of: fn(&Row) -> &String,
) {
    let Some((index, target)) = rows.with_untracked(|rows| {
        let index = rows.iter().position(|row| id_of(row) == id)?;
        let target = index.checked_add_signed(offset).filter(|target| *target < rows.len())?;
        Some((index, target))
    }) else {
        return;
    };
    rows.update(|rows| rows.swap(index, target));
}
