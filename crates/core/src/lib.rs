//! 履职自评's pure core: the indicator framework, the draft, figures and their references, progress.
//!
//! Nothing here knows of the browser; the app renders this state and sends edits back.

pub mod draft;
pub mod figure;
pub mod framework;
pub mod progress;
pub mod template;
pub mod validate;

pub use draft::{Draft, ItemEntry, Measure, Meta, Problem, Rating};
pub use framework::{Framework, FrameworkError};
pub use progress::{item_status, ItemStatus, Progress};
