//! 佐证材料包: the files attached to 佐证材料 entries, laid out the way reviewers open them — a folder
//! per 一级 and 二级 指标 (and per 观测点 where it has files), named by the notice's own numbering and
//! titles; files named `（12）-会议纪要.pdf`; the 佐证材料目录 (.docx) and an index (.csv) at the top,
//! each entry with its file's path in the package — and read back: a package's files placed under
//! the same rows by the index (or by their folders), what matches nothing listed, never dropped.
//!
//! The files themselves never pass through here: the layout names them, `stored_zip` writes the
//! headers around them, the browser joins the pieces (`Blob`s) — see `stored_zip.rs`.

mod names;
pub mod stored_zip;

pub use names::{
    extension_of, file_name, folder_name, keeping_extension, stem_of, Paths, FILE_CHARS, FOLDER_CHARS, PATH_CHARS,
};

use crate::docx_table::write_table_docx;
use crate::draft::{Draft, Evidence, EvidenceFile};
use crate::file_text::{csv_cell, csv_value};
use crate::framework::{label_of, Framework, ScoreRow};
use crate::report::chinese_numeral;
use std::collections::BTreeMap;

/// The index's name in the package.
pub const INDEX_NAME: &str = "佐证材料索引.csv";
/// The 目录's name in the package.
pub const CATALOGUE_NAME: &str = "佐证材料目录.docx";
const INDEX_HEADER: [&str; 10] =
    ["序号", "编码", "指标", "材料名称", "文号或日期", "提供单位", "原文件名", "包内路径", "大小（字节）", "SHA-256"];

/// A file in the package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackedFile {
    pub path: String,
    pub file: EvidenceFile,
    /// The scored row it proves, by code.
    pub row_code: String,
}

/// The package to write: the files by path, and the two documents at the top.
#[derive(Clone, Debug, PartialEq)]
pub struct Package {
    pub files: Vec<PackedFile>,
    pub index_csv: String,
    pub catalogue_docx: Vec<u8>,
}

impl Package {
    /// Bytes of all the files together.
    pub fn total_size(&self) -> u64 {
        self.files.iter().map(|packed| packed.file.size).sum()
    }
}

/// The folder (ending in `/`) of each scored row that can hold evidence: area / item / row (the
/// row's own folder only below an item), bonus items under 加分项.
fn row_folders(framework: &Framework) -> Vec<(ScoreRow<'_>, String)> {
    let mut folders = Vec::new();
    let rows = framework.score_rows();
    for (index, area) in framework.areas.iter().enumerate() {
        let number =
            if area.number.is_empty() { format!("{}、", chinese_numeral(index + 1)) } else { area.number.clone() };
        let area_folder = folder_name(&label_of(&number, &area.title));
        for item in &area.items {
            let item_folder =
                format!("{area_folder}/{}", folder_name(&label_of(framework.shown_code(&item.code), &item.title)));
            for row in rows.iter().filter(|row| row.item_code == Some(item.code.as_str()) && row.is_leaf) {
                let folder = if row.code == item.code {
                    format!("{item_folder}/")
                } else {
                    format!("{item_folder}/{}/", folder_name(&row.label()))
                };
                folders.push((row.clone(), folder));
            }
        }
    }
    if let Some(bonus) = framework.scoring.as_ref().and_then(|scoring| scoring.bonus.as_ref()) {
        let bonus_folder = folder_name(&bonus.title);
        for row in framework.bonus_rows() {
            let folder = format!("{bonus_folder}/{}/", folder_name(&row.label()));
            folders.push((row, folder));
        }
    }
    folders
}

