//! Linux capabilities and the engines' capability arithmetic.
//!
//! Each engine starts from its own default set (`Engine::default_capabilities`:
//! podman grants 11, docker and nerdctl 14); the rest is the same arithmetic: names are case-insensitive and may carry a
//! `CAP_` prefix; `privileged` grants everything and ignores both lists; `ALL` in
//! `cap_add` beats `ALL` in `cap_drop`; a capability both dropped and added stays.

use super::{Container, Setting};
use crate::json::{JsonWriter, ToJson};
use crate::knowledge::capabilities::{ALL_CAPS, RISKS};
use crate::knowledge::engines::Engine;
use crate::knowledge::Risk;

/// Canonical spelling: trimmed, upper-case, without `CAP_`. `ALL` stays `ALL`, but
/// `CAP_ALL` is not the magic word for the engine (it is an unknown capability), so
/// it keeps its prefix and stays unknown.
pub fn normalize(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    match upper.strip_prefix("CAP_") {
        Some("ALL") => upper,
        Some(rest) => rest.to_string(),
        None => upper,
    }
}

pub fn is_known(normalized: &str) -> bool {
    normalized == "ALL" || ALL_CAPS.contains(&normalized)
}

/// Whether `engine` grants the capability to a container that asks for nothing.
/// Each engine's default set over [`ALL_CAPS`] (bit `i` for `ALL_CAPS[i]`), worked
/// out at compile time: the effective set is computed for every rule and escape path
/// that asks, and comparing names there cost more than the rest of the arithmetic.
const DEFAULT_SETS: [u64; Engine::ALL.len()] = {
    let mut sets = [0; Engine::ALL.len()];
    let mut engine = 0;
    while engine < Engine::ALL.len() {
        // `is_default_at` indexes by discriminant.
        assert!(Engine::ALL[engine] as usize == engine);
        let defaults = Engine::ALL[engine].default_capabilities();
        let mut index = 0;
        while index < ALL_CAPS.len() {
            let mut default = 0;
            while default < defaults.len() {
                if same_name(ALL_CAPS[index], defaults[default]) {
                    sets[engine] |= 1 << index;
                }
                default += 1;
            }
            index += 1;
        }
        engine += 1;
    }
    sets
};

/// `a == b`, in a constant.
const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

/// Whether `ALL_CAPS[index]` is in `engine`'s default set.
fn is_default_at(engine: Engine, index: usize) -> bool {
    DEFAULT_SETS[engine as usize] & (1 << index) != 0
}

pub fn is_default(engine: Engine, normalized: &str) -> bool {
    engine.default_capabilities().contains(&normalized)
}

/// How dangerous a capability is alone and what it lets a process do (any spelling,
/// `ALL` included); `None` for names the engine does not know. The rules that see
/// other settings as well may judge it worse.
pub fn risk(name: &str) -> Option<CapabilityRisk> {
    let name = normalize(name);
    RISKS
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|&(_, risk, summary)| CapabilityRisk { risk, summary })
}

/// How dangerous one capability is (see [`risk`]); `summary` completes "a process
/// holding it …".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapabilityRisk {
    pub risk: Risk,
    pub summary: &'static str,
}

/// The first entry of a `cap_add` / `cap_drop` list naming each capability, each entry
/// normalized once (a list may be long, and every capability is looked up in it).
struct FirstNamed<'a> {
    all: Option<&'a Setting<String>>,
    /// Indexed like [`ALL_CAPS`].
    caps: [Option<&'a Setting<String>>; ALL_CAPS.len()],
}

impl<'a> FirstNamed<'a> {
    fn of(list: &'a [Setting<String>]) -> Self {
        let mut first = FirstNamed {
            all: None,
            caps: [None; ALL_CAPS.len()],
        };
        crate::work::add(list.len());
        for setting in list {
            let Some(value) = setting.value.as_deref() else {
                continue;
            };
            // Most entries are written canonically: no copy for those.
            let canonical = !value.starts_with("CAP_")
                && value
                    .bytes()
                    .all(|byte| byte.is_ascii_uppercase() || byte == b'_');
            let normalized;
            let name = if canonical {
                value
            } else {
                normalized = normalize(value);
                &normalized
            };
            let slot = match ALL_CAPS.iter().position(|&known| known == name) {
                Some(index) => &mut first.caps[index],
                None if name == "ALL" => &mut first.all,
                None => continue,
            };
            slot.get_or_insert(setting);
        }
        first
    }
}

