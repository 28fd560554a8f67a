//! Operations rules: health checks and image pinning, the CIS items about running
//! containers predictably.

use super::Rule;

mod healthcheck_disabled_or_missing;
mod image_not_pinned;

pub use healthcheck_disabled_or_missing::HEALTHCHECK_DISABLED_OR_MISSING;
pub use image_not_pinned::IMAGE_NOT_PINNED;

pub static RULES: &[&Rule] = &[&HEALTHCHECK_DISABLED_OR_MISSING, &IMAGE_NOT_PINNED];