/// The package of `draft`'s attached files (`title`: the 目录's title, e.g. `某县2025年佐证材料目录`).
pub fn layout(framework: &Framework, draft: &Draft, title: &str) -> Package {
    let mut paths = Paths::default();
    let mut files = Vec::new();
    let mut index = vec![INDEX_HEADER.map(str::to_owned).to_vec()];
    let mut catalogue = Vec::new();
    for (row, folder) in row_folders(framework) {
        let Some(entry) = draft.scores.get(row.code) else { continue };
        for evidence in &entry.evidence {
            if evidence.title.trim().is_empty() && evidence.files.is_empty() {
                continue;
            }
            let mut placed = Vec::new();
            for file in &evidence.files {
                // One document in several files (pages, photos): each told apart by its own name
                // after the document's title, unless it is the title already.
                let own = names::stem_of(&file.name);
                let title = match evidence.files.len() {
                    1 => evidence.title.clone(),
                    _ if evidence.title.trim().is_empty() || own.trim() == evidence.title.trim() => {
                        evidence.title.clone()
                    }
                    _ => format!("{}-{}", evidence.title.trim(), own.trim()),
                };
                let path = paths.claim(&folder, &file_name(row.shown_code(), &title, &file.name));
                index.push(vec![
                    (index.len()).to_string(),
                    row.code.to_owned(),
                    row.label(),
                    evidence.title.trim().to_owned(),
                    evidence.reference.trim().to_owned(),
                    evidence.provider.trim().to_owned(),
                    file.name.clone(),
                    path.clone(),
                    file.size.to_string(),
                    file.sha256.clone(),
                ]);
                // The 目录 names the file; its folder is the row's, named in the 指标 column.
                placed.push(path.rsplit('/').next().unwrap_or(&path).to_owned());
                files.push(PackedFile { path, file: file.clone(), row_code: row.code.to_owned() });
            }
            catalogue.push(vec![
                (catalogue.len() + 1).to_string(),
                row.label(),
                evidence.title.trim().to_owned(),
                evidence.reference.trim().to_owned(),
                evidence.provider.trim().to_owned(),
                if placed.is_empty() { "（未附文件）".to_owned() } else { placed.join("\n") },
            ]);
        }
    }
    let mut index_csv = String::from('\u{feff}');
    for line in &index {
        index_csv.push_str(&line.iter().map(|cell| csv_cell(cell)).collect::<Vec<_>>().join(","));
        index_csv.push_str("\r\n");
    }
    let lines = vec![format!(
        "共{}份材料、{}个文件。文件在本压缩包中该指标的文件夹内，完整路径见“{INDEX_NAME}”。",
        catalogue.len(),
        files.len()
    )];
    let header = ["序号", "指标", "材料名称", "文号或日期", "提供单位", "文件"];
    // 257 mm of landscape A4.
    let widths = [700, 3600, 3200, 1800, 1600, 3670];
    let catalogue_docx = write_table_docx(title, &lines, &header, &widths, &catalogue, true);
    Package { files, index_csv, catalogue_docx }
}

/// A file of a package placed under a row, with the 佐证材料 entry it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub path: String,
    pub row_code: String,
    /// The entry's title, 文号 and 提供单位 (no files): the entry it joins, or makes.
    pub evidence: Evidence,
    /// The file's own name (from the index, else the path's last part).
    pub file_name: String,
}

/// Where a package's files go in a draft of `framework`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub placements: Vec<Placement>,
    /// Files that match no row (by the index or by their folder): listed for the user.
    pub unmatched: Vec<String>,
    /// Whether the package had our index (else only folders were read).
    pub had_index: bool,
}

/// A CSV line split into cells (quotes and doubled quotes read; the guarding `'` taken off).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut characters = line.chars().peekable();
    while let Some(character) = characters.next() {
        match (character, quoted) {
            ('"', true) if characters.peek() == Some(&'"') => {
                characters.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (other, _) => cell.push(other),
        }
    }
    cells.push(cell);
    cells.into_iter().map(|cell| csv_value(&cell).to_owned()).collect()
}

