//! The one list of rules, and selection by profile, code, family or name.

use super::{Family, Rule};
use crate::config::{Config, Profile};
use crate::diagnostic::Severity;

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
/// builds on (restricted ⊃ baseline ⊃ default, catalog §7.13).
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