/// Why a capability is in the effective set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    /// Part of the engine's default set and not dropped.
    Default,
    /// Added by name.
    Added,
    /// Added through `ALL`.
    AddedByAll,
    /// Granted by `privileged`.
    Privileged,
}

impl ToJson for Grant {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            Grant::Default => "default",
            Grant::Added => "added",
            Grant::AddedByAll => "addedByAll",
            Grant::Privileged => "privileged",
        });
    }
}

/// One capability of the effective set, with the setting that granted it
/// (`None` for defaults and privileged).
#[derive(Clone, Debug, PartialEq)]
pub struct EffectiveCap<'a> {
    pub name: &'static str,
    pub grant: Grant,
    pub source: Option<&'a Setting<String>>,
}

/// The capabilities the container's processes get, as its engine computes them.
/// `unknown` is true when a list entry could not be resolved, so the set is a
/// lower bound.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectiveCaps<'a> {
    /// The engine whose defaults the set starts from.
    pub engine: Engine,
    pub caps: Vec<EffectiveCap<'a>>,
    pub unknown: bool,
}

impl<'a> EffectiveCaps<'a> {
    pub fn of(container: &'a Container) -> Self {
        let engine = container.engine();
        let privileged = container.is_privileged();
        let unknown = !privileged
            && container
                .cap_add
                .iter()
                .chain(&container.cap_drop)
                .any(|s| s.value.is_none());
        let additions = FirstNamed::of(&container.cap_add);
        let drops = FirstNamed::of(&container.cap_drop);
        let add_all = additions.all;
        let drop_all = drops.all.is_some();

        let mut caps = Vec::new();
        for (index, &name) in ALL_CAPS.iter().enumerate() {
            let (grant, source) = if privileged {
                (Some(Grant::Privileged), None)
            } else {
                let added = additions.caps[index];
                let dropped = drops.caps[index].is_some();
                if let Some(all) = add_all {
                    // ALL in add: everything minus explicit drops (ALL in drop is overridden).
                    match (added, dropped) {
                        (Some(source), _) => (Some(Grant::Added), Some(source)),
                        (None, true) => (None, None),
                        (None, false) => (Some(Grant::AddedByAll), Some(all)),
                    }
                } else if let Some(source) = added {
                    // An added capability stays even when it is also dropped.
                    (Some(Grant::Added), Some(source))
                } else if is_default_at(engine, index) && !dropped && !drop_all {
                    (Some(Grant::Default), None)
                } else {
                    (None, None)
                }
            };
            if let Some(grant) = grant {
                caps.push(EffectiveCap {
                    name,
                    grant,
                    source,
                });
            }
        }
        EffectiveCaps {
            engine,
            caps,
            unknown,
        }
    }

    pub fn get(&self, name: &str) -> Option<&EffectiveCap<'a>> {
        self.caps.iter().find(|c| c.name == name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use crate::span::Span;

    fn container(add: &[&str], drop: &[&str], privileged: bool) -> Container {
        let setting = |v: &&str| Setting::known(v.to_string(), *v, Span::default());
        let mut c = Container::new("svc", Span::default(), Span::default(), Origin::Compose);
        c.cap_add = add.iter().map(setting).collect();
        c.cap_drop = drop.iter().map(setting).collect();
        if privileged {
            c.privileged = Some(Setting::known(true, "true", Span::default()));
        }
        c
    }

    fn run_by(tool: &str) -> Container {
        let origin = Origin::Run {
            tool: tool.to_string(),
            subcommand: "run".to_string(),
        };
        Container::new("command 1", Span::default(), Span::default(), origin)
    }

    /// A plain `run` gets exactly the engine's table, read from its source:
    /// podman's 11 (containers/common `DefaultCapabilities`), docker's and
    /// nerdctl's 14; the effective set lists them in kernel order.
    #[test]
    fn each_engine_starts_from_its_own_defaults() {
        use crate::knowledge::capabilities::DEFAULT_CAPS;
        use crate::knowledge::engines::PODMAN_DEFAULT_CAPS;
        for (tool, table) in [
            ("docker", &DEFAULT_CAPS[..]),
            ("podman", &PODMAN_DEFAULT_CAPS[..]),
            ("nerdctl", &DEFAULT_CAPS[..]),
        ] {
            let container = run_by(tool);
            let caps = EffectiveCaps::of(&container);
            let mut granted = names(&container);
            let mut expected = table.to_vec();
            granted.sort_unstable();
            expected.sort_unstable();
            assert_eq!(granted, expected, "{tool}");
            assert!(caps.caps.iter().all(|cap| cap.grant == Grant::Default));
            println!("{tool}: {} default capabilities", table.len());
        }
        assert_eq!(PODMAN_DEFAULT_CAPS.len(), 11);
        let container = run_by("podman");
        let podman = EffectiveCaps::of(&container);
        for missing in ["NET_RAW", "MKNOD", "AUDIT_WRITE"] {
            assert!(!podman.contains(missing), "{missing}");
            assert!(!is_default(Engine::Podman, missing));
            assert!(is_default(Engine::Docker, missing));
        }
    }

    #[test]
    fn podman_adding_net_raw_is_an_addition() {
        let mut container = run_by("podman");
        container.cap_add = vec![Setting::known(
            "NET_RAW".to_string(),
            "NET_RAW",
            Span::default(),
        )];
        let caps = EffectiveCaps::of(&container);
        assert_eq!(caps.engine, Engine::Podman);
        assert_eq!(caps.get("NET_RAW").unwrap().grant, Grant::Added);
        assert_eq!(caps.caps.len(), 12);
    }

    fn names(c: &Container) -> Vec<&'static str> {
        EffectiveCaps::of(c).caps.iter().map(|c| c.name).collect()
    }

