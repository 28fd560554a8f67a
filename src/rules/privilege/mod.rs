//! Privilege rules: privileged mode and what it overrides.

use super::Rule;

mod build_privileged;
mod privileged_container;
mod privileged_overrides_hardening;

pub use build_privileged::BUILD_PRIVILEGED;
pub use privileged_container::PRIVILEGED_CONTAINER;
pub use privileged_overrides_hardening::PRIVILEGED_OVERRIDES_HARDENING;

pub static RULES: &[&Rule] = &[
    &PRIVILEGED_CONTAINER,
    &PRIVILEGED_OVERRIDES_HARDENING,
    &BUILD_PRIVILEGED,
];
