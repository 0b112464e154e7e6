//! 导出佐证材料包 and 导入佐证材料包. Export: the core lays the package out, each file's `Blob` comes
//! from the file store, and the zip is a `Blob` of the headers and those blobs — the browser joins
//! them, nothing is copied into memory, 200 MB packs like 2 MB; a file missing here is listed, the
//! rest packed. Import: only the zip's end and central directory are read; each file is a slice of
//! the picked file (inflated only where someone packed it again with compression), kept by
//! content and attached under the row the index (or its folder) names; what matches nothing is
//! listed on the page, never dropped silently.

use crate::evidence::evidence_state::{EvidenceFiles, ImportOutcome};
use crate::files::{decode_gbk, download_blob};
use crate::notices::AppError;
use crate::zip_blob::{entry_blob, entry_bytes, text_entry, zip_blob, zip_entries};
use leptos::prelude::*;
use leptos::task::spawn_local;
use lvzhi_core::evidence_package::stored_zip::{ListedEntry, StoredEntry};
use lvzhi_core::evidence_package::{attach, layout, plan_import, CATALOGUE_NAME, INDEX_NAME};

/// The largest index read (a package's 佐证材料索引.csv of thousands of files is under 2 MB).
const INDEX_LIMIT: usize = 8 * 1024 * 1024;
/// The largest deflated file inflated in memory on import (a package packed again by someone).
const INFLATE_LIMIT: usize = 512 * 1024 * 1024;

impl EvidenceFiles {
    /// Writes the package of the open draft's files and offers it as a download.
    pub fn export_package(&self) {
        let state = *self;
        let framework = self.workspace().framework;
        let draft = self.workspace().stamped_snapshot();
        let name = draft.display_name();
        let package = layout(framework, &draft, &format!("{name}佐证材料目录"));
        if package.files.is_empty() {
            self.session().notices.done("还没有附加任何文件：在各指标的“佐证材料”中添加文件后再导出。");
            return;
        }
        self.reset_cancel();
        spawn_local(async move {
            let store = match state.store().await {
                Ok(store) => store,
                Err(error) => return state.session().notices.failed(&error),
            };
            let contents = js_sys::Array::new();
            let mut entries = Vec::new();
            for (name, bytes) in
                [(INDEX_NAME, package.index_csv.as_bytes()), (CATALOGUE_NAME, package.catalogue_docx.as_slice())]
            {
                let (entry, content) = text_entry(name, bytes);
                entries.push(entry);
                contents.push(&content);
            }
            let mut missing = Vec::new();
            let total = package.files.len();
            for (number, packed) in package.files.iter().enumerate() {
                if state.is_cancelled() {
                    state.busy.set(None);
                    return state.session().notices.done("已取消导出佐证材料包。");
                }
                state.busy.set(Some(format!("正在打包 {}/{total}：{}", number + 1, packed.file.name)));
                match store.get(&packed.file.sha256).await {
                    Ok(Some(blob)) => {
                        entries.push(StoredEntry {
                            path: packed.path.clone(),
                            size: packed.file.size,
                            crc32: packed.file.crc32,
                        });
                        contents.push(&blob);
                    }
                    _ => missing.push(packed.file.name.clone()),
                }
            }
            state.busy.set(None);
            let zip = match zip_blob(&entries, &contents) {
                Ok(zip) => zip,
                Err(error) => return state.session().notices.failed(&error),
            };
            let file_name = lvzhi_core::file_names::safe_file_name(&format!("{name}佐证材料包"), "zip");
            match download_blob(&zip, &file_name) {
                Err(error) => state.session().notices.failed(&error.into()),
                Ok(()) if missing.is_empty() => state
                    .session()
                    .notices
                    .done(format!("已导出 {file_name}：{}个文件，另附佐证材料目录和索引。", entries.len() - 2)),
                Ok(()) => state.session().notices.done(format!(
                    "已导出 {file_name}，但有{}个文件不在本浏览器中，未能打包：{}。这些文件可能随同事的草稿文件而来（草稿文件只记文件名），请向同事要佐证材料包后导入。",
                    missing.len(),
                    missing.join("、")
                )),
            }
        });
    }

    /// Reads a package and attaches its files under the rows it names.
    pub fn import_package(&self, file: web_sys::File) {
        let state = *self;
        self.reset_cancel();
        self.remember_package(file.clone());
        spawn_local(async move {
            match state.read_package(&file).await {
                Ok(outcome) => {
                    let text = if outcome.unmatched.is_empty() {
                        format!("已导入{}个文件，放在各自的指标下。", outcome.placed)
                    } else {
                        format!(
                            "已导入{}个文件；{}个文件对应不到本指标体系的指标，未导入，已列在“佐证材料”页上。",
                            outcome.placed,
                            outcome.unmatched.len()
                        )
                    };
                    state.last_import.set(Some(outcome));
                    state.session().notices.done(text);
                }
                Err(error) => state.session().notices.failed(&error),
            }
            state.busy.set(None);
            state.refresh_room();
        });
    }