    #[test]
    fn default_set_is_fourteen() {
        assert_eq!(names(&container(&[], &[], false)).len(), 14);
    }

    #[test]
    fn spellings_are_normalised() {
        for spelling in [
            "sys_admin",
            "SYS_ADMIN",
            "CAP_SYS_ADMIN",
            "cap_sys_admin",
            " Sys_Admin ",
        ] {
            let c = container(&[spelling], &[], false);
            assert!(EffectiveCaps::of(&c).contains("SYS_ADMIN"), "{spelling}");
        }
    }

    #[test]
    fn cap_all_is_not_the_magic_word() {
        assert_eq!(normalize("all"), "ALL");
        assert_eq!(normalize("CAP_ALL"), "CAP_ALL");
        assert!(!is_known(&normalize("cap_all")));
        assert_eq!(names(&container(&["CAP_ALL"], &[], false)).len(), 14);
    }

    #[test]
    fn add_all_beats_drop_all() {
        let c = container(&["ALL"], &["ALL"], false);
        assert_eq!(names(&c).len(), 41);
        let c = container(&["all"], &["NET_RAW"], false);
        assert_eq!(names(&c).len(), 40);
        assert!(!EffectiveCaps::of(&c).contains("NET_RAW"));
    }

    #[test]
    fn drop_all_keeps_only_added() {
        let c = container(&["NET_BIND_SERVICE"], &["ALL"], false);
        assert_eq!(names(&c), vec!["NET_BIND_SERVICE"]);
    }

    #[test]
    fn privileged_ignores_drop() {
        let c = container(&[], &["ALL"], true);
        let caps = EffectiveCaps::of(&c);
        assert_eq!(caps.caps.len(), 41);
        assert!(caps.caps.iter().all(|c| c.grant == Grant::Privileged));
    }

    #[test]
    fn added_and_dropped_stays() {
        let c = container(&["NET_ADMIN"], &["net_admin"], false);
        assert!(EffectiveCaps::of(&c).contains("NET_ADMIN"));
        let c = container(&[], &["CAP_NET_RAW"], false);
        assert!(!EffectiveCaps::of(&c).contains("NET_RAW"));
        assert_eq!(names(&c).len(), 13);
    }

    #[test]
    fn every_capability_has_a_risk() {
        for name in ALL_CAPS {
            assert!(risk(name).is_some(), "{name}");
        }
        assert_eq!(risk("cap_sys_admin").unwrap().risk, Risk::Critical);
        assert_eq!(risk("all").unwrap().risk, Risk::Critical);
        assert_eq!(risk("SYS_ADMN"), None);
    }

    #[test]
    fn unresolved_entries_mark_the_set_unknown() {
        let mut c = container(&[], &[], false);
        c.cap_add.push(Setting::unknown("${CAP}", Span::default()));
        assert!(EffectiveCaps::of(&c).unknown);
    }
}
