//! `key=value`-shaped options: security options, sysctls, ulimits.

use super::{go_bool, SpannedText, ValueError};
use crate::knowledge::engines::Engine;
use crate::model::{SecurityOpt, Setting, Sysctl, Ulimit};

/// Keys that may be written bare (no value).
const BARE_SECURITY_KEYS: [&str; 3] = ["no-new-privileges", "disable", "writable-cgroups"];

/// Keys the Docker CLI, Compose and the daemon accept (`credentialspec` on Windows).
const DOCKER_KEYS: [&str; 7] = [
    "no-new-privileges",
    "seccomp",
    "apparmor",
    "label",
    "systempaths",
    "writable-cgroups",
    "credentialspec",
];

/// Keys nerdctl reads (containerd/nerdctl `pkg/cmd/container/run_security_linux.go`,
/// `generateSecurityOpts`).
const NERDCTL_KEYS: [&str; 7] = [
    "no-new-privileges",
    "seccomp",
    "apparmor",
    "label",
    "systempaths",
    "writable-cgroups",
    "privileged-without-host-devices",
];

/// Keys `podman run` accepts.
const PODMAN_KEYS: [&str; 8] = [
    "no-new-privileges",
    "seccomp",
    "apparmor",
    "label",
    "systempaths",
    "mask",
    "unmask",
    "proc-opts",
];

/// One `security_opt` / `--security-opt` entry, read as `engine` reads it (a
/// Compose file's are docker's). Like the CLI and the daemon: split on the first
/// `=`, else (deprecated) on the first `:`, except for the keys that may stand
/// alone. `label=type:spc_t` keeps `type:spc_t` as the value. An entry the engine
/// refuses comes back with the reason, and is kept in the model as not accepted, so
/// that no rule reads it.
pub fn security_opt(text: &SpannedText, engine: Engine) -> (SecurityOpt, Option<ValueError>) {
    if engine == Engine::Nerdctl {
        return nerdctl_security_opt(text);
    }
    let mut opt = split_security_opt(text, engine);
    let rejected = opt
        .entry
        .value
        .is_some()
        .then(|| rejection(&opt, engine))
        .flatten();
    opt.accepted = rejected.is_none();
    let error = rejected.map(|reason| {
        ValueError::new(
            text.span(),
            format!("{reason}; as written, the container is not created"),
        )
    });
    (opt, error)
}

/// An entry as nerdctl reads it (containerd/nerdctl `pkg/cmd/container/run_linux.go`
/// and `run_security_linux.go` at 8da504083f1543446a003f5870dec1bc12a75b85): split on
/// the first `=` only, with case-sensitive keys; a key it does not know, such as
/// docker's `seccomp:unconfined`, is ignored with a warning; a bare
/// `no-new-privileges` or `privileged-without-host-devices` is true.
fn nerdctl_security_opt(text: &SpannedText) -> (SecurityOpt, Option<ValueError>) {
    let mut opt = split_security_opt(text, Engine::Nerdctl);
    if opt.entry.value.is_none() {
        return (opt, None);
    }
    let value = opt.value.as_deref().unwrap_or("");
    let key = opt.key.as_str();
    if matches!(key, "no-new-privileges" | "privileged-without-host-devices") && value.is_empty() {
        opt.switch = Some(true);
    }
    let refused = match key {
        _ if !NERDCTL_KEYS.contains(&key) => {
            opt.accepted = false;
            let error = ValueError::new(
                text.span(),
                format!("nerdctl does not know the security option `{key}` (it reads `key=value`, keys in lower case): it warns and ignores it, so the container runs without it"),
            );
            return (opt, Some(error));
        }
        "seccomp" | "apparmor" => value.is_empty(),
        "systempaths" => value != "unconfined",
        "no-new-privileges" | "privileged-without-host-devices" => opt.switch.is_none(),
        "writable-cgroups" => go_bool(value).is_none(),
        // `label` is read only with the root flag `--selinux-enabled`, by go-selinux.
        _ => false,
    };
    opt.accepted = !refused;
    let error = refused.then(|| {
        ValueError::new(
            text.span(),
            format!("nerdctl does not accept `{value}` as a value of `{key}`; as written, the container is not created"),
        )
    });
    (opt, error)
}

