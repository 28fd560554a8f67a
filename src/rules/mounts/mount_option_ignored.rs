use crate::declare_rule;
use crate::diagnostic::{Applicability, Severity};
use crate::knowledge::mount_options::KNOWN_VOLUME_OPTIONS;
use crate::model::edit::Intent;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags volume options that are not mount options, such as `roz` in `data:/data:roz`, which Compose drops without a word, so the mount silently loses `ro` and is writable.
    ///
    /// The usual cause is a missing comma: `roz` was meant as `ro,z`. Other spellings of
    /// read-only (`readonly`, `RO`) are caught too. The finding is medium when the lost
    /// option meant read-only and low otherwise. On the command line the same mistake is
    /// low: the engine refuses the mount and the container does not start, which is loud
    /// rather than unsafe.
    ///
    /// ## Why is this bad?
    /// In Compose's short volume syntax, `SOURCE:TARGET:OPTIONS` options are a
    /// comma-separated list. Compose ignores any word it does not know and rebuilds the
    /// mount from the words it does know. `roz` is neither `ro` nor `z`, so both are
    /// lost: the volume you meant to protect is writable, and on SELinux hosts it is not
    /// relabelled either. Nothing in `docker compose config` or the running container
    /// tells you.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   snmptraps:
    ///     image: zabbix/zabbix-snmptraps:alpine-7.0-latest
    ///     volumes:
    ///       - snmptraps:/var/lib/zabbix/snmptraps:roz
    /// volumes:
    ///   snmptraps:
    /// ```
    ///
    /// ```sh
    /// docker run -v snmptraps:/var/lib/zabbix/snmptraps:roz zabbix/zabbix-snmptraps:alpine-7.0-latest
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   snmptraps:
    ///     image: zabbix/zabbix-snmptraps:alpine-7.0-latest
    ///     volumes:
    ///       - snmptraps:/var/lib/zabbix/snmptraps:ro,z
    /// volumes:
    ///   snmptraps:
    /// ```
    ///
    /// ## Fix safety
    /// When the word is run-together options (`roz`, `rwZ`) or another spelling of
    /// read-only, the fix writes what was meant (`ro,z`, `rw,Z`, `ro`). In a Compose
    /// file it is unsafe: it does change the running container, which has so far had a
    /// writable, unlabelled mount, and a service that came to rely on writing there
    /// would fail. On a command line it is safe: the command did not run at all before.
    ///
    /// ## When not to use it
    /// Never: an option that is ignored does nothing but mislead the reader.
    ///
    /// ## References
    /// - Compose Specification: services, `volumes`, short syntax
    /// - Docker documentation: `docker container run --volume`, the options list
    /// - CIS Docker Benchmark v1.6.0, 5.6 (5.5 in v1.5.0): Ensure sensitive host system directories are not mounted on containers (read-write mounts)
    pub static MOUNT_OPTION_IGNORED = {
        code: "MNT-011",
        name: "mount-option-ignored",
        family: Mounts,
        severity: Medium,
        profiles: DBR,
        fix: Sometimes,
        check: check,
    }
}

/// Other ways people write read-only, which short syntax does not know.
const READ_ONLY_WORDS: [&str; 4] = ["ro", "readonly", "read_only", "read-only"];

