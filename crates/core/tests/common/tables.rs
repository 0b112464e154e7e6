//! The indicator tables of `tests/tables/` (the shapes real notices ship), read as the app reads
//! them, with every row accounted for.

use lvzhi_core::framework::{Framework, Level};
use lvzhi_core::indicator_table::{
    build_framework, grid_from_html, grid_from_text, guess_header, Built, ColumnRole, Grid, TableChoices, TableMeta,
};

pub fn table(name: &str) -> Grid {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tables").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    if name.ends_with(".html") {
        grid_from_html(&text).expect("a table")
    } else {
        grid_from_text(&text)
    }
}

pub fn meta() -> TableMeta {
    TableMeta {
        id: "table-test".into(),
        title: "测试指标体系".into(),
        province: "示例省".into(),
        year: 2025,
        level: Level::County,
        notice_title: "关于开展评价工作的通知".into(),
        notice_number: "示教督〔2025〕1号".into(),
    }
}

/// Builds with the guessed header and roles, and checks that every row is accounted for.
pub fn built(name: &str) -> (Built, Vec<ColumnRole>) {
    built_with(name, &TableChoices::default())
}

/// The notice's text beside a table (`NN-name.notice.txt`), empty when there is none.
pub fn notice(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tables").join(format!("{stem}.notice.txt"));
    std::fs::read_to_string(path).unwrap_or_default()
}

/// `built` with the user's choices.
pub fn built_with(name: &str, choices: &TableChoices) -> (Built, Vec<ColumnRole>) {
    let grid = table(name);
    let (header, roles) = guess_header(&grid);
    let built = accounted(&grid, header, &roles, choices).unwrap_or_else(|error| panic!("{name}: {error}"));
    (built, roles)
}

/// Builds a grid and checks that every row is accounted for and the framework loads as a file.
pub fn accounted(
    grid: &Grid,
    header: Option<usize>,
    roles: &[ColumnRole],
    choices: &TableChoices,
) -> Result<Built, lvzhi_core::indicator_table::TableError> {
    let built = build_framework(grid, header, roles, &meta(), choices)?;
    let accounted = usize::from(header.is_some())
        + built.left_out.len()
        + built.merged_rows.len()
        + built.node_rows.len()
        + built.rule_rows.len();
    assert_eq!(accounted, grid.len(), "every row accounted for ({:?})", built.left_out);
    // What comes out reads back as a framework file.
    let text = serde_json::to_string(&built.framework).unwrap();
    assert_eq!(Framework::from_json(&text).unwrap(), built.framework);
    Ok(built)
}

/// The Shaanxi-like table as Word saves it: the 一级 and 二级 cells merged down their rows
/// (`w:vMerge`), the 合计 cell across two columns (`w:gridSpan`).
pub fn as_word_file(grid: &Grid) -> Vec<u8> {
    let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::from("<w:p><w:r><w:t>附件：评价指标</w:t></w:r></w:p><w:tbl>");
    for (index, row) in grid.iter().enumerate() {
        body.push_str("<w:tr>");
        let mut column = 0;
        while column < row.len() {
            let text = &row[column].text;
            let below_continues = grid
                .get(index + 1)
                .is_some_and(|next| next[column].text.is_empty() && column < 2 && !next[0].text.starts_with("合计"));
            let properties = if column < 2 && text.is_empty() && index > 0 && !row[0].text.starts_with("合计") {
                "<w:vMerge/>".to_owned()
            } else if below_continues {
                r#"<w:vMerge w:val="restart"/>"#.to_owned()
            } else if text == "合计" {
                column += 1;
                r#"<w:gridSpan w:val="2"/>"#.to_owned()
            } else {
                String::new()
            };
            let paragraphs: String =
                text.lines().map(|line| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", escape(line))).collect();
            body.push_str(&format!("<w:tc><w:tcPr>{properties}</w:tcPr>{paragraphs}<w:p/></w:tc>"));
            column += 1;
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    lvzhi_core::zip_files::write_zip([("word/document.xml", document.as_str())])
}