fn split_security_opt(text: &SpannedText, engine: Engine) -> SecurityOpt {
    let raw = text.as_str();
    let trimmed = raw.trim();
    let nerdctl = engine == Engine::Nerdctl;
    let split = if !nerdctl && BARE_SECURITY_KEYS.contains(&trimmed.to_ascii_lowercase().as_str()) {
        None
    } else if nerdctl {
        raw.find('=').map(|i| (i, '='))
    } else {
        raw.find('=')
            .map(|i| (i, '='))
            .or_else(|| raw.find(':').map(|i| (i, ':')))
    };
    let (key, value, separator) = match split {
        Some((at, separator)) => (
            raw[..at].trim(),
            Some(raw[at + 1..].trim().to_string()),
            Some(separator),
        ),
        None => (trimmed, None, None),
    };
    // The source spans of the separator and the value, when each byte was written
    // as it reads (no escape sequence or variable stands for it).
    let written_at = |range: std::ops::Range<usize>| {
        let span = text.span_of(range.clone());
        (span.len() == range.len()).then_some(span)
    };
    let (separator_at, value_at) = match split {
        Some((at, _)) => (
            written_at(at..at + 1),
            written_at(text.trimmed(at + 1..raw.len())),
        ),
        None => (None, None),
    };
    SecurityOpt {
        key: if nerdctl {
            key.to_string()
        } else {
            key.to_ascii_lowercase()
        },
        switch: value.as_deref().and_then(go_bool),
        accepted: true,
        value,
        separator,
        entry: text.setting(),
        separator_at,
        value_at,
    }
}

/// Why `engine` refuses the entry, if it does.
fn rejection(opt: &SecurityOpt, engine: Engine) -> Option<String> {
    let key = opt.key.as_str();
    let value = opt.value.as_deref().unwrap_or("");
    let written_key = opt.entry.raw.trim_start();
    let podman = engine == Engine::Podman;
    let known_keys: &[&str] = if podman { &PODMAN_KEYS } else { &DOCKER_KEYS };
    if !known_keys.contains(&key) {
        if key == "disable" && opt.separator.is_none() {
            return Some("a bare `disable` is accepted by the Engine API only; the CLI and Compose reject entries without a `key=`".into());
        }
        return Some(format!(
            "`{key}` is not a security option {} knows",
            engine.display_name()
        ));
    }
    if !written_key.starts_with(key) {
        return Some(format!(
            "option keys are case-sensitive and the engine only knows `{key}` in lower case"
        ));
    }
    if key == "systempaths" && !podman {
        return (opt.entry.raw != "systempaths=unconfined").then(|| {
            "the Docker CLI and Compose only recognise the exact text `systempaths=unconfined`; they pass this entry to the daemon, which rejects it".into()
        });
    }
    if opt.separator.is_none() {
        return (key != "no-new-privileges")
            .then(|| format!("`{key}` needs a value (`{key}=...`)"));
    }
    let valid = match key {
        "no-new-privileges" | "writable-cgroups" => go_bool(value).is_some(),
        "label" => valid_label(podman, value),
        _ => !value.is_empty(),
    };
    (!valid).then(|| format!("the engine does not accept `{value}` as a value of `{key}`"))
}

/// `disable`, or a `user|role|type|level:VALUE` part (podman adds `filetype:` and
/// `nested`).
fn valid_label(podman: bool, value: &str) -> bool {
    match value.split_once(':') {
        Some((part, rest)) => {
            !rest.is_empty()
                && (matches!(part, "user" | "role" | "type" | "level")
                    || (podman && part == "filetype"))
        }
        None => value == "disable" || (podman && value == "nested"),
    }
}

