//! An indicator table as a grid of cells, from what people paste or pick: tab-separated text (Excel,
//! WPS, a Word table copied as text), CSV, or the HTML a browser's clipboard holds when a table is
//! copied from Word, WPS or Excel. Merged cells are expanded: the cells a `rowspan`/`colspan`
//! covers hold the merged cell's text, marked as continued, so every row has every column.
//!
//! Invariant: every row of the input is one row of the grid, in order (blank ones too: the caller
//! accounts for each).

/// One cell after expanding merges.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    /// Covered by a cell merged from above (its text copied down).
    pub continued: bool,
    /// Of a separate, narrower table after the main one (a 加分项 or 一票否决 table): its rows are
    /// read as rules, not by the main table's column roles.
    pub appendix: bool,
}

pub type Grid = Vec<Vec<Cell>>;

/// Tab-separated text, or comma-separated when no line has a tab. Quoted fields may hold the
/// separator, doubled quotes and line breaks (as Excel writes them).
pub fn grid_from_text(text: &str) -> Grid {
    let text = text.trim_start_matches('\u{feff}');
    let separator = if text.contains('\t') { '\t' } else { ',' };
    let mut rows: Grid = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(character) = chars.next() {
        match character {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == separator && !quoted => {
                row.push(Cell { text: clean(&field), continued: false, appendix: false });
                field.clear();
                at_field_start = true;
            }
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(Cell { text: clean(&field), continued: false, appendix: false });
                field.clear();
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(Cell { text: clean(&field), continued: false, appendix: false });
        rows.push(row);
    }
    pad(rows)
}

/// Spaces trimmed, line breaks inside a cell kept as one line break, runs of blanks made one.
fn clean(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every row as wide as the widest.
fn pad(mut rows: Grid) -> Grid {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, Cell::default());
    }
    rows
}

/// The table of clipboard HTML, merges expanded: its tables of the widest width one after the
/// other (a table continued as 续表 after a page break is one table), then narrower tables after
/// the main one as appendix rows (rule tables); narrower tables before it (a cover) left out.
/// `None` when the HTML holds no table.
pub fn grid_from_html(html: &str) -> Option<Grid> {
    let lower = html.to_ascii_lowercase();
    let mut tables = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<table").map(|at| at + from) {
        let end = lower[start..].find("</table").map_or(lower.len(), |at| at + start);
        tables.push(table_grid(&html[start..end]));
        from = end.max(start + 1);
    }
    join_widest(tables)
}

/// The grids of the widest width, one after the other, then the narrower grids after the first
/// of them marked as appendix rows and padded to the width; `None` when there are none.
pub fn join_widest(tables: Vec<Grid>) -> Option<Grid> {
    let width_of = |table: &Grid| table.first().map_or(0, Vec::len);
    let width = tables.iter().map(width_of).max()?;
    let first_main = tables.iter().position(|table| width_of(table) == width)?;
    let mut joined: Grid = Vec::new();
    for table in tables.into_iter().skip(first_main) {
        if width_of(&table) == width {
            joined.extend(table);
            continue;
        }
        for mut row in table {
            row.resize(width, Cell::default());
            for cell in &mut row {
                cell.appendix = true;
            }
            joined.push(row);
        }
    }
    (!joined.is_empty()).then_some(joined)
}

/// Whether a row is of an appendix table (see [`Cell::appendix`]).
pub fn is_appendix(row: &[Cell]) -> bool {
    row.first().is_some_and(|cell| cell.appendix)
}

fn table_grid(table: &str) -> Grid {
    let mut rows: Vec<Vec<(String, usize, usize)>> = Vec::new();
    for row_html in split_tags(table, "tr") {
        let mut cells = Vec::new();
        for (cell_html, attributes) in cells_of(row_html) {
            let rowspan = attribute_number(&attributes, "rowspan").unwrap_or(1).clamp(1, 500);
            let colspan = attribute_number(&attributes, "colspan").unwrap_or(1).clamp(1, 50);
            cells.push((html_text(cell_html), rowspan, colspan));
        }
        rows.push(cells);
    }
    expand(rows)
}

/// The contents of every `<tag …>…</tag>` (case-insensitive), in order.
fn split_tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find(&open).map(|at| at + from) {
        // `<tr` but not `<track`: the tag name must end here.
        let after = lower[start + open.len()..].chars().next();
        if !matches!(after, Some('>' | ' ' | '\t' | '\n' | '\r' | '/')) {
            from = start + open.len();
            continue;
        }
        let end = lower[start..].find(&close).map_or(lower.len(), |at| at + start);
        parts.push(&html[start..end]);
        from = end.max(start + 1);
    }
    parts
}

/// The cells (`td` and `th`) of a row: their inner HTML and their opening tag's attributes.
fn cells_of(row: &str) -> Vec<(&str, String)> {
    let lower = row.to_ascii_lowercase();
    let mut cells = Vec::new();
    let mut from = 0;
    loop {
        let next = ["<td", "<th"]
            .iter()
            .filter_map(|open| {
                let mut search = from;
                while let Some(at) = lower[search..].find(open).map(|at| at + search) {
                    let after = lower[at + 3..].chars().next();
                    if matches!(after, Some('>' | ' ' | '\t' | '\n' | '\r' | '/')) {
                        return Some(at);
                    }
                    search = at + 3;
                }
                None
            })
            .min();
        let Some(start) = next else { break };
        let Some(tag_end) = lower[start..].find('>').map(|at| at + start) else { break };
        let attributes = lower[start..tag_end].to_owned();
        let content_start = tag_end + 1;
        // A cell ends at its closing tag, or where the next cell or the row's end begins.
        let end = ["</td", "</th", "<td", "<th"]
            .iter()
            .filter_map(|marker| lower[content_start..].find(marker).map(|at| at + content_start))
            .min()
            .unwrap_or(lower.len());
        cells.push((&row[content_start..end], attributes));
        from = end.max(content_start);
    }
    cells
}

