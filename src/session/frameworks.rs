//! The frameworks of this browser as the framework editor needs them: which drafts use one, the
//! editor's autosaved working copy, and saving an edited framework — as a new version when drafts
//! use it (or it is built in), so no draft changes under the user's feet.

use super::Session;
use crate::notices::AppError;
use lvzhi_core::framework::{Framework, GradeBand, SCORED_EXAMPLE_ID};
use lvzhi_core::framework_edit::{new_version, Action, FrameworkEdit, WorkingCopy};
use lvzhi_core::Draft;

/// What became of a framework brought from outside (a framework file, a backup).
#[derive(Clone, Copy, Debug)]
pub enum Brought {
    /// New here: kept as it came.
    Added(&'static Framework),
    /// The same content is already here (under this id or another): not kept twice.
    AlreadyHere(&'static Framework),
    /// Another framework of the same id is here with other content: this one is kept beside it as a
    /// new version; nothing that uses the one here changes.
    AsNewVersion { kept: &'static Framework, beside: &'static Framework },
}

impl Brought {
    /// The framework to use for what came with it.
    pub fn framework(self) -> &'static Framework {
        match self {
            Brought::Added(framework) | Brought::AlreadyHere(framework) => framework,
            Brought::AsNewVersion { kept, .. } => kept,
        }
    }
}

impl Session {
    /// A framework file brought (another year, province or level): checked, kept — the same
    /// content already here is used as it is, other content under a known id is kept beside it as a
    /// new version, so no draft here changes — and a new draft on it, with what to tell the user
    /// when it is opened.
    pub fn draft_on_framework_file(&self, text: &str) -> Result<(Draft, String), AppError> {
        let parsed = Framework::from_json(text).map_err(AppError::Framework)?;
        let brought = self.bring_framework(parsed, text)?;
        let own = brought.framework();
        let notice = format!("{}已按指标体系“{}”新建草稿。", self.brought_notice(brought), own.title);
        Ok((self.new_draft(own), notice))
    }
}

/// How an edited framework was kept.
pub struct SavedFramework {
    pub framework: &'static Framework,
    /// It became a new version (the edited one stays for its drafts).
    pub new_version: bool,
}

impl Session {
    /// How many stored drafts use the framework `id`.
    pub fn drafts_using(&self, id: &str) -> usize {
        let Some(storage) = self.storage else { return 0 };
        let entries = storage.entries();
        entries.iter().filter(|entry| entry.content.as_ref().is_ok_and(|draft| draft.framework.id == id)).count()
    }

    /// Whether `id` is built into the app (never changed in place).
    pub fn is_builtin_framework(&self, id: &str) -> bool {
        id == self.builtin_framework.id || id == SCORED_EXAMPLE_ID
    }

    /// The editor's working copy of framework `id`, if an edit was left unsaved. Read as it is:
    /// it may be unsound (the editor lists why); an unreadable one is ignored.
    pub fn framework_work(&self, id: &str) -> Option<WorkingCopy> {
        WorkingCopy::from_json(&self.storage?.framework_work(id)?)
    }

    /// Writes the editor's working copy (at every change).
    pub fn save_framework_work(&self, id: &str, working: &WorkingCopy) -> Result<(), AppError> {
        let Some(storage) = self.storage else { return Ok(()) };
        storage.save_framework_work(id, &working.to_json()).map_err(AppError::from)
    }

    /// Gives up the working copy of `id`.
    pub fn drop_framework_work(&self, id: &str) -> Result<(), AppError> {
        let Some(storage) = self.storage else { return Ok(()) };
        storage.drop_framework_work(id).map_err(AppError::from)
    }

    /// Keeps an edited framework (already checked) that was opened as `original_id`: in place when
    /// nothing uses it, else as a new version with its own id.
    pub fn save_edited_framework(&self, original_id: &str, framework: Framework) -> Result<SavedFramework, AppError> {
        let used = self.is_builtin_framework(original_id) || self.drafts_using(original_id) > 0;
        let framework = if used {
            let taken: Vec<String> = self.known_frameworks().into_iter().map(|(id, _)| id).collect();
            new_version(&framework, &taken)
        } else {
            framework
        };
        let text = serde_json::to_string_pretty(&framework).expect("a framework serializes");
        let kept = self.keep_framework(framework, &text)?;
        self.drop_framework_work(original_id)?;
        Ok(SavedFramework { framework: kept, new_version: used })
    }

    /// Keeps a framework brought from outside, its identity being its content: the same content
    /// already here is recognised (nothing kept twice); other content under an id known here is
    /// kept beside it as a new version (its own id), so no draft changes under the user. Only the
    /// explicit 更换指标体系 moves a draft to another version.
    pub fn bring_framework(&self, framework: Framework, text: &str) -> Result<Brought, AppError> {
        let known: Vec<&'static Framework> =
            self.known_frameworks().iter().filter_map(|(id, _)| self.framework_for(id)).collect();
        if let Some(same) = known.iter().find(|known| known.same_content_as(&framework)) {
            return Ok(Brought::AlreadyHere(same));
        }
        let Some(beside) = known.iter().copied().find(|known| known.id == framework.id) else {
            return Ok(Brought::Added(self.keep_framework(framework, text)?));
        };
        let taken: Vec<String> = known.iter().map(|known| known.id.clone()).collect();
        let renamed = new_version(&framework, &taken);
        let text = serde_json::to_string_pretty(&renamed).expect("a framework serializes");
        Ok(Brought::AsNewVersion { kept: self.keep_framework(renamed, &text)?, beside })
    }

