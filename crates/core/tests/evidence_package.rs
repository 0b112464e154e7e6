//! 佐证材料包: the layout and names (Chinese, long, clashing, forbidden characters), the index
//! against the files, the stored zip read back by an independent reader (the `zip` crate), and a
//! package's files placed back under the same rows — by the index, or by their folders.

use lvzhi_core::draft::{Evidence, EvidenceFile, ScoreEntry};
use lvzhi_core::evidence_package::stored_zip::{
    assemble, central_directory_at, data_offset, list_entries, stored_zip, DosTime, StoredEntry,
};
use lvzhi_core::evidence_package::{
    attach, file_name, folder_name, layout, plan_import, referenced_files, CATALOGUE_NAME, FILE_CHARS, FOLDER_CHARS,
    INDEX_NAME, PATH_CHARS,
};
use lvzhi_core::{Draft, Framework};

fn file(content: &[u8], name: &str) -> EvidenceFile {
    // Not a real SHA-256 (the browser computes those): unique per content, which is all the
    // layout needs.
    let digest: String = content.iter().map(|byte| format!("{byte:02x}")).collect::<String>();
    EvidenceFile {
        sha256: format!("{digest:0<64}")[..64].to_owned(),
        name: name.into(),
        size: content.len() as u64,
        crc32: crc32(content),
        media_type: String::new(),
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn evidence(title: &str, files: Vec<EvidenceFile>) -> Evidence {
    Evidence { title: title.into(), reference: "2025年3月".into(), provider: "县委办".into(), files }
}

/// Two rows with files: A1.1.1 (a PDF and a photo of one document, a second document with a
/// clashing title) and the bonus item B1 (a .docx); one entry without files.
fn draft(framework: &Framework) -> (Draft, Vec<(Vec<u8>, EvidenceFile)>) {
    let mut draft = Draft::new(framework, "d".into(), "2026-03-01T00:00:00Z".into());
    let contents: Vec<(Vec<u8>, &str)> = vec![
        (b"%PDF-1.4 minutes".to_vec(), "会议纪要.PDF"),
        (b"\xff\xd8\xff photo".to_vec(), "IMG_0001.jpg"),
        (b"%PDF-1.4 other".to_vec(), "纪要2.pdf"),
        (b"PK\x03\x04 docx".to_vec(), "督导工作创新案例.docx"),
    ];
    let files: Vec<(Vec<u8>, EvidenceFile)> =
        contents.into_iter().map(|(bytes, name)| (bytes.clone(), file(&bytes, name))).collect();
    draft.scores.insert(
        "A1.1.1".into(),
        ScoreEntry {
            score: "1.5".into(),
            explanation: String::new(),
            evidence: vec![
                evidence("县委常委会会议纪要", vec![files[0].1.clone(), files[1].1.clone()]),
                Evidence {
                    reference: "2025年6月".into(), ..evidence("县委常委会会议纪要", vec![files[2].1.clone()])
                },
                evidence("会议签到表", Vec::new()),
            ],
        },
    );
    draft.scores.insert(
        "B1".into(),
        ScoreEntry {
            score: "1".into(),
            explanation: String::new(),
            evidence: vec![evidence("", vec![files[3].1.clone()])],
        },
    );
    (draft, files)
}

#[test]
fn the_package_has_a_folder_per_level_and_files_named_by_the_rows_numbering() {
    let framework = Framework::scored_example();
    let (draft, _) = draft(&framework);
    let package = layout(&framework, &draft, "示例县佐证材料目录");
    let paths: Vec<&str> = package.files.iter().map(|packed| packed.path.as_str()).collect();
    assert_eq!(paths.len(), 4);
    let row = framework.score_rows().into_iter().find(|row| row.code == "A1.1.1").unwrap();
    let (area, item) = (&framework.areas[0], &framework.areas[0].items[0]);
    let folder = format!(
        "{}/{}/{}/",
        folder_name(&lvzhi_core::framework::label_of(
            if area.number.is_empty() { "一、" } else { &area.number },
            &area.title
        )),
        folder_name(&lvzhi_core::framework::label_of(framework.shown_code(&item.code), &item.title)),
        folder_name(&row.label())
    );
    let number = row.shown_code();
    assert_eq!(
        paths[0],
        format!("{folder}{number}-县委常委会会议纪要-会议纪要.pdf"),
        "one document in two files: each by its own name too"
    );
    assert_eq!(paths[1], format!("{folder}{number}-县委常委会会议纪要-IMG_0001.jpg"));
    assert_eq!(paths[2], format!("{folder}{number}-县委常委会会议纪要.pdf"), "the extension lowercased");
    assert!(
        paths[3].starts_with("加分项/") && paths[3].ends_with("-督导工作创新案例.docx"),
        "{}: no title, the file's own name",
        paths[3]
    );
    // The index lists every file with its path; the 目录 every document, with or without files.
    let index_lines: Vec<&str> = package.index_csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(index_lines.len(), 5);
    for packed in &package.files {
        assert!(package.index_csv.contains(&packed.path) && package.index_csv.contains(&packed.file.sha256));
    }
    assert!(package.catalogue_docx.starts_with(b"PK"));
    assert_eq!(referenced_files(&draft).len(), 4);
}

#[test]
fn names_are_windows_safe_short_and_never_clash() {
    assert_eq!(file_name("（12）", "会议:纪要?<草案>", "scan.PDF"), "（12）-会议纪要草案.pdf");
    assert_eq!(file_name("", "", "CON.txt"), "_CON.txt", "a reserved device name");
    assert_eq!(file_name("A1", "", "..."), "A1-", "trailing dots dropped, as Windows drops them");
    assert_eq!(
        lvzhi_core::evidence_package::keeping_extension("县政府常务会议纪要（第5次）", "会议纪要.pdf"),
        "县政府常务会议纪要（第5次）.pdf"
    );
    assert_eq!(lvzhi_core::evidence_package::keeping_extension("纪要.docx", "会议纪要.pdf"), "纪要.docx");
    let long = "关于进一步加强和改进新时代教育督导工作落实教育优先发展战略地位的实施意见及配套制度文件汇编";
    let name = file_name("（12）", long, "a.docx");
    assert!(name.chars().count() <= FILE_CHARS && name.ends_with(".docx") && name.starts_with("（12）-关于"), "{name}");
    let folder = folder_name(&format!("（十二）{long}"));
    assert!(folder.chars().count() <= FOLDER_CHARS, "{folder}");
    assert_eq!(folder_name("  /\\  "), "未命名");
    // A framework of long titles: every path within the limit.
    let mut framework = Framework::scored_example();
    for area in &mut framework.areas {
        area.title = format!("{}{long}", area.title);
        for item in &mut area.items {
            item.title = format!("{}{long}", item.title);
            for point in &mut item.observation_points {
                point.title = format!("{}{long}", point.title);
            }
        }
    }
    let (mut draft, files) = draft(&framework);
    draft.scores.get_mut("A1.1.1").unwrap().evidence[0].title = long.repeat(3);
    let package = layout(&framework, &draft, "目录");
    for packed in &package.files {
        assert!(
            packed.path.chars().count() <= PATH_CHARS,
            "{} is {} characters",
            packed.path,
            packed.path.chars().count()
        );
    }
    // Clashing names get （2）: two entries of one title, each with one file of the same name.
    let mut clashing = Draft::new(&framework, "c".into(), "2026-03-01T00:00:00Z".into());
    clashing.scores.insert(
        "A1.1.1".into(),
        ScoreEntry {
            evidence: vec![evidence("纪要", vec![files[0].1.clone()]), evidence("纪要", vec![files[2].1.clone()])],
            ..ScoreEntry::default()
        },
    );
    let paths: Vec<String> =
        layout(&framework, &clashing, "目录").files.into_iter().map(|packed| packed.path).collect();
    assert_ne!(paths[0], paths[1]);
    assert!(paths[1].ends_with("-纪要（2）.pdf"), "{}", paths[1]);
}

#[test]
fn the_stored_zip_reads_back_byte_for_byte_with_an_independent_reader() {
    let framework = Framework::scored_example();
    let (draft, files) = draft(&framework);
    let package = layout(&framework, &draft, "目录");
    let mut entries = vec![
        StoredEntry {
            path: INDEX_NAME.into(),
            size: package.index_csv.len() as u64,
            crc32: crc32(package.index_csv.as_bytes()),
        },
        StoredEntry {
            path: CATALOGUE_NAME.into(),
            size: package.catalogue_docx.len() as u64,
            crc32: crc32(&package.catalogue_docx),
        },
    ];
    entries.extend(package.files.iter().map(|packed| StoredEntry {
        path: packed.path.clone(),
        size: packed.file.size,
        crc32: packed.file.crc32,
    }));
    let content_of = |sha256: &str| files.iter().find(|(_, file)| file.sha256 == sha256).unwrap().0.as_slice();
    let mut contents: Vec<&[u8]> = vec![package.index_csv.as_bytes(), &package.catalogue_docx];
    contents.extend(package.files.iter().map(|packed| content_of(&packed.file.sha256)));
    let pieces = stored_zip(&entries, DosTime::new(2026, 3, 9, 10, 30, 0)).unwrap();
    let zip = assemble(&pieces, &contents);
    // The zip crate reads it: names, bytes, checksums.
    let mut archive = lvzhi_core::zip_files::open_zip(&zip).expect("a zip");
    for (entry, content) in entries.iter().zip(&contents) {
        let read = lvzhi_core::zip_files::read_entry(&mut archive, &entry.path, 1 << 20).unwrap();
        assert_eq!(read.as_slice(), *content, "{}", entry.path);
    }
    // And our own reading of its central directory finds each entry's data.
    let (offset, size) = central_directory_at(&zip[zip.len() - 22..], zip.len() as u64 - 22).unwrap();
    let listed = list_entries(&zip[offset as usize..(offset + size) as usize]).unwrap();
    assert_eq!(listed.len(), entries.len());
    for (entry, content) in listed.iter().zip(&contents) {
        let start = data_offset(entry, &zip[entry.header_offset as usize..]).unwrap() as usize;
        assert_eq!(&zip[start..start + entry.size as usize], *content);
        assert_eq!(entry.method, 0);
    }
    // Back into a draft of the same framework: every file under its row and entry, by the index.
    let paths: Vec<String> = listed.iter().map(|entry| entry.path.clone().unwrap()).collect();
    let plan = plan_import(&framework, Some(&package.index_csv), &paths);
    assert!(plan.unmatched.is_empty() && plan.had_index);
    assert_eq!(plan.placements.len(), 4);
    let mut rebuilt = Draft::new(&framework, "r".into(), "2026-03-10T00:00:00Z".into());
    for placement in &plan.placements {
        let packed = package.files.iter().find(|packed| packed.path == placement.path).unwrap();
        let list = &mut rebuilt.scores.entry(placement.row_code.clone()).or_default().evidence;
        assert!(attach(list, &placement.evidence, packed.file.clone()));
        assert!(!attach(list, &placement.evidence, packed.file.clone()), "the same file is not attached twice");
    }
    for (code, entry) in &draft.scores {
        let with_files: Vec<&Evidence> = entry.evidence.iter().filter(|evidence| !evidence.files.is_empty()).collect();
        let back: Vec<&Evidence> = rebuilt.scores[code].evidence.iter().collect();
        assert_eq!(back.len(), with_files.len(), "{code}: the same entries");
        for (original, read) in with_files.iter().zip(back) {
            assert_eq!(
                (original.title.as_str(), original.reference.as_str()),
                (read.title.as_str(), read.reference.as_str())
            );
            assert_eq!(
                original.files.iter().map(|file| &file.sha256).collect::<Vec<_>>(),
                read.files.iter().map(|file| &file.sha256).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn without_the_index_files_go_by_their_folders_and_the_rest_is_listed() {
    let framework = Framework::scored_example();
    let (draft, _) = draft(&framework);
    let package = layout(&framework, &draft, "目录");
    let mut paths: Vec<String> = package.files.iter().map(|packed| format!("示例县佐证材料/{}", packed.path)).collect();
    paths.push("示例县佐证材料/说明.txt".into());
    paths.push("示例县佐证材料/".into());
    let plan = plan_import(&framework, None, &paths);
    assert!(!plan.had_index);
    assert_eq!(plan.placements.len(), 4, "unpacked and packed again one folder deeper");
    assert_eq!(plan.placements[0].row_code, "A1.1.1");
    assert_eq!(plan.placements[0].evidence.title, "县委常委会会议纪要-会议纪要", "the title from the file's name");
    assert_eq!(plan.unmatched, ["示例县佐证材料/说明.txt"]);
}
