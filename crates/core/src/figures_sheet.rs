//! 数据填报表: the framework's figures as a CSV sheet for colleagues (财政、人社、编办…) to fill in
//! Excel or WPS, and the filled sheet read back.
//!
//! Invariant: reading a sheet changes nothing; it returns every value it found (with the figure's
//! current value, so the app can say what would be overwritten) and every row it could not use.
//! An empty cell never clears a value.

use crate::draft::Draft;
use crate::framework::Framework;
use std::fmt;

/// Larger files are refused: a filled sheet of a hundred figures is a few kilobytes.
pub const MAX_SHEET_BYTES: usize = crate::limits::FIGURES_SHEET.bytes;
const HEADER: [&str; 5] = ["数据编码", "所属指标", "数据项", "单位", "数值"];

/// `资阳市2023年自评数据填报表.csv`.
pub fn figures_sheet_file_name(draft: &Draft) -> String {
    crate::file_names::draft_named(draft, "自评数据填报表", "csv")
}

/// The sheet: a header, then one row per figure in framework order with its current value.
/// UTF-8 with a byte-order mark and CRLF line ends, as Excel and WPS open CSV files correctly.
pub fn write_figures_sheet(framework: &Framework, draft: &Draft) -> String {
    let mut sheet = String::from('\u{feff}');
    sheet.push_str(&HEADER.join(","));
    sheet.push_str("\r\n");
    let item_figures = framework
        .items()
        .flat_map(|(_, item)| item.figures.iter().map(move |figure| (format!("{} {}", item.code, item.title), figure)));
    let list_figures = [&framework.problems, &framework.measures]
        .into_iter()
        .flat_map(|section| section.figures.iter().map(move |figure| (section.title.clone(), figure)));
    for (place, figure) in item_figures.chain(list_figures) {
        let row = [figure.id.as_str(), &place, &figure.label, &figure.unit, draft.figure_raw(&figure.id)];
        sheet.push_str(&row.map(crate::file_text::csv_cell).join(","));
        sheet.push_str("\r\n");
    }
    sheet
}

/// One value of a filled sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetValue {
    pub figure_id: String,
    pub label: String,
    /// As typed in the sheet (trimmed).
    pub value: String,
    /// The draft's value now; empty when not yet filled.
    pub current: String,
    /// What is wrong with `value` for this figure (it is still taken as typed, and reported).
    pub problem: Option<String>,
}

/// What a filled sheet holds, before anything changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FiguresSheet {
    /// Values that differ from the draft's.
    pub changes: Vec<SheetValue>,
    /// Values equal to the draft's already.
    pub unchanged: usize,
    /// Rows that could not be used, with why (row numbers as the spreadsheet shows them).
    pub skipped: Vec<String>,
}

impl FiguresSheet {
    /// Changes whose value is not of the figure's kind.
    pub fn problems(&self) -> usize {
        self.changes.iter().filter(|change| change.problem.is_some()).count()
    }

    /// Changes that would replace a value already filled in.
    pub fn overwrites(&self) -> usize {
        self.changes.iter().filter(|change| !change.current.trim().is_empty()).count()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    TooLarge,
    /// Not UTF-8: Excel's plain "CSV" is saved in the system's code page (GBK).
    NotUtf8,
    /// No row with 数据编码 and 数值 columns.
    NoHeader,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::TooLarge => write!(f, "文件太大，不是数据填报表。"),
            SheetError::NotUtf8 => write!(
                f,
                "文件不是 UTF-8 编码。请在 Excel 中“另存为”并选择“CSV UTF-8（逗号分隔）”，或在 WPS 中另存为 UTF-8 编码的 CSV，再导入。"
            ),
            SheetError::NoHeader => write!(f, "没有找到“数据编码”和“数值”两列。请使用本程序导出的数据填报表。"),
        }
    }
}

impl std::error::Error for SheetError {}

/// Splits CSV (or tab-separated text, as copied from a spreadsheet) into rows of fields:
/// quoted fields may hold separators, quotes (`""`) and line breaks.
fn parse_rows(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '"' if quoted && characters.peek() == Some(&'"') => {
                field.push('"');
                characters.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            _ if quoted => field.push(character),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ if character == separator => row.push(std::mem::take(&mut field)),
            _ => field.push(character),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Reads a filled sheet against the draft: by figure id, whatever the order of rows or columns.
pub fn read_figures_sheet(bytes: &[u8], framework: &Framework, draft: &Draft) -> Result<FiguresSheet, SheetError> {
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(SheetError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| SheetError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = if text.lines().next().is_some_and(|line| line.contains('\t')) { '\t' } else { ',' };
    let rows = parse_rows(text, separator);
    let column = |header: &[String], name: &str| header.iter().position(|cell| cell.trim() == name);
    let (header_index, id_column, value_column) = rows
        .iter()
        .enumerate()
        .find_map(|(index, row)| Some((index, column(row, HEADER[0])?, column(row, HEADER[4])?)))
        .ok_or(SheetError::NoHeader)?;
    let mut sheet = FiguresSheet::default();
    let mut first_row_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (index, row) in rows.iter().enumerate().skip(header_index + 1) {
        let row_number = index + 1;
        let cell =
            |column: usize| row.get(column).map(|cell| crate::file_text::csv_value(cell).trim()).unwrap_or_default();
        let (id, value) = (cell(id_column), cell(value_column));
        if id.is_empty() && value.is_empty() {
            continue;
        }
        let Some(figure) = framework.figure(id) else {
            sheet.skipped.push(format!("第{row_number}行：没有编码为“{id}”的数据项"));
            continue;
        };
        if value.is_empty() {
            continue;
        }
        if let Some(first) = first_row_of.insert(figure.id.as_str(), row_number) {
            first_row_of.insert(figure.id.as_str(), first);
            sheet.skipped.push(format!("第{row_number}行：“{}”已在第{first}行填写，以第{first}行为准", figure.label));
            continue;
        }
        let current = draft.figure_raw(&figure.id);
        if current.trim() == value {
            sheet.unchanged += 1;
        } else {
            sheet.changes.push(SheetValue {
                figure_id: figure.id.clone(),
                label: figure.label.clone(),
                value: value.to_owned(),
                current: current.to_owned(),
                problem: crate::figure::parse_figure(figure, value).err().map(|error| error.to_string()),
            });
        }
    }
    Ok(sheet)
}
