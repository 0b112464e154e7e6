//! The draft lifecycle against the real localStorage of headless Chromium (wasm-bindgen-test), with
//! a form's state built as the app builds it, but no rendering: typing followed at once by a
//! switch loses nothing, and another window's newer save is never overwritten.

use super::*;
use crate::workspace::autosave::{start_autosave, OtherWindows};
use crate::workspace::draft_signals::DraftSignals;
use lvzhi_storage::draft_key;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A session on a cleared storage, with its open draft's form state attached (as `Form` does).
fn session_with_form() -> (Session, DraftSignals, (Owner, Owner)) {
    local_storage().clear().unwrap();
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let root = Owner::new();
    root.set();
    let framework: &'static Framework = Box::leak(Box::new(Framework::builtin()));
    let session = Session::start(framework, DraftStorage::open().ok());
    let (signals, form) = attach_form(&session, &root);
    // Both owners are handed back: the test keeps them, and with them the signals, alive.
    (session, signals, (root, form))
}

/// The state of a form for the session's open draft, as `Form` builds it, under its own owner.
fn attach_form(session: &Session, root: &Owner) -> (DraftSignals, Owner) {
    let form = root.child();
    let session = *session;
    let signals = form.with(|| {
        let signals = DraftSignals::from_draft(session.builtin_framework, session.opened().draft);
        let snapshot = Memo::new(move |_| signals.snapshot());
        let edits = crate::workspace::edits::Edits::watch(session.builtin_framework, signals, snapshot);
        let autosave = start_autosave(
            snapshot,
            edits.edited,
            session.storage,
            OtherWindows { adopt: Callback::new(|_| {}), tell: Callback::new(|_| {}) },
            false,
            true,
        );
        session.attach(autosave);
        signals
    });
    (signals, form)
}

