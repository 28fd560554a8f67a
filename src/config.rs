//! Configuration shared by every surface (web page, npm, editor, CLI), as plain data:
//! the profile, rule selectors and rule options.
//!
//! One serde struct for all of them: the CLI reads it from JSON with
//! [`Config::parse_json`], the wasm layer with its own reader (`wasm/options.rs`).
//! Serde rejects unknown keys and values; [`ConfigError::from_deserialize`] turns its message into
//! one with a suggestion, and [`Config::option_problems`] checks the option values
//! serde cannot see (capability names, host paths). The selectors name rules, so
//! the rule registry checks them (`rules::registry::validate`, which every surface
//! calls).

use crate::diagnostic::Severity;
use crate::json::{JsonWriter, OmitNone, ToJson};
use crate::knowledge::capabilities::ALL_CAPS;
use crate::model::caps;
use crate::model::Limits;
use crate::suggest::did_you_mean;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod schema;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use schema::json_schema;

/// A named set of rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[cfg_attr(
    not(all(target_arch = "wasm32", target_os = "unknown")),
    derive(schemars::JsonSchema)
)]
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

    /// The profiles whose rules this one runs: baseline builds on default and
    /// restricted on baseline; cis is a view of its own.
    pub fn includes(self) -> &'static [Profile] {
        match self {
            Profile::Default => &[Profile::Default],
            Profile::Baseline => &[Profile::Default, Profile::Baseline],
            Profile::Restricted => &[Profile::Default, Profile::Baseline, Profile::Restricted],
            Profile::Cis => &[Profile::Cis],
        }
    }
}

impl FromStr for Profile {
    type Err = ConfigError;

    /// Like [`Profile::parse`], with an error that lists the profiles.
    fn from_str(name: &str) -> Result<Profile, ConfigError> {
        Profile::parse(name).ok_or_else(|| {
            let names = Profile::ALL.map(Profile::as_str);
            ConfigError::new(format!(
                "unknown profile `{name}`; expected one of {}{}",
                names.join(", "),
                did_you_mean(name, names)
            ))
        })
    }
}

/// Options that individual rules read.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(
    not(all(target_arch = "wasm32", target_os = "unknown")),
    derive(schemars::JsonSchema)
)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct RuleOptions {
    /// Capabilities that capability rules accept without a finding (any spelling:
    /// `sys_time`, `CAP_SYS_TIME`).
    pub allowed_capabilities: Vec<String>,
    /// Absolute host paths that mount rules accept (the exact path or a parent of the
    /// mounted path).
    pub allowed_host_paths: Vec<String>,
}

/// The whole configuration.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(
    not(all(target_arch = "wasm32", target_os = "unknown")),
    derive(schemars::JsonSchema)
)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    /// The JSON Schema this file follows, for editors; ignored by the analysis.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The rule set to start from.
    pub profile: Profile,
    /// Rules to enable on top of the profile: codes (`CAP-009`), family prefixes
    /// (`CAP`) or names (`net-raw-retained`).
    #[cfg_attr(
        not(all(target_arch = "wasm32", target_os = "unknown")),
        schemars(schema_with = "schema::selector_list")
    )]
    pub select: Vec<String>,
    /// Rules to disable, in the same forms; wins over `select`.
    #[cfg_attr(
        not(all(target_arch = "wasm32", target_os = "unknown")),
        schemars(schema_with = "schema::selector_list")
    )]
    pub ignore: Vec<String>,
    /// Per-rule severity override, keyed by code, family prefix or name.
    #[cfg_attr(
        not(all(target_arch = "wasm32", target_os = "unknown")),
        schemars(schema_with = "schema::severity_overrides")
    )]
    pub severity: BTreeMap<String, Severity>,
    pub options: RuleOptions,
    /// How much of an input is read (sizes in bytes); unset limits keep their defaults.
    pub limits: Limits,
}

impl ToJson for Profile {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self.as_str());
    }
}

impl ToJson for RuleOptions {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("allowedCapabilities", &self.allowed_capabilities),
            ("allowedHostPaths", &self.allowed_host_paths),
        ]);
    }
}

impl ToJson for Config {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("$schema", &OmitNone(&self.schema)),
            ("profile", &self.profile),
            ("select", &self.select),
            ("ignore", &self.ignore),
            ("severity", &self.severity),
            ("options", &self.options),
            ("limits", &self.limits),
        ]);
    }
}

impl Config {
    /// Reads a JSON configuration (its rule selectors still unchecked: see
    /// `rules::registry::validate`).
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn parse_json(text: &str) -> Result<Config, ConfigError> {
        serde_json::from_str(text).map_err(ConfigError::from_deserialize)
    }