/// Where each of a package's files (`paths`, as its zip lists them) goes in a draft of
/// `framework`: by the package's index when it has ours (`index_csv`), by the row's code, else by
/// the row's label; by its folder otherwise (a folder this layout gives a row, at any depth). The
/// index and the 目录 themselves are not placed.
pub fn plan_import(framework: &Framework, index_csv: Option<&str>, paths: &[String]) -> ImportPlan {
    let folders = row_folders(framework);
    let by_label: BTreeMap<String, &str> = folders.iter().map(|(row, _)| (row.label(), row.code)).collect();
    let known = |code: &str| folders.iter().any(|(row, _)| row.code == code);
    let mut indexed: BTreeMap<String, Placement> = BTreeMap::new();
    if let Some(text) = index_csv {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for line in text.lines().skip(1).filter(|line| !line.trim().is_empty()) {
            let cells = csv_cells(line);
            let cell = |index: usize| cells.get(index).map(|cell| cell.trim().to_owned()).unwrap_or_default();
            let (code, label, path) = (cell(1), cell(2), cell(7));
            let row_code = if known(&code) { Some(code) } else { by_label.get(&label).map(|code| (*code).to_owned()) };
            if let (Some(row_code), false) = (row_code, path.is_empty()) {
                let evidence = Evidence { title: cell(3), reference: cell(4), provider: cell(5), files: Vec::new() };
                indexed.insert(path.clone(), Placement { path, row_code, evidence, file_name: cell(6) });
            }
        }
    }
    let mut plan = ImportPlan { had_index: index_csv.is_some(), ..ImportPlan::default() };
    for path in paths {
        if path.ends_with('/') || path == INDEX_NAME || path == CATALOGUE_NAME {
            continue;
        }
        if let Some(placement) = indexed.remove(path) {
            plan.placements.push(placement);
            continue;
        }
        // By folder: the deepest folder of this layout the path lies in (a package unpacked and
        // packed again may sit one folder deeper).
        let found = folders
            .iter()
            .filter(|(_, folder)| path.starts_with(folder.as_str()) || path.contains(&format!("/{folder}")))
            .max_by_key(|(_, folder)| folder.len());
        let name = path.rsplit('/').next().unwrap_or(path).to_owned();
        match found {
            Some((row, _)) => plan.placements.push(Placement {
                path: path.clone(),
                row_code: row.code.to_owned(),
                evidence: Evidence { title: title_of(&name, row.shown_code()), ..Evidence::default() },
                file_name: name,
            }),
            None => plan.unmatched.push(path.clone()),
        }
    }
    plan
}

/// A document's title from its file name in a package: `（12）-会议纪要.pdf` → `会议纪要`.
fn title_of(name: &str, row_number: &str) -> String {
    let stem = stem_of(name);
    stem.strip_prefix(&format!("{row_number}-")).unwrap_or(stem).trim().to_owned()
}

/// Attaches `file` to the entry of `list` with the same title, 文号 and 提供单位 (made when there
/// is none); a file of the same content already there is not attached twice. Returns whether
/// anything changed.
pub fn attach(list: &mut Vec<Evidence>, evidence: &Evidence, file: EvidenceFile) -> bool {
    let same = |entry: &Evidence| {
        entry.title.trim() == evidence.title.trim()
            && entry.reference.trim() == evidence.reference.trim()
            && entry.provider.trim() == evidence.provider.trim()
    };
    let index = match list.iter().position(same) {
        Some(index) => index,
        None => {
            list.push(Evidence { files: Vec::new(), ..evidence.clone() });
            list.len() - 1
        }
    };
    let entry = &mut list[index];
    if entry.files.iter().any(|held| held.sha256 == file.sha256) {
        return false;
    }
    entry.files.push(file);
    true
}

/// Every file the draft refers to, by content (for storage's "in use" and the backup).
pub fn referenced_files(draft: &Draft) -> BTreeMap<String, EvidenceFile> {
    draft
        .scores
        .values()
        .flat_map(|entry| entry.evidence.iter())
        .flat_map(|evidence| evidence.files.iter())
        .map(|file| (file.sha256.clone(), file.clone()))
        .collect()
}
