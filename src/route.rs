//! Which page of the form is shown, kept in the URL hash so links, reloads and Back work.

/// A page of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    Overview,
    Meta,
    /// 全部数据: every figure on one page.
    Figures,
    Item(String),
    Problems,
    Measures,
    /// The report laid out as the printed 公文.
    Print,
    /// 导入旧报告: last year's report mapped onto the indicator tree.
    ImportOld,
    /// 草稿管理: the drafts of this browser, versions, 回收站.
    Drafts,
}

impl View {
    /// The hash (with `#`) that opens this view.
    pub fn href(&self) -> String {
        match self {
            View::Overview => "#/".to_owned(),
            View::Meta => "#/meta".to_owned(),
            View::Figures => "#/figures".to_owned(),
            View::Item(code) => format!("#/item/{code}"),
            View::Problems => "#/problems".to_owned(),
            View::Measures => "#/measures".to_owned(),
            View::Print => "#/print".to_owned(),
            View::ImportOld => "#/import".to_owned(),
            View::Drafts => "#/drafts".to_owned(),
        }
    }

    /// The view for a hash (without `#`); unknown hashes open the overview.
    pub fn from_hash(hash: &str, item_exists: impl Fn(&str) -> bool) -> View {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path {
            "meta" => View::Meta,
            "figures" => View::Figures,
            "problems" => View::Problems,
            "measures" => View::Measures,
            "print" => View::Print,
            "import" => View::ImportOld,
            "drafts" => View::Drafts,
            _ => match path.strip_prefix("item/") {
                Some(code) if item_exists(code) => View::Item(code.to_owned()),
                _ => View::Overview,
            },
        }
    }
}
