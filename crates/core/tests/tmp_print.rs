mod common;
use lvzhi_core::parse::parse_text;
use lvzhi_core::Framework;
#[test]
fn print_report_two() {
    let framework = Framework::builtin();
    let seed = common::seed_text();
    let start = seed.find("2023年xx市人民政府履行教育职责自评情况的报告(2)").unwrap();
    let parsed = parse_text(&seed[start..], &framework).unwrap();
    for item in &parsed.items {
        println!("{} [{:.2}] {}", item.code, item.confidence, item.text.chars().take(70).collect::<String>());
    }
    for u in &parsed.unassigned {
        println!("UNASSIGNED {:?} {:?} {}", u.area, u.suggestion, u.text.chars().take(60).collect::<String>());
    }
    for p in &parsed.problems {
        println!("P {} | {}", p.title, p.text.chars().take(30).collect::<String>());
    }
    for p in &parsed.measures {
        println!("M {} | {}", p.title, p.text.chars().take(30).collect::<String>());
    }
}
