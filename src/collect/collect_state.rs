//! The collection on screen and every action on it: files added (drafts, framework files, backups),
//! units removed, 复核 typed, the collection kept by name in IndexedDB after each change, opened,
//! renamed, exported and imported as one file. Provided as context by the app's layout; nothing is
//! read from IndexedDB until the 汇总 page first asks (`ensure_open`).

use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lvzhi_core::backup::read_backup;
use lvzhi_core::collection::{
    read_file, summary_csv, unit_key, Added, Collection, FileRead, ReviewEntry, Unit, UnitSummary,
};
use lvzhi_core::Framework;
use lvzhi_storage::{Shelf, StorageError};

/// What happened to one file added.
#[derive(Clone, Debug, PartialEq)]
pub struct FileOutcome {
    pub file: String,
    pub text: String,
    pub ok: bool,
}

/// Whether the collection on screen is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum ShelfStatus {
    /// Not opened yet.
    Closed,
    Saving,
    Saved,
    /// Kept only in this page (IndexedDB unavailable) or the last write failed: why.
    NotSaved(String),
}

/// The default name of a new collection.
const DEFAULT_NAME: &str = "汇总";

#[derive(Clone, Copy)]
pub struct CollectState {
    session: Session,
    pub collection: RwSignal<Collection>,
    /// Each unit's row, recomputed when the units or frameworks change (not when 复核 is typed).
    pub summaries: Memo<Vec<UnitSummary>>,
    pub names: RwSignal<Vec<String>>,
    pub status: RwSignal<ShelfStatus>,
    /// The outcome of each file of the last add.
    pub outcomes: RwSignal<Vec<FileOutcome>>,
    shelf: StoredValue<Option<Shelf>, LocalStorage>,
    opened: StoredValue<bool>,
    /// Saves started: a save finishing says 已保存 only when no later one was started.
    saves: StoredValue<u64>,
    /// The figure the user picked to compare across units (`across_state.rs`); none: the default.
    pub chosen_figure: RwSignal<Option<String>>,
}

impl CollectState {
    pub fn new(session: Session) -> CollectState {
        let collection = RwSignal::new(Collection::new(DEFAULT_NAME));
        // What the rows depend on, cheaply compared: each unit's key, last edit and framework, and
        // the frameworks held. A 复核 score typed changes none of it, so no draft is read again
        // (nor cloned: a province's collection is megabytes).
        let fingerprint = Memo::new(move |_| {
            collection.with(|collection| {
                let units: Vec<(String, String, String)> = collection
                    .units
                    .iter()
                    .map(|unit| (unit.key(), unit.draft.updated_at.clone(), unit.draft.framework.id.clone()))
                    .collect();
                let frameworks: Vec<(String, String)> = collection
                    .frameworks
                    .iter()
                    .map(|framework| (framework.id.clone(), framework.version.clone()))
                    .collect();
                (units, frameworks)
            })
        });
        let summaries = Memo::new(move |_| {
            fingerprint.with(|_| ());
            collection.with_untracked(|collection| {
                collection
                    .units
                    .iter()
                    .filter_map(|unit| Some(UnitSummary::of(&unit.key(), collection.framework_of(unit)?, &unit.draft)))
                    .collect()
            })
        });
        CollectState {
            session,
            collection,
            summaries,
            names: RwSignal::new(Vec::new()),
            status: RwSignal::new(ShelfStatus::Closed),
            outcomes: RwSignal::new(Vec::new()),
            shelf: StoredValue::new_local(None),
            opened: StoredValue::new(false),
            saves: StoredValue::new(0),
            chosen_figure: RwSignal::new(None),
        }
    }

    /// Opens the shelf and the collection kept last (once).
    pub fn ensure_open(&self) {
        if self.opened.get_value() {
            return;
        }
        self.opened.set_value(true);
        let state = *self;
        spawn_local(async move {
            match Shelf::open().await {
                Ok(shelf) => {
                    let names = shelf.names().await.unwrap_or_default();
                    let last = state
                        .session
                        .storage
                        .and_then(|storage| storage.last_collection())
                        .filter(|name| names.contains(name));
                    state.shelf.set_value(Some(shelf));
                    state.names.set(names.clone());
                    match last.or_else(|| names.first().cloned()) {
                        Some(name) => state.open(name).await,
                        None => state.status.set(ShelfStatus::Saved),
                    }
                }
                Err(error) => state.status.set(ShelfStatus::NotSaved(not_kept(&error))),
            }
        });
    }