    async fn read_package(&self, file: &web_sys::File) -> Result<ImportOutcome, AppError> {
        let not_a_package =
            || AppError::Refused("这不是佐证材料包（.zip 压缩包），或文件已损坏，未导入任何文件。".to_owned());
        let listed = zip_entries(file).await?.ok_or_else(not_a_package)?;
        let (paths, entries): (Vec<String>, Vec<ListedEntry>) = listed.into_iter().unzip();
        // The index where we put it, or one folder down (unpacked and packed again).
        let index_at = paths.iter().position(|path| path == INDEX_NAME || path.ends_with(&format!("/{INDEX_NAME}")));
        let prefix = index_at.map(|at| paths[at].trim_end_matches(INDEX_NAME).to_owned()).unwrap_or_default();
        let index = match index_at {
            Some(at) => {
                let bytes = entry_bytes(file, &entries[at], INDEX_LIMIT)
                    .await
                    .ok_or_else(|| AppError::Refused("佐证材料包中的索引无法读取（可能过大或已损坏）。".to_owned()))?;
                Some(String::from_utf8(bytes.clone()).ok().or_else(|| decode_gbk(&bytes)).unwrap_or_default())
            }
            None => None,
        };
        let relative: Vec<String> =
            paths.iter().map(|path| path.strip_prefix(&prefix).unwrap_or(path).to_owned()).collect();
        let plan = plan_import(self.workspace().framework, index.as_deref(), &relative);
        let mut outcome = ImportOutcome { placed: 0, unmatched: plan.unmatched.clone(), prefix: prefix.clone() };
        let total = plan.placements.len();
        for (number, placement) in plan.placements.iter().enumerate() {
            if self.is_cancelled() {
                break;
            }
            let Some(at) = relative.iter().position(|path| *path == placement.path) else { continue };
            let name = if placement.file_name.is_empty() {
                placement.path.rsplit('/').next().unwrap_or_default().to_owned()
            } else {
                placement.file_name.clone()
            };
            self.busy.set(Some(format!("正在导入 {}/{total}：{name}", number + 1)));
            let blob = match entry_blob(file, &entries[at], INFLATE_LIMIT).await {
                Some(blob) => blob,
                None => {
                    outcome.unmatched.push(format!("{}（无法读取）", placement.path));
                    continue;
                }
            };
            let (kept, _) = self.keep(&blob, &name).await?;
            if let Some(row) = self.workspace().signals.scored.row(&placement.row_code) {
                row.evidence.update(|list| {
                    attach(list, &placement.evidence, kept);
                });
                outcome.placed += 1;
            }
        }
        Ok(outcome)
    }

    /// Places a file of the last imported package that matched nothing under row `code`, as a
    /// document titled after the file.
    pub fn place_unmatched(&self, path: String, code: String) {
        let state = *self;
        let Some(package) = self.last_package() else { return };
        spawn_local(async move {
            let prefix = state
                .last_import
                .with_untracked(|last| last.as_ref().map(|last| last.prefix.clone()))
                .unwrap_or_default();
            let full = format!("{prefix}{path}");
            let entry = match zip_entries(&package).await {
                Ok(Some(entries)) => entries.into_iter().find(|(name, _)| *name == full).map(|(_, entry)| entry),
                _ => None,
            };
            let blob = match entry {
                Some(entry) => entry_blob(&package, &entry, INFLATE_LIMIT).await,
                None => None,
            };
            let Some(blob) = blob else {
                return state
                    .session()
                    .notices
                    .failed(&AppError::Refused(format!("佐证材料包中的“{path}”无法读取，未放入。")));
            };
            let name = path.rsplit('/').next().unwrap_or(&path).to_owned();
            match state.keep(&blob, &name).await {
                Ok((kept, _)) => {
                    let Some(row) = state.workspace().signals.scored.row(&code) else { return };
                    let title = lvzhi_core::evidence_package::stem_of(&name).trim().to_owned();
                    row.evidence.update(|list| {
                        attach(list, &lvzhi_core::draft::Evidence { title, ..Default::default() }, kept);
                    });
                    state.last_import.update(|last| {
                        if let Some(last) = last {
                            last.unmatched.retain(|held| *held != path);
                            last.placed += 1;
                        }
                    });
                    let label = state.workspace().framework.scored_label(&code);
                    state.session().notices.done(format!("已把“{name}”放到{label}下。"));
                }
                Err(error) => state.session().notices.failed(&error),
            }
        });
    }
}