/// A `key=value` sysctl (`--sysctl`, or a Compose list item).
pub fn sysctl(text: &SpannedText) -> Result<Sysctl, ValueError> {
    let raw = text.as_str();
    let Some(at) = raw.find('=') else {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` is not a sysctl: expected KEY=VALUE"),
        ));
    };
    Ok(Sysctl {
        key: text.setting_of(text.trimmed(0..at)),
        value: text.setting_of(text.trimmed(at + 1..raw.len())),
        span: text.span(),
    })
}

/// A ulimit bound: an integer, `-1` or `unlimited` for no limit.
pub fn ulimit_limit(text: &str) -> Option<i64> {
    match text.trim() {
        "unlimited" => Some(-1),
        number => number.parse().ok(),
    }
}

/// `--ulimit NAME=SOFT[:HARD]`.
pub fn ulimit(text: &SpannedText) -> Result<Ulimit, ValueError> {
    let raw = text.as_str();
    let Some(at) = raw.find('=') else {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` is not a ulimit: expected NAME=SOFT[:HARD]"),
        ));
    };
    let limits = text.split_within(at + 1..raw.len(), ':');
    if limits.len() > 2 {
        return Err(ValueError::new(
            text.span(),
            format!("`{raw}` is not a ulimit: expected NAME=SOFT[:HARD]"),
        ));
    }
    let limit = |range: &std::ops::Range<usize>| -> Result<Setting<i64>, ValueError> {
        text.parse_part(range.clone(), "a ulimit value", ulimit_limit)
    };
    let soft = limit(&limits[0])?;
    let hard = match limits.get(1) {
        Some(range) => limit(range)?,
        // A single value sets both bounds.
        None => soft.clone(),
    };
    Ok(Ulimit {
        name: text.setting_of(0..at),
        soft: Some(soft),
        hard: Some(hard),
        span: text.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn opt(s: &str) -> SecurityOpt {
        split_security_opt(&SpannedText::exact(s, 0), Engine::Docker)
    }

    /// Why `engine` refuses `s`, as the front-end reports it.
    fn refused(s: &str, engine: Engine) -> Option<String> {
        let (opt, error) = security_opt(&SpannedText::exact(s, 0), engine);
        assert_eq!(opt.accepted, error.is_none(), "{s}");
        error.map(|error| error.message)
    }

    #[test]
    fn entries_the_engine_refuses() {
        for accepted in [
            "no-new-privileges",
            "no-new-privileges=true",
            "no-new-privileges:F",
            "seccomp=unconfined",
            "apparmor=unconfined",
            "label=disable",
            "label=type:spc_t",
            "label:level:s0:c1,c2",
            "systempaths=unconfined",
            "writable-cgroups=false",
        ] {
            assert_eq!(refused(accepted, Engine::Docker), None, "{accepted}");
        }
        for (rejected, reason) in [
            ("no-new-privileges=yes", "the engine does not accept `yes` as a value of `no-new-privileges`"),
            ("writable-cgroups=on", "the engine does not accept `on` as a value of `writable-cgroups`"),
            ("label=foo", "the engine does not accept `foo` as a value of `label`"),
            ("apparmor=", "the engine does not accept `` as a value of `apparmor`"),
            ("apparmor", "`apparmor` needs a value (`apparmor=...`)"),
            ("Seccomp=unconfined", "option keys are case-sensitive and the engine only knows `seccomp` in lower case"),
            ("seccom=unconfined", "`seccom` is not a security option Docker knows"),
            ("unmask=ALL", "`unmask` is not a security option Docker knows"),
            ("systempaths:unconfined", "the Docker CLI and Compose only recognise the exact text `systempaths=unconfined`; they pass this entry to the daemon, which rejects it"),
        ] {
            assert_eq!(
                refused(rejected, Engine::Docker),
                Some(format!("{reason}; as written, the container is not created")),
                "{rejected}"
            );
        }
        // podman's own keys and label parts, and its reading of `systempaths`.
        for accepted in [
            "unmask=ALL",
            "label=nested",
            "label=filetype:x",
            "systempaths:unconfined",
        ] {
            assert_eq!(refused(accepted, Engine::Podman), None, "{accepted}");
        }
        assert!(refused("credentialspec=file://x", Engine::Podman).is_some());
        // A value behind an unset variable is not known to be refused.
        let unset = SpannedText::builder(Span::new(0, 6))
            .unresolved("${OPT}", Span::new(0, 6))
            .build();
        let (opt, error) = security_opt(&unset, Engine::Docker);
        assert!(opt.accepted && error.is_none());
    }

    #[test]
    fn security_option_separators() {
        let o = opt("seccomp=unconfined");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref(), o.separator),
            ("seccomp", Some("unconfined"), Some('='))
        );
        let o = opt("seccomp:unconfined");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref(), o.separator),
            ("seccomp", Some("unconfined"), Some(':'))
        );
        let o = opt("label=type:spc_t");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref()),
            ("label", Some("type:spc_t"))
        );
        let o = opt("label:disable");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref()),
            ("label", Some("disable"))
        );
        let o = opt("no-new-privileges");
        assert_eq!(
            (o.key.as_str(), o.value, o.separator),
            ("no-new-privileges", None, None)
        );
        let o = opt("No-New-Privileges:true");
        assert_eq!(
            (o.key.as_str(), o.value.as_deref()),
            ("no-new-privileges", Some("true"))
        );
    }

    #[test]
    fn sysctl_parts_have_spans() {
        let s = sysctl(&SpannedText::exact("net.ipv4.ip_forward=1", 2)).unwrap();
        assert_eq!(s.key.value.as_deref(), Some("net.ipv4.ip_forward"));
        assert_eq!(s.key.span, Span::new(2, 21));
        assert_eq!(s.value.value.as_deref(), Some("1"));
        assert!(sysctl(&SpannedText::exact("nonsense", 0)).is_err());
    }

    #[test]
    fn ulimits() {
        let u = ulimit(&SpannedText::exact("nofile=1024:2048", 0)).unwrap();
        assert_eq!(u.name.value.as_deref(), Some("nofile"));
        assert_eq!(u.soft.unwrap().value, Some(1024));
        assert_eq!(u.hard.unwrap().value, Some(2048));
        let u = ulimit(&SpannedText::exact("memlock=-1", 0)).unwrap();
        assert_eq!(u.hard.unwrap().value, Some(-1));
        assert!(ulimit(&SpannedText::exact("nofile=lots", 0)).is_err());
    }
}