fn attribute_number(attributes: &str, name: &str) -> Option<usize> {
    let at = attributes.find(name)? + name.len();
    let rest = attributes[at..].trim_start().strip_prefix('=')?.trim_start().trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The text of a cell's HTML: paragraphs and `<br>` as line breaks, tags dropped, entities decoded.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag.chars().take_while(char::is_ascii_alphanumeric).collect();
        if matches!(name.as_str(), "br" | "p" | "div" | "li") {
            text.push('\n');
        }
        // Word's conditional comments and style blocks hold no cell text.
        if tag.starts_with("!--") {
            let end = rest[open..].find("-->").map_or(rest.len(), |at| open + at + 3);
            rest = &rest[end..];
            continue;
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    clean(&decode_entities(&text))
}

fn decode_entities(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(end) = after.find(';').filter(|end| *end <= 10) else {
            decoded.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..end];
        let character = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|decimal| decimal.parse().ok()))
                .and_then(char::from_u32),
        };
        match character {
            Some(character) => {
                decoded.push(character);
                rest = &after[end + 1..];
            }
            None => {
                decoded.push('&');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// Cells with their spans into a full grid: a cell spanning rows is copied down (marked continued),
/// one spanning columns is copied across.
pub fn expand(rows: Vec<Vec<(String, usize, usize)>>) -> Grid {
    let mut grid: Grid = Vec::new();
    // Per column: the text still spanning down and how many more rows it covers.
    let mut pending: Vec<Option<(String, usize)>> = Vec::new();
    for cells in rows {
        let mut row: Vec<Cell> = Vec::new();
        let mut cells = cells.into_iter();
        let mut column = 0;
        loop {
            if let Some(Some((text, left))) = pending.get_mut(column) {
                row.push(Cell { text: text.clone(), continued: true, appendix: false });
                *left -= 1;
                if *left == 0 {
                    pending[column] = None;
                }
                column += 1;
                continue;
            }
            let Some((text, rowspan, colspan)) = cells.next() else { break };
            for _ in 0..colspan {
                if pending.len() <= column {
                    pending.resize(column + 1, None);
                }
                if rowspan > 1 {
                    pending[column] = Some((text.clone(), rowspan - 1));
                }
                row.push(Cell { text: text.clone(), continued: false, appendix: false });
                column += 1;
            }
        }
        // Columns spanning down past the end of this row's own cells.
        while column < pending.len() {
            if let Some(Some((text, left))) = pending.get_mut(column) {
                row.push(Cell { text: text.clone(), continued: true, appendix: false });
                *left -= 1;
                if *left == 0 {
                    pending[column] = None;
                }
            } else {
                row.push(Cell::default());
            }
            column += 1;
        }
        grid.push(row);
    }
    pad(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<Vec<&str>> {
        grid.iter().map(|row| row.iter().map(|cell| cell.text.as_str()).collect()).collect()
    }

    #[test]
    fn tab_separated_text_with_quoted_line_breaks() {
        let grid = grid_from_text("一级\t二级\t分值\r\n\"教育\n领导\"\t领导体制\t2\n\t经费\t3\n");
        assert_eq!(
            texts(&grid),
            [vec!["一级", "二级", "分值"], vec!["教育\n领导", "领导体制", "2"], vec!["", "经费", "3"]]
        );
    }

    #[test]
    fn html_rowspans_and_colspans_are_expanded_and_marked() {
        let html = r#"<html><body><!--StartFragment--><table class=MsoTable><tr><td rowspan="2"><p>教育领导（10分）</p></td><td>体制</td><td>5</td></tr>
            <tr><td>投入&amp;保障</td><td>5</td></tr><tr><td colspan=2>合计</td><td>10</td></tr></table></body></html>"#;
        let grid = grid_from_html(html).unwrap();
        assert_eq!(
            texts(&grid),
            [
                vec!["教育领导（10分）", "体制", "5"],
                vec!["教育领导（10分）", "投入&保障", "5"],
                vec!["合计", "合计", "10"]
            ]
        );
        assert!(grid[1][0].continued && !grid[0][0].continued);
        assert_eq!(grid_from_html("<p>没有表格</p>"), None);
        // A 续表 after a page break continues the table; a narrower table (a cover) is left out.
        let continued = "<table><tr><td>封面</td></tr></table><table><tr><td>一级</td><td>分值</td></tr><tr><td>甲</td><td>1</td></tr></table>\
            <p>续表</p><table><tr><td>一级</td><td>分值</td></tr><tr><td>乙</td><td>2</td></tr></table>";
        let texts = texts(&grid_from_html(continued).unwrap()).into_iter().map(|row| row.join("|")).collect::<Vec<_>>();
        assert_eq!(texts, ["一级|分值", "甲|1", "一级|分值", "乙|2"]);
    }
}
