//! The .docx opens in a real word processor: LibreOffice converts it to PDF, and the PDF has A4
//! pages with the report's headings in order. Needs `soffice`, `pdfinfo` and `pdftotext`, which
//! scripts/test.sh installs; ignored by a plain `cargo test`, run by the test script with `--ignored`.

mod common;

use lvzhi_core::docx::write_docx;
use lvzhi_core::report::build_report;
use lvzhi_core::Framework;
use std::process::Command;

fn run(program: &str, args: &[&str]) -> String {
    let output =
        Command::new(program).args(args).output().unwrap_or_else(|error| panic!("cannot run {program}: {error}"));
    assert!(output.status.success(), "{program} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; scripts/test.sh runs it"]
fn libreoffice_opens_the_docx_and_lays_out_a4_pages_with_the_headings_in_order() {
    let framework = Framework::builtin();
    let report = build_report(&framework, &common::seed_like_draft(&framework));
    let directory = std::env::temp_dir().join(format!("lvzhi-docx-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let docx = directory.join("report.docx");
    std::fs::write(&docx, write_docx(&report)).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", directory.join("profile").display());
    run(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            directory.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let pdf = directory.join("report.pdf");
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    let pages: usize = info.lines().find_map(|line| line.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    // About 6 000 characters at 22 × 28 per page.
    assert!((5..=20).contains(&pages), "{pages} pages");
    let text = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).replace([' ', '\n'], "");
    let mut cursor = 0;
    for heading in report.headings() {
        let at = text[cursor..].find(heading).unwrap_or_else(|| panic!("heading {heading} missing or out of order"));
        cursor += at + heading.len();
    }
    assert!(text.contains("—1—") && text.contains("—2—"), "page numbers in the footer");
    if std::env::var_os("LVZHI_KEEP_PDF").is_none() {
        std::fs::remove_dir_all(&directory).ok();
    }
}