    async fn open(&self, name: String) {
        let Some(shelf) = self.shelf.get_value() else { return };
        match shelf.load(&name).await {
            Ok(Some(text)) => match Collection::from_json(&text) {
                Ok(collection) => {
                    self.collection.set(collection);
                    self.outcomes.set(Vec::new());
                    self.status.set(ShelfStatus::Saved);
                    if let Some(storage) = self.session.storage {
                        storage.remember_collection(&name);
                    }
                }
                Err(error) => self.session.notices.done(format!("汇总“{name}”无法读取：{error}")),
            },
            Ok(None) => {}
            Err(error) => self.status.set(ShelfStatus::NotSaved(not_kept(&error))),
        }
    }

    /// Switches to the kept collection `name` (the one on screen is kept already).
    pub fn switch_to(&self, name: String) {
        let state = *self;
        spawn_local(async move { state.open(name).await });
    }

    /// A new, empty collection named `name` (made unique among the kept ones).
    pub fn start_new(&self, name: &str) {
        let name = self.free_name(name);
        self.collection.set(Collection::new(&name));
        self.outcomes.set(Vec::new());
        self.save();
    }

    /// Sets the 复核单位 named on the 复核意见 and the 汇总表.
    pub fn set_reviewer(&self, reviewer: &str) {
        let reviewer = reviewer.trim().to_owned();
        if self.collection.with_untracked(|collection| collection.reviewer != reviewer) {
            self.collection.update(|collection| collection.reviewer = reviewer);
            self.save();
        }
    }

    /// Renames the collection on screen (the kept copy moves with it).
    pub fn rename(&self, name: &str) {
        let name = name.trim();
        let old = self.collection.with_untracked(|collection| collection.name.clone());
        if name.is_empty() || name == old {
            return;
        }
        let name = self.free_name(name);
        self.collection.update(|collection| collection.name = name.clone());
        self.save();
        if let Some(shelf) = self.shelf.get_value() {
            let names = self.names;
            spawn_local(async move {
                if shelf.delete(&old).await.is_ok() {
                    names.update(|names| names.retain(|kept| *kept != old));
                }
            });
        }
    }

    /// Deletes the collection on screen from the browser (asked first by the page).
    pub fn delete_current(&self) {
        let name = self.collection.with_untracked(|collection| collection.name.clone());
        let Some(shelf) = self.shelf.get_value() else { return };
        let state = *self;
        spawn_local(async move {
            match shelf.delete(&name).await {
                Ok(()) => {
                    state.names.update(|names| names.retain(|kept| *kept != name));
                    state.outcomes.set(Vec::new());
                    // Another kept collection opens; with none left, an empty one.
                    match state.names.get_untracked().first().cloned() {
                        Some(other) => state.open(other).await,
                        None => state.collection.set(Collection::new(&state.free_name(DEFAULT_NAME))),
                    }
                    state.session.notices.done(format!("已删除汇总“{name}”。各单位的草稿文件不受影响。"));
                }
                Err(error) => state.session.notices.failed(&crate::notices::AppError::Storage(error)),
            }
        });
    }

    fn free_name(&self, wanted: &str) -> String {
        let taken = self.names.get_untracked();
        let current = self.collection.with_untracked(|collection| collection.name.clone());
        let taken = |name: &str| name != current && taken.iter().any(|kept| kept == name);
        if !taken(wanted) {
            return wanted.to_owned();
        }
        (2..).map(|n| format!("{wanted}（{n}）")).find(|name| !taken(name)).unwrap_or_default()
    }

    /// Adds files (draft files, framework files, backups of drafts as .zip), each read with the
    /// checks of 导入草稿文件; each file's outcome is listed. Waiting drafts join when a framework
    /// they name arrives (in this batch or later).
    pub fn add_files(&self, files: Vec<(String, Vec<u8>)>) {
        let mut outcomes = Vec::new();
        let mut drafts: Vec<(String, Vec<u8>)> = Vec::new();
        for (name, bytes) in files {
            if name.to_ascii_lowercase().ends_with(".zip") {
                match read_backup(&bytes) {
                    Ok(backup) => {
                        let count = backup.draft_files.len();
                        for (_, text) in backup.framework_files {
                            if let Ok(framework) = Framework::from_json(&text) {
                                self.collection.update(|collection| collection.add_framework(framework));
                            }
                        }
                        drafts.extend(
                            backup.draft_files.into_iter().map(|(inner, bytes)| (format!("{name}：{inner}"), bytes)),
                        );
                        outcomes.push(FileOutcome {
                            file: name,
                            text: format!("草稿备份，含{count}份草稿（逐份列在下面）。"),
                            ok: true,
                        });
                    }
                    Err(error) => outcomes.push(FileOutcome { file: name, text: error.to_string(), ok: false }),
                }
            } else {
                drafts.push((name, bytes));
            }
        }
        // The browser's frameworks, listed once for the batch.
        let here = self.frameworks_here();
        for (name, bytes) in drafts {
            outcomes.push(self.add_one(&name, &bytes, &here));
        }
        outcomes.extend(self.join_waiting(&here));
        self.outcomes.set(outcomes);
        self.save();
    }

