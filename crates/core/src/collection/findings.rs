//! A unit's findings as the reviewer reads them: one line per kind of problem (same severity and
//! message), with every place it occurs — 28 "x" blanks are one line naming 28 places, not 28
//! lines.

use crate::draft::field::describe_location;
use crate::draft::Draft;
use crate::framework::Framework;
use crate::validate::{Finding, Severity};

#[derive(Clone, Debug, PartialEq)]
pub struct FindingGroup {
    pub severity: Severity,
    pub message: String,
    /// Where it occurs, in the order found.
    pub places: Vec<String>,
}

/// The findings grouped by severity and message, errors first, each group where it first occurs.
pub fn grouped_findings(framework: &Framework, draft: &Draft, findings: &[Finding]) -> Vec<FindingGroup> {
    let mut groups: Vec<FindingGroup> = Vec::new();
    for finding in findings {
        let place = describe_location(framework, draft, &finding.location);
        match groups.iter_mut().find(|group| group.severity == finding.severity && group.message == finding.message) {
            Some(group) => {
                if !group.places.contains(&place) {
                    group.places.push(place);
                }
            }
            None => groups.push(FindingGroup {
                severity: finding.severity,
                message: finding.message.clone(),
                places: vec![place],
            }),
        }
    }
    let rank = |severity: Severity| match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        _ => 2,
    };
    crate::small_sort::sort_small_by(&mut groups, |a, b| rank(a.severity).cmp(&rank(b.severity)));
    groups
}
