//! How large each thing the app reads may be: one list, checked before anything is read into
//! memory or parsed (the app asks a picked file its size first), and stated to the user when
//! refused — with what such a thing usually weighs, so the user sees they picked the wrong file or
//! copied too much.
//!
//! Why these numbers: each is many times what real material weighs (measured on our corpora and
//! the built-in frameworks), and small enough that the largest input allowed is read without the
//! page stalling for long (BENCHMARKS.md, "Size limits"). The importers keep their own checks on
//! the bytes they are given (these numbers: this module depends on nothing), so no caller can
//! skip them.

use std::fmt;

/// The most a kind of input may weigh, in bytes, with how users recognise it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// What is read, as the user calls it ("指标表文件").
    pub what: &'static str,
    pub bytes: usize,
    /// What one usually weighs ("通常不到200 KB").
    pub usual: &'static str,
    /// What to do instead.
    pub advice: &'static str,
}

const MB: usize = 1024 * 1024;

/// A table pasted as text (tab-separated, from Excel), or a .csv/.txt table file.
pub const TABLE_TEXT: Limit = Limit {
    what: "指标表文字",
    bytes: MB,
    usual: "一张指标表的文字通常不到200 KB",
    advice: "请只复制指标表本身（含表头），不要复制整份通知或整个工作簿。",
};
/// A table as the clipboard's HTML (Word, WPS, Excel) or an .html file: Word's markup is some
/// ten times the table's text.
pub const TABLE_HTML: Limit = Limit {
    what: "复制的表格",
    bytes: 4 * MB,
    usual: "从 Word 复制一张指标表通常不到1 MB",
    advice: "请只选中指标表本身（含表头）复制，不要全选整份通知；也可以改为选择通知附件中的 Word 文件。",
};
/// The notice's Word file with the table (images included; its text part is limited below).
pub const TABLE_DOCX: Limit = Limit {
    what: "Word 文件",
    bytes: 20 * MB,
    usual: "一份指标表的 Word 文件通常不到1 MB",
    advice: "请确认选择的是通知附件中的指标表；图片很多的文件可另存一份只含指标表的 .docx。",
};
/// The text part (`word/document.xml`) of that Word file.
pub const TABLE_DOCX_XML: Limit = Limit {
    what: "Word 文件的正文",
    bytes: 8 * MB,
    usual: "一张指标表的正文通常不到2 MB",
    advice: "请另存一份只含指标表的 .docx 后再选择。",
};
/// A framework file (指标体系文件): the built-in ones weigh 60 and 110 KB.
pub const FRAMEWORK_FILE: Limit = Limit {
    what: "指标体系文件",
    bytes: 2 * MB,
    usual: "指标体系文件通常不到200 KB",
    advice: "请确认选择的是履职自评导出的指标体系文件（.json）。",
};
/// A draft file, its framework included.
pub const DRAFT_FILE: Limit = Limit {
    what: "草稿文件",
    bytes: 5 * MB,
    usual: "草稿文件通常不到500 KB",
    advice: "请确认选择的是履职自评导出的草稿文件（.json）。",
};
/// A backup of every draft (.zip).
pub const BACKUP: Limit = Limit {
    what: "草稿备份",
    bytes: 50 * MB,
    usual: "几十份草稿的备份通常不到10 MB",
    advice: "请确认选择的是履职自评导出的草稿备份（.zip）。",
};
/// A 汇总 file: many units' drafts with their frameworks and the 复核.
pub const COLLECTION_FILE: Limit = Limit {
    what: "汇总文件",
    bytes: 100 * MB,
    usual: "两百个单位的汇总文件通常不到20 MB",
    advice: "请确认选择的是履职自评导出的汇总文件（.json）。",
};
/// Last year's report, pasted or as text.
pub const OLD_REPORT_TEXT: Limit = Limit {
    what: "报告文字",
    bytes: 2 * MB,
    usual: "一份自评报告通常只有几万字（不到200 KB）",
    advice: "请只粘贴报告正文。",
};
/// Last year's report as a Word file.
pub const OLD_REPORT_DOCX: Limit = Limit {
    what: "Word 文件",
    bytes: 20 * MB,
    usual: "一份自评报告的 Word 文件通常不到2 MB",
    advice: "请确认选择的是去年的自评报告；图片很多的文件可另存一份不含图片的 .docx。",
};
/// A 数据填报表 filled in and sent back.
pub const FIGURES_SHEET: Limit = Limit {
    what: "数据填报表",
    bytes: MB,
    usual: "数据填报表通常不到50 KB",
    advice: "请确认选择的是本程序导出、填好后发回的数据填报表。",
};

/// What a backup unpacks to, all its files together: the browser's storage holds 5 to 10 MB, so
/// a real backup unpacks to less; a zip bomb stops here, while inflating.
pub const BACKUP_UNPACKED: Limit = Limit {
    what: "草稿备份解压后",
    bytes: 20 * MB,
    usual: "浏览器的本地存储最多存下约10 MB的草稿",
    advice: "请确认选择的是履职自评导出的草稿备份（.zip）。",
};
/// The files a backup may hold: each draft and each framework file is one.
pub const BACKUP_FILES: usize = 2000;

/// How large a framework may be, whatever it came from (a file, a table, the editor): real ones
/// have under 20 一级, 200 二级 and 100 figures; each figure and row costs at start-up and while
/// typing (a framework of 50 000 items took 8 s to open).
pub const FRAMEWORK_AREAS: usize = 100;
pub const FRAMEWORK_ITEMS: usize = 1000;
pub const FRAMEWORK_SCORED_ROWS: usize = 3000;
pub const FRAMEWORK_FIGURES: usize = 3000;

/// A size as users read it: "350 KB", "5.2 MB".
pub fn size_text(bytes: usize) -> String {
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10).div_ceil(MB);
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    }
}

/// Input over its limit: refused before it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    pub limit: Limit,
    pub bytes: usize,
}

impl Limit {
    /// `Err` when `bytes` is over the limit.
    pub fn check(&self, bytes: usize) -> Result<(), TooLarge> {
        if bytes > self.bytes {
            Err(TooLarge { limit: *self, bytes })
        } else {
            Ok(())
        }
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Limit { what, bytes, usual, advice } = self.limit;
        write!(f, "{what}有{}，超过了上限{}（{usual}），未读取。{advice}", size_text(self.bytes), size_text(bytes))
    }
}

impl std::error::Error for TooLarge {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_users_read_them() {
        assert_eq!(size_text(350 * 1024), "350 KB");
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(MB), "1 MB");
        assert_eq!(size_text(5 * MB + MB / 5), "5.2 MB");
    }

    #[test]
    fn over_the_limit_is_refused_with_the_sizes_and_what_to_do() {
        assert_eq!(TABLE_TEXT.check(MB), Ok(()));
        let refused = TABLE_HTML.check(5 * MB).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "复制的表格有5 MB，超过了上限4 MB（从 Word 复制一张指标表通常不到1 MB），未读取。请只选中指标表本身（含表头）复制，不要全选整份通知；也可以改为选择通知附件中的 Word 文件。"
        );
    }
}
