//! Backups: every draft and framework file in one .zip, read back exactly; restoring never
//! replaces a stored draft.

mod common;

use lvzhi_core::backup::{backup_file_name, read_backup, restore_kind, write_backup, BackupError, Restore};
use lvzhi_core::docx::write_docx;
use lvzhi_core::draft_file::read_draft_file;
use lvzhi_core::framework::BUILTIN_FRAMEWORK_JSON;
use lvzhi_core::report::build_report;
use lvzhi_core::{Draft, Framework};

fn three_drafts(framework: &Framework) -> Vec<Draft> {
    let filled = common::seed_like_draft(framework);
    // Same region and year as the filled one: the same file name, which must be made unique.
    let mut namesake = filled.clone();
    namesake.id = "namesake".into();
    namesake.items.clear();
    let empty = Draft::new(framework, "empty".into(), "2024-01-05T08:00:00.000Z".into());
    vec![filled, namesake, empty]
}

#[test]
fn a_backup_gives_back_every_draft_and_framework_file_exactly() {
    let framework = Framework::builtin();
    let drafts = three_drafts(&framework);
    let frameworks = vec![("henan-2024-county".to_owned(), BUILTIN_FRAMEWORK_JSON.to_owned())];
    let backup = read_backup(&write_backup(&drafts, &frameworks)).expect("our own backup reads");

    let names: Vec<&str> = backup.draft_files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names.len(), 3);
    assert_eq!(names[0], "资阳市2023年自评报告草稿.json");
    assert_eq!(names[1], "资阳市2023年自评报告草稿（2）.json");
    assert_eq!(names[2], "未命名地区2023年自评报告草稿.json");
    for ((_, bytes), original) in backup.draft_files.iter().zip(&drafts) {
        let preview = read_draft_file(bytes, &framework).expect("each entry is a draft file");
        assert_eq!(&preview.draft, original);
    }
    assert_eq!(
        backup.framework_files,
        vec![("指标体系/henan-2024-county.json".to_owned(), BUILTIN_FRAMEWORK_JSON.to_owned())]
    );
}

#[test]
fn what_is_not_a_backup_is_refused_with_a_message() {
    let framework = Framework::builtin();
    assert_eq!(read_backup(b"{\"format\":\"lvzhi-draft\"}"), Err(BackupError::NotAnArchive));
    assert_eq!(read_backup(&[0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), Err(BackupError::NotAnArchive));
    // A Word file is a zip too, without a single draft in it.
    let word = write_docx(&build_report(&framework, &common::seed_like_draft(&framework)));
    assert_eq!(read_backup(&word), Err(BackupError::NoDrafts));
    assert!(BackupError::NotAnArchive.to_string().contains("导入草稿文件"));
    assert_eq!(backup_file_name("2024-01-05"), "履职自评草稿备份-2024-01-05.zip");
}

#[test]
fn restoring_keeps_what_is_stored_and_brings_a_changed_draft_back_as_a_copy() {
    let framework = Framework::builtin();
    let draft = common::seed_like_draft(&framework);
    assert_eq!(restore_kind(None, &draft), Restore::AsItWas);
    assert_eq!(restore_kind(Some(&draft), &draft), Restore::AlreadyHere);
    let mut edited_since = draft.clone();
    edited_since.meta.region = "内江市".into();
    assert_eq!(restore_kind(Some(&edited_since), &draft), Restore::AsCopy);
}

#[test]
fn hostile_backups_are_refused_by_their_limits_before_they_are_inflated() {
    use lvzhi_core::limits::{BACKUP_FILES, BACKUP_UNPACKED, DRAFT_FILE};
    use lvzhi_core::zip_files::write_zip;
    // Fifty thousand entries in the probe; one over the limit is enough here.
    let names: Vec<String> = (0..=BACKUP_FILES).map(|index| format!("草稿{index}.json")).collect();
    let many = write_zip(names.iter().map(|name| (name.as_str(), "{}")));
    assert_eq!(read_backup(&many), Err(BackupError::TooManyFiles { count: BACKUP_FILES + 1 }));
    assert!(BackupError::TooManyFiles { count: 50_000 }
        .to_string()
        .starts_with("备份中有50000个文件，超过了上限2000个"));

    // A zip bomb: a few KB that would inflate to 60 MB.
    let spaces = " ".repeat(6 * 1024 * 1024);
    let bomb_names: Vec<String> = (0..10).map(|index| format!("草稿{index}.json")).collect();
    let bomb = write_zip(bomb_names.iter().map(|name| (name.as_str(), spaces.as_str())));
    assert!(bomb.len() < 200 * 1024, "{} bytes", bomb.len());
    let refused = read_backup(&bomb).unwrap_err();
    assert!(matches!(refused, BackupError::Unpacked(too_large) if too_large.limit == BACKUP_UNPACKED), "{refused:?}");
    assert!(refused.to_string().starts_with("草稿备份解压后有60 MB，超过了上限20 MB"), "{refused}");

    // One draft file larger than a draft file may be.
    let one = write_zip([("草稿.json", spaces.as_str())]);
    let refused = read_backup(&one).unwrap_err();
    assert!(matches!(refused, BackupError::Unpacked(too_large) if too_large.limit == DRAFT_FILE), "{refused:?}");
    assert!(refused.to_string().starts_with("草稿文件有6 MB，超过了上限5 MB"), "{refused}");
}