    fn add_one(&self, name: &str, bytes: &[u8], here: &[&'static Framework]) -> FileOutcome {
        let outcome = |text: String, ok: bool| FileOutcome { file: name.to_owned(), text, ok };
        // At most twice: a file carrying a framework not here is read again once it is kept.
        for _ in 0..2 {
            let read = self.collection.with_untracked(|collection| {
                let known: Vec<&Framework> = here.iter().copied().chain(collection.frameworks.iter()).collect();
                read_file(name, bytes, &known)
            });
            match read {
                FileRead::Draft(draft) => {
                    let (text, added) = self.add_unit(name, *draft);
                    return outcome(text, added);
                }
                FileRead::CarriesFramework(framework) => {
                    self.collection.update(|collection| collection.add_framework(*framework));
                }
                FileRead::Framework(framework) => {
                    let title = framework.versioned_label();
                    self.collection.update(|collection| collection.add_framework(*framework));
                    return outcome(format!("指标体系文件：“{title}”已加入，使用它的草稿可以加入了。"), true);
                }
                FileRead::Waiting(waiting) => {
                    let text = format!(
                        "这份草稿所用的指标体系（{}，版本{}）不在本浏览器中，文件也没有附带它：已列在“等待指标体系”中，加入该指标体系文件后自动加入。",
                        waiting.framework_id, waiting.framework_version
                    );
                    self.collection.update(|collection| {
                        collection.waiting.retain(|held| held.file_name != waiting.file_name);
                        collection.waiting.push(waiting);
                    });
                    return outcome(text, false);
                }
                FileRead::Refused(why) => return outcome(why, false),
            }
        }
        outcome("草稿附带的指标体系未能加入。".to_owned(), false)
    }

    /// A draft read: its unit added (or its older draft replaced), its framework kept with the
    /// collection so the collection's file opens whole elsewhere; what happened, said, and whether
    /// the draft is in the collection now.
    fn add_unit(&self, file_name: &str, draft: lvzhi_core::Draft) -> (String, bool) {
        let framework = self.session.framework_for(&draft.framework.id).cloned();
        let unit_name = unit_key(&draft);
        let mut added = Added::New;
        self.collection.update(|collection| {
            if let Some(framework) = framework {
                collection.add_framework(framework);
            }
            added = collection.add(Unit { file_name: file_name.to_owned(), draft });
        });
        let time = crate::clock::local_time;
        match added {
            Added::New => (format!("已加入：{unit_name}。"), true),
            Added::ReplacedOlder { was_edited } => {
                (format!("已更新：{unit_name}（替换了{}修改的旧稿）。", time(&was_edited)), true)
            }
            Added::KeptNewer { kept_edited } => {
                (format!("未加入：汇总中已有{unit_name}更新的草稿（{}修改），保留了它。", time(&kept_edited)), false)
            }
            Added::Same => (format!("未加入：汇总中已有{unit_name}的这份草稿（内容相同）。"), false),
        }
    }

    /// Waiting drafts whose framework is now here, added.
    fn join_waiting(&self, here: &[&'static Framework]) -> Vec<FileOutcome> {
        let waiting = self.collection.with_untracked(|collection| collection.waiting.clone());
        let mut joined = Vec::new();
        for file in waiting {
            let known = self.collection.with_untracked(|collection| {
                collection.frameworks.iter().any(|framework| framework.id == file.framework_id)
                    || self.session.framework_for(&file.framework_id).is_some()
            });
            if known {
                self.collection.update(|collection| collection.waiting.retain(|held| held.file_name != file.file_name));
                joined.push(self.add_one(&file.file_name, file.text.as_bytes(), here));
            }
        }
        joined
    }

    /// The frameworks of this browser a file may name (besides the collection's own).
    fn frameworks_here(&self) -> Vec<&'static Framework> {
        let session = self.session;
        session.known_frameworks().into_iter().filter_map(|(id, _)| session.framework_for(&id)).collect()
    }

    /// Takes a unit out of the collection (its draft file is not affected).
    pub fn remove_unit(&self, key: &str) {
        self.collection.update(|collection| collection.remove(key));
        self.save();
    }

    /// Sets a 复核 score or note of a unit's row.
    pub fn set_review(&self, key: &str, code: &str, change: impl FnOnce(&mut ReviewEntry)) {
        self.collection.update(|collection| {
            let entry = collection.reviews.entry(key.to_owned()).or_default().rows.entry(code.to_owned()).or_default();
            change(entry);
            if entry.score.trim().is_empty() && entry.note.trim().is_empty() {
                if let Some(review) = collection.reviews.get_mut(key) {
                    review.rows.remove(code);
                }
            }
        });
        self.save();
    }

    /// Keeps the collection on screen under its name (after every change).
    pub fn save(&self) {
        let Some(shelf) = self.shelf.get_value() else { return };
        let (name, text) = self.collection.with_untracked(|collection| (collection.name.clone(), collection.to_json()));
        self.status.set(ShelfStatus::Saving);
        self.saves.update_value(|saves| *saves += 1);
        let this_save = self.saves.get_value();
        let state = *self;
        spawn_local(async move {
            match shelf.save(&name, &text).await {
                Ok(()) => {
                    // Only the last save's outcome is shown: an earlier one finishing late says nothing.
                    if state.saves.get_value() == this_save {
                        state.status.set(ShelfStatus::Saved);
                    }
                    state.names.update(|names| {
                        if !names.contains(&name) {
                            names.push(name.clone());
                            lvzhi_core::small_sort::sort_small_by(names, |a, b| a.cmp(b));
                        }
                    });
                    if let Some(storage) = state.session.storage {
                        storage.remember_collection(&name);
                    }
                }
                Err(error) => state.status.set(ShelfStatus::NotSaved(not_kept(&error))),
            }
        });
    }

    /// Offers the collection as one file (its drafts, frameworks and 复核).
    pub fn export_file(&self) -> Result<String, crate::notices::AppError> {
        let (name, text) = self.collection.with_untracked(|collection| (collection.name.clone(), collection.to_file()));
        let file =
            lvzhi_core::file_names::safe_file_name(&format!("{name}（汇总）{}", crate::clock::file_stamp()), "json");
        crate::files::download(text.as_bytes(), &file, "application/json")?;
        Ok(format!("已导出 {file}。"))
    }

    /// Opens a collection's file beside the kept ones (a name taken gets a number).
    pub fn import_file(&self, text: &str) -> Result<String, String> {
        let mut collection = Collection::from_json(text).map_err(|error| error.to_string())?;
        collection.name = self.free_name(&collection.name);
        let message = format!("已打开汇总“{}”：{}个单位。", collection.name, collection.units.len());
        self.collection.set(collection);
        self.outcomes.set(Vec::new());
        self.save();
        Ok(message)
    }

    /// The comparison as CSV, rows in `rows`' order, a column per area of the first unit's framework.
    pub fn csv(&self, rows: &[UnitSummary]) -> String {
        let areas = self.reference_areas();
        summary_csv(rows, &areas, &self.credibilities())
    }

    /// The framework most units use: the table's area columns and the figures offered come from it.
    pub fn reference_framework(&self) -> Option<Framework> {
        self.collection.with(|collection| {
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for unit in &collection.units {
                let id = unit.draft.framework.id.as_str();
                match counts.iter_mut().find(|(counted, _)| *counted == id) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((id, 1)),
                }
            }
            // The first of the most used, in the order units were added.
            let most = counts.iter().map(|(_, count)| *count).max();
            let id = counts.iter().find(|(_, count)| Some(*count) == most).map(|(id, _)| *id)?;
            collection.frameworks.iter().find(|framework| framework.id == id).cloned()
        })
    }

    /// The areas the table's columns show: those of the reference framework.
    pub fn reference_areas(&self) -> Vec<(String, String)> {
        self.reference_framework()
            .map(|framework| framework.areas.iter().map(|area| (area.code.clone(), area.title.clone())).collect())
            .unwrap_or_default()
    }
}

fn not_kept(error: &StorageError) -> String {
    match error {
        StorageError::Unavailable => {
            "浏览器不允许本页使用 IndexedDB（可能处于无痕模式），汇总只在本页面中，关闭后会丢失：请用“导出汇总文件”保存。".to_owned()
        }
        other => format!("{other}请用“导出汇总文件”保存一份。"),
    }
}

pub fn use_collect() -> CollectState {
    expect_context::<CollectState>()
}