fn check(container: &Container, checker: &mut Checker) {
    for option in container.mounts.iter().flat_map(|m| &m.unknown_options) {
        let Some(word) = option.value.as_deref() else {
            continue;
        };
        let meant = meant_options(word);
        let lost_read_only = meant
            .as_deref()
            .is_some_and(|m| m.split(',').any(|o| o == "ro"));
        let (message, severity, applicability) = if container.is_compose() {
            let effect = if lost_read_only {
                "this mount is read-write, not read-only"
            } else {
                "none of it applies"
            };
            (
                format!(
                    "`{word}` is not a mount option and Compose drops it without a word: {effect}"
                ),
                if lost_read_only {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                Applicability::Unsafe,
            )
        } else {
            (
                format!("`{word}` is not a mount option: the engine refuses the mount and the container does not start"),
                Severity::Low,
                Applicability::Safe,
            )
        };
        let finding = checker
            .report(container, option.span, message)
            .severity(severity);
        match meant {
            Some(meant) => {
                finding
                    .help(format!("separate mount options with commas: `{meant}`"))
                    .fix(
                        format!("Write `{meant}`"),
                        applicability,
                        vec![Intent::Replace {
                            at: option.span,
                            with: meant,
                        }],
                    );
            }
            None => {
                finding.help("remove it, or use `ro`, `rw`, `z`, `Z`, `nocopy` or a propagation mode, separated by commas");
            }
        }
    }
}

/// What a wrong option word most likely meant: run-together options (`roz` → `ro,z`)
/// or another spelling of read-only (`readonly` → `ro`).
fn meant_options(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    if READ_ONLY_WORDS.contains(&lower.as_str()) {
        return Some("ro".to_string());
    }
    let parts = split_options(word).or_else(|| split_options(&lower))?;
    let distinct = parts
        .iter()
        .enumerate()
        .all(|(i, p)| !parts[..i].contains(p));
    (parts.len() > 1 && distinct).then(|| parts.join(","))
}

/// Splits a word into known options written without commas, if it is made of them.
fn split_options(word: &str) -> Option<Vec<&'static str>> {
    if word.is_empty() {
        return Some(Vec::new());
    }
    let mut firsts: Vec<&'static str> = KNOWN_VOLUME_OPTIONS
        .into_iter()
        .filter(|option| word.starts_with(option))
        .collect();
    // Longest first, so `rshared` is not read as something shorter.
    crate::sort::by_key(&mut firsts, |option| std::cmp::Reverse(option.len()));
    firsts.into_iter().find_map(|first| {
        let mut rest = split_options(&word[first.len()..])?;
        rest.insert(0, first);
        Some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::meant_options;
    use super::MOUNT_OPTION_IGNORED as RULE;
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with, fixed};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                with_volumes!("      - data:/data:ro,z\n"),
                with_volumes!("      - ./conf:/conf:Z\n"),
                with_volumes!("      - /opt/x:/x:rw,rslave,nocopy\n"),
                "docker run -v data:/data:ro,z app",
            ],
            &[
                (
                    with_volumes!("      - snmptraps:/var/lib/zabbix/snmptraps:roz\n"),
                    &[(5, 45)],
                ),
                (
                    with_volumes!("      - snmptraps:/var/lib/zabbix/snmptraps:rwz\n"),
                    &[(5, 45)],
                ),
                (with_volumes!("      - ./conf:/conf:readonly\n"), &[(5, 22)]),
                (with_volumes!("      - ./conf:/conf:z,foo\n"), &[(5, 24)]),
                ("docker run -v data:/data:roz app", &[(1, 26)]),
            ],
        );
    }

    #[test]
    fn lost_read_only_is_medium() {
        let severity = |text: &str| diagnostics_with(&RULE, text, Config::default())[0].severity;
        assert_eq!(
            severity(with_volumes!("      - data:/data:roz\n")),
            Severity::Medium
        );
        assert_eq!(
            severity(with_volumes!("      - data:/data:RO\n")),
            Severity::Medium
        );
        assert_eq!(
            severity(with_volumes!("      - data:/data:rwz\n")),
            Severity::Low
        );
        assert_eq!(severity("docker run -v data:/data:roz app"), Severity::Low);
    }

    #[test]
    fn fixes_write_what_was_meant() {
        assert_eq!(
            fixed(&RULE, with_volumes!("      - data:/data:roz\n")),
            [with_volumes!("      - data:/data:ro,z\n")]
        );
        assert_eq!(meant_options("roz").as_deref(), Some("ro,z"));
        assert_eq!(meant_options("rwZ").as_deref(), Some("rw,Z"));
        assert_eq!(meant_options("rorslave").as_deref(), Some("ro,rslave"));
        assert_eq!(meant_options("read-only").as_deref(), Some("ro"));
        assert_eq!(meant_options("ROZ").as_deref(), Some("ro,z"));
        assert_eq!(meant_options("roro"), None);
        assert_eq!(meant_options("foo"), None);
    }
}