    /// Every rule selector, with the key it is written under (`select`, `ignore`,
    /// `severity`).
    pub fn selectors(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [("select", &self.select), ("ignore", &self.ignore)]
            .into_iter()
            .flat_map(|(key, list)| list.iter().map(move |s| (key, s.as_str())))
            .chain(self.severity.keys().map(|s| ("severity", s.as_str())))
    }

    /// The option values serde accepts but the analysis cannot use: unknown
    /// capability names and relative host paths, one message each.
    pub fn option_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for name in &self.options.allowed_capabilities {
            if !ALL_CAPS.contains(&caps::normalize(name).as_str()) {
                problems.push(format!(
                    "options.allowedCapabilities: unknown capability `{name}`{}",
                    did_you_mean(&caps::normalize(name), ALL_CAPS)
                ));
            }
        }
        for path in &self.options.allowed_host_paths {
            if !path.starts_with('/') {
                problems.push(format!(
                    "options.allowedHostPaths: `{path}` is not an absolute host path"
                ));
            }
        }
        problems
    }
}

/// A configuration that cannot be used, with one message per problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub problems: Vec<String>,
}

impl ConfigError {
    pub fn new(problem: impl Into<String>) -> ConfigError {
        ConfigError {
            problems: vec![problem.into()],
        }
    }

    /// Wraps a deserializer's error (serde_json). Serde spells an
    /// unknown key or value as "unknown field `x`, expected one of `a`, `b`" (or
    /// "unknown variant"); the closest expected spelling is added as a suggestion.
    pub fn from_deserialize(error: impl fmt::Display) -> ConfigError {
        let message = error.to_string();
        let suggestion = unknown_spelling(&message)
            .map(|(unknown, expected)| did_you_mean(unknown, expected))
            .unwrap_or_default();
        ConfigError::new(format!("{message}{suggestion}"))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for ConfigError {}

/// The unknown spelling and the expected ones in a serde "unknown field/variant" message.
fn unknown_spelling(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|marker| message.split_once(marker).map(|(_, rest)| rest))?;
    let (unknown, rest) = rest.split_once('`')?;
    let (_, expected) = rest.split_once("expected")?;
    // Backtick-quoted words alternate with separators: `a`, `b` → odd pieces.
    let expected = expected.split('`').skip(1).step_by(2).collect();
    Some((unknown, expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_suggest_the_closest_key() {
        let error = Config::parse_json(r#"{"selct": ["CAP"]}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown field `selct`, expected one of `$schema`, `profile`, `select`, `ignore`, \
             `severity`, `options`, `limits` at line 1 column 8; did you mean `select`?"
        );
        let error = Config::parse_json(r#"{"options": {"allowedCapabilites": []}}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("did you mean `allowedCapabilities`?"),
            "{error}"
        );
    }

    #[test]
    fn unknown_profiles_and_severities_are_clear() {
        let error = Config::parse_json(r#"{"profile": "strict"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown variant `strict`, expected one of `default`, `baseline`, `restricted`, \
             `cis` at line 1 column 20; did you mean `restricted`?"
        );
        assert_eq!(
            "baselin".parse::<Profile>().unwrap_err().to_string(),
            "unknown profile `baselin`; expected one of default, baseline, restricted, cis; \
             did you mean `baseline`?"
        );
        assert_eq!("cis".parse::<Profile>(), Ok(Profile::Cis));
        let error = Config::parse_json(r#"{"severity": {"PRIV-001": "hihg"}}"#).unwrap_err();
        assert!(
            error.to_string().ends_with("did you mean `high`?"),
            "{error}"
        );
    }

    #[test]
    fn unknown_capabilities_and_relative_paths_are_reported() {
        let config = Config::parse_json(
            r#"{"options": {"allowedCapabilities": ["cap_sys_time", "SYS_TMIE"],
                            "allowedHostPaths": ["/srv", "data"]}}"#,
        )
        .unwrap();
        assert_eq!(
            config.option_problems(),
            [
                "options.allowedCapabilities: unknown capability `SYS_TMIE`; did you mean `SYS_TIME`?",
                "options.allowedHostPaths: `data` is not an absolute host path",
            ]
        );
    }

    #[test]
    fn a_valid_configuration_round_trips() {
        let text = r#"{"$schema": "./shipshape.schema.json", "profile": "cis",
                       "select": ["CAP"], "ignore": ["privileged-container"],
                       "severity": {"priv-001": "low"},
                       "options": {"allowedCapabilities": ["NET_ADMIN"]}}"#;
        let config = Config::parse_json(text).unwrap();
        assert_eq!(config.profile, Profile::Cis);
        assert_eq!(config.severity["priv-001"], Severity::Low);
        assert_eq!(Config::parse_json("{}").unwrap(), Config::default());
    }
}
