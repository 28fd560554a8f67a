//! Privilege rules: privileged mode and what it overrides.

use super::Rule;

mod privileged_container;

pub use privileged_container::PRIVILEGED_CONTAINER;

pub static RULES: &[&Rule] = &[&PRIVILEGED_CONTAINER];
