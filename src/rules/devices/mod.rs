//! Devices rules.

use super::Rule;

pub static RULES: &[&Rule] = &[];
