//! The one list of rules, selection by profile, code, family or name, and the
//! check of a configuration's selectors against the rules.

use super::{Family, Rule};
use crate::config::{Config, ConfigError, Profile};
use crate::diagnostic::Severity;
use crate::suggest::did_you_mean;

/// Every rule, in code order within each family.
pub fn all() -> Vec<&'static Rule> {
    [
        super::privilege::RULES,
        super::capabilities::RULES,
        super::namespaces::RULES,
        super::network::RULES,
        super::mounts::RULES,
        super::devices::RULES,
        super::security::RULES,
        super::sysctls::RULES,
        super::resources::RULES,
        super::identity::RULES,
        super::operations::RULES,
        super::input::RULES,
    ]
    .concat()
}

/// The rule with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    all()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Whether a selector (`CAP-001`, `CAP`, `cap-add-all`) names this rule.
pub fn selector_matches(selector: &str, rule: &Rule) -> bool {
    let selector = selector.trim();
    rule.code.eq_ignore_ascii_case(selector)
        || rule.name == selector
        || rule.family.prefix().eq_ignore_ascii_case(selector)
}

/// Whether a selector names any rule or family (for configuration errors).
pub fn selector_is_known(selector: &str) -> bool {
    Family::ALL
        .iter()
        .any(|f| f.prefix().eq_ignore_ascii_case(selector.trim()))
        || all().iter().any(|r| selector_matches(selector, r))
}

/// Every spelling a rule selector can take: codes, family prefixes and names.
pub fn selector_candidates() -> Vec<&'static str> {
    let rules = all();
    let codes = rules.iter().map(|rule| rule.code);
    let prefixes = Family::ALL.iter().map(|family| family.prefix());
    let names = rules.iter().map(|rule| rule.name);
    codes.chain(prefixes).chain(names).collect()
}

/// Checks what serde cannot see in a configuration: selectors that name no rule,
/// then the option values ([`Config::option_problems`]). Reports every problem.
pub fn validate(config: &Config) -> Result<(), ConfigError> {
    let unknown = config
        .selectors()
        .filter(|(_, selector)| !selector_is_known(selector))
        .map(|(key, selector)| {
            format!(
                "{key}: unknown rule `{selector}`{}",
                did_you_mean(selector, selector_candidates())
            )
        });
    let problems: Vec<String> = unknown.chain(config.option_problems()).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ConfigError { problems })
    }
}

/// Reads and validates a JSON configuration.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn config_from_json(text: &str) -> Result<Config, ConfigError> {
    let config = Config::parse_json(text)?;
    validate(&config)?;
    Ok(config)
}

/// The JSON Schema of the configuration, with every rule selector enumerated so
/// editors can complete them, as pretty-printed JSON with a final newline.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn config_json_schema() -> String {
    let rules = all();
    let codes: Vec<&str> = rules.iter().map(|rule| rule.code).collect();
    let prefixes: Vec<&str> = Family::ALL.iter().map(|family| family.prefix()).collect();
    let names: Vec<&str> = rules.iter().map(|rule| rule.name).collect();
    let mut schema = crate::config::json_schema();
    let selector = schema
        .pointer_mut("/$defs/RuleSelector")
        .and_then(serde_json::Value::as_object_mut)
        .expect("the configuration schema defines RuleSelector");
    selector.insert(
        "anyOf".to_string(),
        serde_json::json!([
            { "description": "A rule code.", "enum": codes },
            { "description": "A rule family prefix.", "enum": prefixes },
            { "description": "A rule name.", "enum": names }
        ]),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

/// Whether the configuration runs this rule. Input problems always run unless ignored.
pub fn is_enabled(rule: &Rule, config: &Config) -> bool {
    if config.ignore.iter().any(|s| selector_matches(s, rule)) {
        return false;
    }
    rule.family == Family::Input
        || in_profile(rule, config.profile)
        || config.select.iter().any(|s| selector_matches(s, rule))
}

/// Whether `profile` runs this rule: the rule is marked for it, or for a profile it
/// builds on (restricted ⊃ baseline ⊃ default).
pub fn in_profile(rule: &Rule, profile: Profile) -> bool {
    profile
        .includes()
        .iter()
        .any(|included| rule.profiles.contains(*included))
}

/// The profiles that run this rule, for documentation and rule lists.
pub fn profiles(rule: &Rule) -> Vec<Profile> {
    Profile::ALL
        .into_iter()
        .filter(|profile| in_profile(rule, *profile))
        .collect()
}

/// The severity override for this rule, if the configuration sets one.
pub fn severity_override(rule: &Rule, config: &Config) -> Option<Severity> {
    config
        .severity
        .iter()
        .find(|(selector, _)| selector_matches(selector, rule))
        .map(|(_, severity)| *severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_selectors_capabilities_and_paths_are_reported_together() {
        let error = config_from_json(
            r#"{
                "select": ["PRIV-01", "PRIV"],
                "ignore": ["privileged-containr"],
                "severity": {"PRIV-001": "low", "NOPE-1": "high"},
                "options": {"allowedCapabilities": ["cap_sys_time", "SYS_TMIE"],
                            "allowedHostPaths": ["/srv", "data"]}
            }"#,
        )
        .unwrap_err();
        assert_eq!(
            error.problems,
            [
                "select: unknown rule `PRIV-01`; did you mean `PRIV-001`?",
                "ignore: unknown rule `privileged-containr`; did you mean `privileged-container`?",
                "severity: unknown rule `NOPE-1`",
                "options.allowedCapabilities: unknown capability `SYS_TMIE`; did you mean `SYS_TIME`?",
                "options.allowedHostPaths: `data` is not an absolute host path",
            ]
        );
    }
}
