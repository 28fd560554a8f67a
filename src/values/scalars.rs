//! Booleans, byte sizes, restart policies and namespace modes.

use super::{SpannedText, ValueError};
use crate::model::{NamespaceMode, RestartPolicy, Setting};

/// Go's `strconv.ParseBool` set (`1 t T TRUE true True`, `0 f F FALSE false False`)
/// plus the `yes/no/on/off` that Compose still accepts, in any case.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "t" | "true" | "y" | "yes" | "on" => Some(true),
        "0" | "f" | "false" | "n" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// A byte size: a decimal number with an optional unit `b k m g t p`
/// (powers of 1024, case-insensitive, optional trailing `b` / `ib`), like Docker's
/// `RAMInBytes`. Returns `None` for anything else, and for sizes past the engine's
/// signed 64-bit byte count (never clamped: a saturated size would pass for a limit).
pub fn bytes(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_lowercase();
    let digits_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b').filter(|u| !u.is_empty()))
        .unwrap_or(unit);
    let power = match unit {
        "" | "b" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return None,
    };
    let size = number * 1024f64.powi(power);
    (size < ENGINE_INTEGER_LIMIT).then_some(size as u64)
}

/// 2^63: the engine keeps sizes and nano-CPUs in signed 64-bit integers.
const ENGINE_INTEGER_LIMIT: f64 = 9_223_372_036_854_775_808.0;

/// A number of CPUs (`1.5`), which the engine stores as nano-CPUs; `None` when it is
/// negative, not a number, or too large for that count.
pub fn cpus(text: &str) -> Option<f64> {
    let cpus: f64 = text.trim().parse().ok()?;
    (cpus >= 0.0 && cpus * 1e9 < ENGINE_INTEGER_LIMIT).then_some(cpus)
}

/// `no`, `always`, `unless-stopped`, `on-failure[:N]`.
pub fn restart(text: &SpannedText) -> Result<Setting<RestartPolicy>, ValueError> {
    text.parse(
        "a restart policy (no, always, unless-stopped, on-failure[:N])",
        |raw| {
            let (name, retries) = match raw.split_once(':') {
                Some((name, count)) => (name, Some(count.parse::<u32>().ok()?)),
                None => (raw, None),
            };
            let known = ["no", "always", "unless-stopped", "on-failure"];
            (known.contains(&name) && (retries.is_none() || name == "on-failure")).then(|| {
                RestartPolicy {
                    name: name.to_string(),
                    max_retries: retries,
                }
            })
        },
    )
}

/// A namespace or network mode: `host`, `private`, `shareable`, `none`,
/// `container:NAME`, `service:NAME`, `bridge` / `default`, or anything else.
pub fn namespace_mode(text: &SpannedText) -> Result<Setting<NamespaceMode>, ValueError> {
    text.parse("a namespace mode", |raw| {
        Some(match raw {
            "host" => NamespaceMode::Host,
            "" | "private" => NamespaceMode::Private,
            "shareable" => NamespaceMode::Shareable,
            "none" => NamespaceMode::None,
            "bridge" | "default" => NamespaceMode::Bridge,
            _ => match raw.split_once(':') {
                Some(("container", name)) if !name.is_empty() => {
                    NamespaceMode::Container(name.to_string())
                }
                Some(("service", name)) if !name.is_empty() => {
                    NamespaceMode::Service(name.to_string())
                }
                _ => NamespaceMode::Other(raw.to_string()),
            },
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_follow_go_and_compose() {
        for yes in ["true", "TRUE", "True", "1", "t", "yes", "On"] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in ["false", "0", "F", "no", "off"] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(bytes("1073741824"), Some(1 << 30));
        assert_eq!(bytes("1g"), Some(1 << 30));
        assert_eq!(bytes("512M"), Some(512 << 20));
        assert_eq!(bytes("1.5G"), Some(3 << 29));
        assert_eq!(bytes("2gb"), Some(2 << 30));
        assert_eq!(bytes("64kib"), Some(64 << 10));
        assert_eq!(bytes("lots"), None);
        assert_eq!(bytes("5x"), None);
        assert_eq!(bytes("99999999999999999999999"), None);
        assert_eq!(bytes("17179869184g"), None);
        assert_eq!(bytes("8191p"), Some(8191 << 50));
    }

    #[test]
    fn cpu_counts_fit_in_nano_cpus() {
        assert_eq!(cpus("1.5"), Some(1.5));
        assert_eq!(cpus("-1"), None);
        assert_eq!(cpus("1e400"), None);
        assert_eq!(cpus("1e10"), None);
    }

    #[test]
    fn restart_policies() {
        let policy = restart(&SpannedText::exact("on-failure:5", 0)).unwrap();
        assert_eq!(
            policy.value,
            Some(RestartPolicy {
                name: "on-failure".into(),
                max_retries: Some(5)
            })
        );
        assert!(restart(&SpannedText::exact("sometimes", 0)).is_err());
        assert!(restart(&SpannedText::exact("always:3", 0)).is_err());
    }

    #[test]
    fn namespace_modes() {
        let mode = |s: &str| {
            namespace_mode(&SpannedText::exact(s, 0))
                .unwrap()
                .value
                .unwrap()
        };
        assert_eq!(mode("host"), NamespaceMode::Host);
        assert_eq!(mode("service:db"), NamespaceMode::Service("db".into()));
        assert_eq!(
            mode("container:vpn"),
            NamespaceMode::Container("vpn".into())
        );
        assert_eq!(mode("default"), NamespaceMode::Bridge);
        assert_eq!(mode("backend"), NamespaceMode::Other("backend".into()));
    }
}
