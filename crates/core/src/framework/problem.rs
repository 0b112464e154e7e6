//! What is wrong with a framework, and where: the load checks return [`Problem`]s whose place is
//! typed, so the editor jumps to `at` and nothing ever parses a message to find its node.

use std::fmt;

/// Where a problem is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ProblemAt {
    /// The framework as a whole, or its meta.
    Framework,
    /// An area, item, 观测点 or sub-point, by code.
    Node(String),
    /// A figure, by id.
    Figure(String),
    /// The report's skeleton.
    Report,
    /// The scoring section's own settings (total, step).
    Scoring,
    /// The bonus as a whole (its cap).
    Bonus,
    /// A bonus item, 扣分项 or condition, by code.
    Rule(String),
    /// A grade band, by position (highest first).
    Grade(usize),
}

/// One problem: its place and its message in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: ProblemAt,
    pub message: String,
}

impl Problem {
    pub fn new(at: ProblemAt, message: impl Into<String>) -> Problem {
        Problem { at, message: message.into() }
    }

    pub fn node(code: &str, message: impl Into<String>) -> Problem {
        Problem::new(ProblemAt::Node(code.to_owned()), message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The messages of a list of problems, joined as the refusal of a file says them.
pub fn joined(problems: &[Problem]) -> String {
    problems.iter().map(|problem| problem.message.as_str()).collect::<Vec<_>>().join("；")
}