/// Lets effects run (they are scheduled as microtasks), well within the 400 ms save delay.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn stored(id: &str) -> Draft {
    Draft::from_json(&local_storage().get_item(&draft_key(id)).unwrap().unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn opening_a_new_draft_right_after_typing_keeps_the_typing() {
    let (session, signals, _form) = session_with_form();
    settle().await;
    let first = session.opened().draft.id;
    signals.item("A1.1").narrative.set("切换前刚输入的文字。".into());
    settle().await;
    let next = session.new_draft(session.builtin_framework);
    session.open_new(next.clone(), "已新建草稿。").unwrap();
    assert_eq!(stored(&first).items["A1.1"].narrative, "切换前刚输入的文字。");
    assert_eq!(session.opened().draft.id, next.id);
    assert_eq!(local_storage().get_item("lvzhi/last-draft").unwrap().as_deref(), Some(next.id.as_str()));
}

#[wasm_bindgen_test]
async fn a_switch_is_refused_rather_than_overwrite_another_windows_newer_save() {
    let (session, signals, _form) = session_with_form();
    settle().await;
    let id = session.opened().draft.id;
    // Another window saves its version of the same draft.
    let mut theirs = stored(&id);
    theirs
        .items
        .insert("A2.1".into(), lvzhi_core::ItemEntry { narrative: "另一个窗口的文字。".into(), ..Default::default() });
    local_storage().set_item(&draft_key(&id), &theirs.to_json()).unwrap();
    signals.item("A1.1").narrative.set("本窗口的文字。".into());
    settle().await;
    let outcome = session.open_new(session.new_draft(session.builtin_framework), "已新建草稿。");
    assert!(matches!(outcome, Err(AppError::UnsavedEdits(Some(StorageError::ChangedElsewhere)))), "{outcome:?}");
    assert_eq!(stored(&id), theirs, "theirs is untouched");
    assert_eq!(session.opened().draft.id, id, "still on the draft with unsaved edits");
    assert!(AppError::UnsavedEdits(Some(StorageError::ChangedElsewhere)).to_string().contains("没有切换"));
}

#[wasm_bindgen_test]
async fn replacing_backs_up_the_current_draft_with_its_latest_typing() {
    let (session, signals, _form) = session_with_form();
    settle().await;
    let id = session.opened().draft.id;
    signals.item("A1.1").narrative.set("替换前的文字。".into());
    let mut incoming = session.new_draft(session.builtin_framework);
    incoming.meta.region = "导入的地区".into();
    let mut backup = String::new();
    session
        .replace_current(incoming, |key| {
            backup = key.to_owned();
            "已替换。".to_owned()
        })
        .unwrap();
    let kept = Draft::from_json(&local_storage().get_item(&backup).unwrap().unwrap()).unwrap();
    assert_eq!(kept.items["A1.1"].narrative, "替换前的文字。");
    let now = stored(&id);
    assert_eq!(now.meta.region, "导入的地区");
    assert_eq!(now.id, id, "the replacement takes the open draft's place");
}

#[wasm_bindgen_test]
async fn an_undone_merge_brings_the_draft_back_and_keeps_the_merged_one() {
    let (session, signals, (root, form)) = session_with_form();
    settle().await;
    let id = session.opened().draft.id;
    signals.item("A1.1").narrative.set("合并前的文字。".into());
    let mut merged = session.opened().draft;
    merged
        .items
        .insert("A2.1".into(), lvzhi_core::ItemEntry { narrative: "同事的文字。".into(), ..Default::default() });
    session.merge_into_current(merged, "已合并。".into()).unwrap();
    assert!(stored(&id).items.contains_key("A2.1"));
    // The app rebuilds the form for the merged draft.
    form.cleanup();
    let (merged_signals, _merged_form) = attach_form(&session, &root);
    settle().await;
    merged_signals.item("A3.1").narrative.set("合并后又写的文字。".into());
    settle().await;
    session.undo_merge().unwrap();
    let restored = stored(&id);
    assert_eq!(restored.items["A1.1"].narrative, "合并前的文字。");
    assert!(!restored.items.contains_key("A2.1"), "the merge is undone");
    assert!(session.last_merge.get_untracked().is_none());
    // What was there after the merge (typing included) is kept as a backup.
    let storage = local_storage();
    let backups: Vec<Draft> = (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .filter(|key| key.starts_with(&format!("lvzhi/backup/{id}/")))
        .map(|key| Draft::from_json(&storage.get_item(&key).unwrap().unwrap()).unwrap())
        .collect();
    assert!(backups
        .iter()
        .any(|backup| backup.items.get("A3.1").is_some_and(|entry| entry.narrative == "合并后又写的文字。")));
    assert_eq!(session.undo_merge(), Err(AppError::Outdated("没有可以撤销的合并。")), "once");
}

#[wasm_bindgen_test]
async fn an_edited_framework_that_a_draft_uses_is_saved_as_a_new_version_and_the_draft_keeps_its_own() {
    use lvzhi_core::framework_edit::{Action, FrameworkEdit, NodeField, NodePath};
    let (session, signals, _form) = session_with_form();
    settle().await;
    // A framework of the user's own, and a stored draft made from it.
    let mut own = Framework::builtin();
    own.id = "county-2025".into();
    own.version = "1".into();
    let own = session.keep_framework(own.clone(), &serde_json::to_string(&own).unwrap()).unwrap();
    signals.item("A1.1").narrative.set("先写一句。".into());
    settle().await;
    let draft = session.new_draft(own);
    session.open_new(draft.clone(), "已新建草稿。").unwrap();
    assert_eq!(session.drafts_using("county-2025"), 1);

    let mut edit = FrameworkEdit::of(own.clone());
    edit.apply(Action::SetField(NodePath::Item(0, 0), NodeField::Title, "改过的标题".into())).unwrap();
    session.save_framework_work("county-2025", edit.working()).unwrap();
    assert!(session.framework_work("county-2025").is_some(), "the working copy survives a reload");
    let saved = session.save_edited_framework("county-2025", edit.finish().unwrap()).unwrap();
    assert!(saved.new_version);
    assert_eq!(saved.framework.id, "county-2025-v2");
    assert_eq!(saved.framework.previous, "county-2025");
    assert!(session.framework_work("county-2025").is_none(), "the working copy is dropped once saved");
    // The draft's framework is unchanged, stored and in this session; the new version is offered.
    assert_eq!(session.framework_for("county-2025").unwrap().areas[0].items[0].title, own.areas[0].items[0].title);
    let stored_text = local_storage().get_item("lvzhi/framework/county-2025").unwrap().unwrap();
    assert_eq!(Framework::from_json(&stored_text).unwrap(), *own);
    assert_eq!(stored(&draft.id).framework.id, "county-2025");
    assert_eq!(session.newer_version_of("county-2025").map(|framework| framework.id.as_str()), Some("county-2025-v2"));
    // Nothing uses the new version yet: the next save updates it in place.
    let again = session.save_edited_framework("county-2025-v2", saved.framework.clone()).unwrap();
    assert!(!again.new_version);
    assert_eq!(again.framework.id, "county-2025-v2");
}

#[wasm_bindgen_test]
async fn grades_adopted_from_the_scoring_page_make_a_new_version_the_open_draft_moves_to() {
    let (session, _signals, (root, form)) = session_with_form();
    settle().await;
    // A scored framework of the user's own without grades, and two drafts on it.
    let mut own = Framework::scored_example();
    own.id = "county-scored".into();
    own.version = "1".into();
    let scoring = own.scoring.as_mut().unwrap();
    scoring.grades.clear();
    scoring.conditions.retain(|condition| condition.effect == lvzhi_core::framework::ConditionEffect::Veto);
    let own = session.keep_framework(own.clone(), &serde_json::to_string(&own).unwrap()).unwrap();
    let other = session.new_draft(own);
    session.open_new(other.clone(), "已新建草稿。").unwrap();
    let mut draft = session.new_draft(own);
    draft.scores.entry("A1.1.1".into()).or_default().score = "1".into();
    session.open_new(draft.clone(), "已新建草稿。").unwrap();
    // The app builds the form of the draft now open.
    form.cleanup();
    let (_opened_signals, _opened_form) = attach_form(&session, &root);
    settle().await;

    let grades = lvzhi_core::framework_edit::usual_grades(lvzhi_core::points::Points::whole(100), 65);
    session.adopt_grades(own, session.opened().draft, grades.clone()).unwrap();
    // The new version holds the grades; the old one is unchanged, and so is the other draft.
    let moved = stored(&draft.id);
    assert_eq!(moved.framework.id, "county-scored-v2");
    assert_eq!(moved.score_raw("A1.1.1"), "1", "nothing of the draft is lost on the move");
    let new = session.framework_for("county-scored-v2").unwrap();
    assert_eq!(new.scoring.as_ref().unwrap().grades, grades);
    assert!(session.framework_for("county-scored").unwrap().scoring.as_ref().unwrap().grades.is_empty());
    assert_eq!(stored(&other.id).framework.id, "county-scored");
    // The draft as it was is backed up.
    let storage = local_storage();
    let backed_up = (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .filter(|key| key.starts_with(&format!("lvzhi/backup/{}/", draft.id)))
        .map(|key| Draft::from_json(&storage.get_item(&key).unwrap().unwrap()).unwrap())
        .any(|backup| backup.framework.id == "county-scored");
    assert!(backed_up);
}

#[wasm_bindgen_test]
async fn a_framework_brought_again_is_recognised_and_one_with_other_content_is_kept_beside_it() {
    use crate::session::frameworks::Brought;
    let (session, _signals, _form) = session_with_form();
    settle().await;
    // A city's own framework (the built-in one with its own title: other content).
    let mut own = Framework::builtin();
    own.id = "city-2025".into();
    own.version = "1".into();
    own.title = "2025年对县（市、区）人民政府履行教育职责评价指标".into();
    let text = serde_json::to_string(&own).unwrap();
    let first = session.bring_framework(own.clone(), &text).unwrap();
    assert!(matches!(first, Brought::Added(_)));
    let draft = session.new_draft(first.framework());
    session.open_new(draft.clone(), "已新建草稿。").unwrap();
    let stored_before = local_storage().get_item(&draft_key(&draft.id)).unwrap();

    // The same file again: recognised, not kept twice.
    let again = session.bring_framework(own.clone(), &text).unwrap();
    assert!(matches!(again, Brought::AlreadyHere(framework) if framework.id == "city-2025"));
    assert_eq!(session.known_frameworks().iter().filter(|(id, _)| id.starts_with("city-2025")).count(), 1);

    // Other content under the same id and version: kept beside it, the draft untouched.
    let mut changed = own.clone();
    changed.areas[0].items[0].title = "另一份文件中的标题".into();
    let brought = session.bring_framework(changed.clone(), &serde_json::to_string(&changed).unwrap()).unwrap();
    let Brought::AsNewVersion { kept, beside } = brought else { panic!("a new version, got {brought:?}") };
    assert_eq!((kept.id.as_str(), beside.id.as_str()), ("city-2025-v2", "city-2025"));
    assert_eq!(kept.areas[0].items[0].title, "另一份文件中的标题");
    assert_eq!(session.framework_for("city-2025").unwrap().areas[0].items[0].title, own.areas[0].items[0].title);
    let stored =
        Framework::from_json(&local_storage().get_item("lvzhi/framework/city-2025").unwrap().unwrap()).unwrap();
    assert_eq!(stored, own, "the framework kept first is unchanged");
    assert_eq!(local_storage().get_item(&draft_key(&draft.id)).unwrap(), stored_before, "no draft changes");
    assert!(session.brought_notice(brought).contains("1份草稿仍使用原来的版本"));
    // Its content brought once more: recognised under its new id.
    let third = session.bring_framework(changed.clone(), &serde_json::to_string(&changed).unwrap()).unwrap();
    assert!(matches!(third, Brought::AlreadyHere(framework) if framework.id == "city-2025-v2"));
}
