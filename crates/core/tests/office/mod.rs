//! LibreOffice and poppler for the tests that open the app's Word files in a real word processor:
//! a .docx converted to PDF, and the PDF's facts and text.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// Runs a program, failing the test with its error output when it fails.
pub fn run(program: &str, args: &[&str]) -> String {
    let output =
        Command::new(program).args(args).output().unwrap_or_else(|error| panic!("cannot run {program}: {error}"));
    assert!(output.status.success(), "{program} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Writes `bytes` as `<name>.docx` in a fresh folder and converts it with LibreOffice (its own
/// profile, so runs never share state); returns the folder and the PDF.
pub fn docx_to_pdf(name: &str, bytes: &[u8]) -> (PathBuf, PathBuf) {
    docx_to_pdf_with_fonts(name, bytes, None)
}

/// `docx_to_pdf` on a PC whose fonts are those of `fontconfig` (a fonts.conf text), when given:
/// the 公文 faces "installed" as aliases of faces this machine has.
pub fn docx_to_pdf_with_fonts(name: &str, bytes: &[u8], fontconfig: Option<&str>) -> (PathBuf, PathBuf) {
    let directory = std::env::temp_dir().join(format!("lvzhi-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let docx = directory.join(format!("{name}.docx"));
    std::fs::write(&docx, bytes).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", directory.join("profile").display());
    let outdir = directory.to_str().unwrap().to_owned();
    let mut command = Command::new("soffice");
    command.args([&profile, "--headless", "--convert-to", "pdf", "--outdir", &outdir, docx.to_str().unwrap()]);
    if let Some(config) = fontconfig {
        let file = directory.join("fonts.conf");
        std::fs::write(&file, config).unwrap();
        command.env("FONTCONFIG_FILE", &file);
    }
    let output = command.output().unwrap_or_else(|error| panic!("cannot run soffice: {error}"));
    assert!(output.status.success(), "soffice failed: {}", String::from_utf8_lossy(&output.stderr));
    let pdf = directory.join(format!("{name}.pdf"));
    (directory, pdf)
}