    /// What to tell the user of a framework brought: which one their drafts use, and which the new
    /// one is.
    pub fn brought_notice(&self, brought: Brought) -> String {
        match brought {
            // Kept as it came: nothing to tell beyond what it is used for.
            Brought::Added(_) => String::new(),
            Brought::AlreadyHere(framework) => {
                format!("本浏览器中已有内容相同的指标体系“{}”，未重复保存。", framework.title)
            }
            Brought::AsNewVersion { kept, beside } => {
                let users = self.drafts_using(&beside.id);
                let stay = if users > 0 {
                    format!("本浏览器中的{users}份草稿仍使用原来的版本，不受影响。")
                } else {
                    String::new()
                };
                format!(
                    "指标体系“{}”与本浏览器中已有的同名指标体系（版本{}）内容不同，已另存为版本{}。{stay}",
                    kept.title, beside.version, kept.version
                )
            }
        }
    }

    /// Gives the open draft's framework grade bands (评分汇总's one-click start): the framework is
    /// saved with them — as a new version when drafts use it, so no other draft changes — and the
    /// open draft moves to what was saved (same codes, nothing to map), backed up first.
    pub fn adopt_grades(&self, framework: &Framework, draft: Draft, grades: Vec<GradeBand>) -> Result<(), AppError> {
        let mut edit = FrameworkEdit::of(framework.clone());
        edit.apply(Action::SetGrades(grades)).map_err(|refused| AppError::Refused(refused.0))?;
        let updated = edit.finish().map_err(AppError::Framework)?;
        let saved = self.save_edited_framework(&framework.id, updated)?;
        let mapping = lvzhi_core::remap::propose(framework, saved.framework, &draft);
        let moved = lvzhi_core::remap::apply(&mapping, framework, saved.framework, &draft);
        let version = saved.framework.version.clone();
        self.replace_current(moved, |backup| {
            format!(
                "已为指标体系设置等次（另存为版本{version}，原版本不变），本草稿已改用新版本{}。",
                if backup.is_empty() { "" } else { "，原草稿已备份" }
            )
        })
    }

    /// The newest framework made as a new version of `id` (following the chain), if any.
    pub fn newer_version_of(&self, id: &str) -> Option<&'static Framework> {
        let known: Vec<&'static Framework> =
            self.known_frameworks().iter().filter_map(|(known, _)| self.framework_for(known)).collect();
        let mut current = id.to_owned();
        let mut newest = None;
        // A chain is short; the bound stops a cycle in hand-edited files.
        for _ in 0..known.len() {
            let Some(next) = known.iter().find(|framework| framework.previous == current) else { break };
            current = next.id.clone();
            newest = Some(*next);
        }
        newest
    }
}

impl Session {
    /// Offers a framework as a framework file to send; returns what to tell the user.
    pub fn export_framework(&self, framework: &Framework) -> Result<String, AppError> {
        crate::files::download_framework_file(framework)
            .map(|name| format!("已导出指标体系文件 {name}，同事可在“从指标体系文件新建”中打开。"))
            .map_err(AppError::from)
    }

    /// Opens a new draft on `framework` (用它新建草稿).
    pub fn new_draft_on(&self, framework: &'static Framework) -> Result<(), AppError> {
        // An empty draft starts on 基本信息, as from 开始 and 草稿管理.
        self.open_new_on_meta(self.new_draft(framework), format!("已用“{}”新建草稿。", framework.label()))
    }

    /// Moves a kept framework to its 回收站 once `confirm` (asked with its label) says so; refused at
    /// once, before any question, for a built-in one and while drafts use it (they could not open
    /// without it). Its editor's working copy goes with it.
    pub fn delete_framework(&self, id: &str, confirm: impl FnOnce(&str) -> bool) -> Result<Option<String>, AppError> {
        if self.is_builtin_framework(id) {
            return Err(AppError::Outdated("程序内置的指标体系不能删除。"));
        }
        let users = self.drafts_using(id);
        if users > 0 {
            return Err(AppError::FrameworkInUse(users));
        }
        let storage = self.storage.ok_or(AppError::NoStorage)?;
        let title = self.framework_for(id).map_or_else(|| id.to_owned(), Framework::label);
        if !confirm(&title) {
            return Ok(None);
        }
        storage.trash_framework(id)?;
        storage.drop_framework_work(id)?;
        self.forget_framework(id);
        Ok(Some(format!("已将指标体系“{title}”移入回收站，可在下方“已删除的指标体系”中恢复。")))
    }

    /// Deleted frameworks: `(trash key, label)`.
    pub fn deleted_frameworks(&self) -> Vec<(String, String)> {
        let Some(storage) = self.storage else { return Vec::new() };
        storage
            .framework_trash()
            .into_iter()
            .map(|(key, id, text)| {
                let label = Framework::from_json(&text).map_or(id, |framework| framework.label());
                (key, label)
            })
            .collect()
    }

    /// Brings a deleted framework back.
    pub fn restore_framework(&self, trash_key: &str) -> Result<String, AppError> {
        let storage = self.storage.ok_or(AppError::NoStorage)?;
        let id = storage.restore_framework(trash_key).map_err(|error| match error {
            lvzhi_storage::StorageError::ChangedElsewhere => {
                AppError::Outdated("已有同一编号的指标体系，未恢复；可先删除或导出它。")
            }
            other => AppError::from(other),
        })?;
        let title = self.framework_for(&id).map(|framework| framework.title.clone()).unwrap_or(id);
        Ok(format!("已恢复指标体系“{title}”。"))
    }
}
