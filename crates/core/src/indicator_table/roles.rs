//! What each column of an indicator table holds, known by its header's words.

use super::grid::Grid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// 一级指标 / 评价领域 / A级.
    Level1,
    /// 二级指标 / B级.
    Level2,
    /// 三级指标 / 观测点 / C级.
    Level3,
    /// A fourth level (子项).
    Level4,
    /// 评价要点 / 评估要点 / 评价内容 / 考核内容.
    Criteria,
    /// 分值 / 标准分.
    Points,
    /// 评分细则 / 计分方法 / 评分标准.
    ScoringRule,
    /// 责任单位 / 牵头单位.
    Units,
    /// 佐证材料.
    Evidence,
    /// 序号 / 编号: the row's own number, shown for the node the row makes when its title has none.
    Number,
    /// 自评得分, 备注…: not read.
    Ignore,
}

impl ColumnRole {
    pub const ALL: [ColumnRole; 11] = [
        ColumnRole::Level1,
        ColumnRole::Level2,
        ColumnRole::Level3,
        ColumnRole::Level4,
        ColumnRole::Criteria,
        ColumnRole::Points,
        ColumnRole::ScoringRule,
        ColumnRole::Units,
        ColumnRole::Evidence,
        ColumnRole::Number,
        ColumnRole::Ignore,
    ];

    pub const LEVELS: [ColumnRole; 4] =
        [ColumnRole::Level1, ColumnRole::Level2, ColumnRole::Level3, ColumnRole::Level4];

