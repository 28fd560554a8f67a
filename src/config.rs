//! Configuration shared by every surface (web page, npm, editor, CLI).

use crate::diagnostic::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A named set of rules (catalog §7.13).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The provable escape and exposure paths.
    #[default]
    Default,
    /// Default plus what Kubernetes Pod Security "baseline" forbids.
    Baseline,
    /// Baseline plus the "restricted" hardening expectations.
    Restricted,
    /// Every rule with a CIS Docker Benchmark anchor.
    Cis,
}

impl Profile {
    pub const ALL: [Profile; 4] = [
        Profile::Default,
        Profile::Baseline,
        Profile::Restricted,
        Profile::Cis,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Baseline => "baseline",
            Profile::Restricted => "restricted",
            Profile::Cis => "cis",
        }
    }

    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

/// Options that individual rules read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct RuleOptions {
    /// Capabilities that capability rules accept without a finding (any spelling).
    pub allowed_capabilities: Vec<String>,
    /// Host paths that mount rules accept (exact path or a parent of the mounted path).
    pub allowed_host_paths: Vec<String>,
}

/// The whole configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    pub profile: Profile,
    /// Rules to enable on top of the profile: codes (`CAP-009`), family prefixes
    /// (`CAP`) or names (`net-raw-retained`).
    pub select: Vec<String>,
    /// Rules to disable, in the same forms; wins over `select`.
    pub ignore: Vec<String>,
    /// Per-rule severity override, keyed by code or name.
    pub severity: BTreeMap<String, Severity>,
    pub options: RuleOptions,
}