    pub fn label_zh(self) -> &'static str {
        match self {
            ColumnRole::Level1 => "一级指标",
            ColumnRole::Level2 => "二级指标",
            ColumnRole::Level3 => "观测点（三级）",
            ColumnRole::Level4 => "子项（四级）",
            ColumnRole::Criteria => "评价要点",
            ColumnRole::Points => "分值",
            ColumnRole::ScoringRule => "评分细则",
            ColumnRole::Units => "责任单位",
            ColumnRole::Evidence => "佐证材料",
            ColumnRole::Number => "序号",
            ColumnRole::Ignore => "不读取",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ColumnRole::Level1 => "level1",
            ColumnRole::Level2 => "level2",
            ColumnRole::Level3 => "level3",
            ColumnRole::Level4 => "level4",
            ColumnRole::Criteria => "criteria",
            ColumnRole::Points => "points",
            ColumnRole::ScoringRule => "rule",
            ColumnRole::Units => "units",
            ColumnRole::Evidence => "evidence",
            ColumnRole::Number => "number",
            ColumnRole::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Option<ColumnRole> {
        ColumnRole::ALL.into_iter().find(|role| role.key() == key)
    }
}

/// The role a header's words say, if any. Order matters: "自评得分" is not 分值, "评分细则" is not
/// 评价要点.
fn role_of(header: &str) -> Option<ColumnRole> {
    let header: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let has = |words: &[&str]| words.iter().any(|word| header.contains(word));
    if header.is_empty() {
        return None;
    }
    if has(&["序号", "编号"]) && header.chars().count() <= 4 {
        return Some(ColumnRole::Number);
    }
    if has(&["自评", "得分", "得失", "备注", "序号"]) || (has(&["说明"]) && !has(&["计分", "评分", "细则"]))
    {
        return Some(ColumnRole::Ignore);
    }
    if has(&["一级", "A级", "评价领域", "大项", "评价重点"]) {
        return Some(ColumnRole::Level1);
    }
    if has(&["二级", "B级"]) {
        return Some(ColumnRole::Level2);
    }
    if has(&["三级", "C级", "观测点", "观测指标", "测评内容"]) {
        return Some(ColumnRole::Level3);
    }
    if has(&["四级", "D级", "子项"]) {
        return Some(ColumnRole::Level4);
    }
    if has(&["细则", "计分", "评分标准", "评分办法", "评分方法", "扣分"]) {
        return Some(ColumnRole::ScoringRule);
    }
    if has(&["要点", "评价内容", "考核内容", "评价标准", "指标内涵", "内容"]) {
        return Some(ColumnRole::Criteria);
    }
    if has(&["分值", "标准分", "满分", "权重", "分数"]) {
        return Some(ColumnRole::Points);
    }
    if has(&["责任单位", "牵头单位", "责任部门", "配合单位", "单位"]) {
        return Some(ColumnRole::Units);
    }
    if has(&["佐证", "证明材料", "材料"]) {
        return Some(ColumnRole::Evidence);
    }
    if has(&["指标", "项目"]) {
        return Some(ColumnRole::Level1);
    }
    None
}

/// The header row (among the first five) and a role per column: the row where most cells name a
/// role. Without a header row, the first columns are taken as levels and a column of numbers as
/// points. Two columns claiming one level: the second is the next level down.
pub fn guess_header(grid: &Grid) -> (Option<usize>, Vec<ColumnRole>) {
    let width = grid.first().map_or(0, Vec::len);
    let header = grid
        .iter()
        .take(5)
        .enumerate()
        // Distinct texts, not cells: a title spanning every column is one heading, not a header row.
        .map(|(index, row)| {
            let mut known: Vec<&str> =
                row.iter().filter(|cell| role_of(&cell.text).is_some()).map(|cell| cell.text.as_str()).collect();
            crate::small_sort::sort_small_by(&mut known, |a, b| a.cmp(b));
            known.dedup();
            (index, known.len())
        })
        .filter(|(_, known)| *known >= 2)
        .max_by_key(|(index, known)| (*known, std::cmp::Reverse(*index)))
        .map(|(index, _)| index);
    let mut roles: Vec<ColumnRole> = match header {
        Some(row) => grid[row].iter().map(|cell| role_of(&cell.text).unwrap_or(ColumnRole::Ignore)).collect(),
        None => {
            // No headings: text columns are levels from the left; a column of numbers is points,
            // one counting 1, 2, 3… is 序号. A few words among the numbers (a rule row's heading
            // merged from the left edge, its words in the points column) do not make it text.
            (0..width)
                .map(|column| {
                    let filled: Vec<&str> =
                        grid.iter().map(|row| row[column].text.trim()).filter(|text| !text.is_empty()).collect();
                    let numbers: Vec<&str> = filled
                        .iter()
                        .copied()
                        .filter(|text| crate::points::Points::parse(text).ok().flatten().is_some())
                        .collect();
                    let counting = numbers.len() >= 3
                        && numbers.iter().enumerate().all(|(index, text)| text.parse::<usize>() == Ok(index + 1));
                    let mostly_numbers = !numbers.is_empty() && numbers.len() * 3 >= filled.len() * 2;
                    match (mostly_numbers, counting) {
                        (true, true) => ColumnRole::Number,
                        (true, false) => ColumnRole::Points,
                        (false, _) => ColumnRole::Level1,
                    }
                })
                .collect()
        }
    };
    // Repeated levels step down: 一级, 一级 → 一级, 二级 (and so on), as tables without clear headings have.
    let mut next_level = 0;
    for role in &mut roles {
        if let Some(level) = ColumnRole::LEVELS.iter().position(|level| level == role) {
            let level = level.max(next_level);
            *role = ColumnRole::LEVELS.get(level).copied().unwrap_or(ColumnRole::Criteria);
            next_level = level + 1;
        }
    }
    // Only the first column of a role is read; later ones are not.
    let mut seen = Vec::new();
    for role in &mut roles {
        if *role != ColumnRole::Ignore && seen.contains(role) {
            *role = ColumnRole::Ignore;
        }
        seen.push(*role);
    }
    promote_criteria_with_points(grid, header, &mut roles);
    (header, roles)
}

/// A county table often lists several 评价内容 under one 二级, each with its own points: those rows
/// are 观测点, not more text of the 二级. When rows under one deepest name carry points of their
/// own, the 评价要点 column becomes the next level.
fn promote_criteria_with_points(grid: &Grid, header: Option<usize>, roles: &mut [ColumnRole]) {
    let position = |role: ColumnRole| roles.iter().position(|r| *r == role);
    let (Some(criteria), Some(points)) = (position(ColumnRole::Criteria), position(ColumnRole::Points)) else { return };
    let Some((depth, deepest)) =
        ColumnRole::LEVELS.iter().enumerate().rev().find_map(|(depth, level)| Some((depth, position(*level)?)))
    else {
        return;
    };
    let Some(next) = ColumnRole::LEVELS.get(depth + 1) else { return };
    let rows = grid.iter().skip(header.map_or(0, |header| header + 1));
    let mut previous_name = String::new();
    let mut repeated_with_points = false;
    for row in rows {
        let name = row[deepest].text.trim();
        let has_points = crate::points::Points::parse(&row[points].text).ok().flatten().is_some();
        let same = name.is_empty() || row[deepest].continued || name == previous_name;
        if same && has_points && !previous_name.is_empty() && !row[criteria].text.trim().is_empty() {
            repeated_with_points = true;
            break;
        }
        if !name.is_empty() {
            previous_name = name.to_owned();
        }
    }
    if repeated_with_points {
        roles[criteria] = *next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator_table::grid::grid_from_text;

    #[test]
    fn headers_are_known_by_their_words() {
        let grid = grid_from_text("序号\t一级指标\t二级指标\t观测点\t分值\t评分细则\t责任单位\t自评得分\n1\t教育领导\t体制\t会议\t2\t每少1次扣0.2分\t县政府办\t\n");
        let (header, roles) = guess_header(&grid);
        assert_eq!(header, Some(0));
        use ColumnRole::*;
        assert_eq!(roles, [Number, Level1, Level2, Level3, Points, ScoringRule, Units, Ignore]);
    }

    #[test]
    fn a_table_without_headings_takes_text_columns_as_levels_and_numbers_as_points() {
        let grid = grid_from_text("教育领导\t领导体制\t2\n教育领导\t经费投入\t3\n");
        let (header, roles) = guess_header(&grid);
        assert_eq!(header, None);
        assert_eq!(roles, [ColumnRole::Level1, ColumnRole::Level2, ColumnRole::Points]);
    }
}
