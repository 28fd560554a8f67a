use super::{is_podman, known_value};
use crate::declare_rule;
use crate::diagnostic::Applicability;
use crate::model::{Container, SecurityOpt};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Flags `systempaths=unconfined`, which removes the masks and read-only mounts that
    /// keep the kernel's control files under `/proc` and `/sys` out of a container's reach.
    ///
    /// The Docker CLI and Compose act only on the exact text `systempaths=unconfined` (the
    /// `:` spelling is rejected; SEC-008 explains it). For `podman run`, both separators and
    /// podman's own `unmask=ALL` / `unmask=PATHS` are reported too.
    ///
    /// ## Why is this bad?
    /// Docker hides `/proc/kcore` (an image of the host kernel's memory), `/proc/keys`,
    /// `/proc/timer_list`, `/sys/firmware` and similar files, and mounts `/proc/sys`,
    /// `/proc/sysrq-trigger`, `/proc/irq`, `/proc/bus` and `/proc/fs` read-only. Those
    /// files are not namespaced: writing to them changes the host kernel. With the
    /// protection gone, root in the container can reboot the host through
    /// `/proc/sysrq-trigger` and, with a writable `/proc/sys`, point
    /// `kernel.core_pattern` at a program the host kernel then runs as root.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   builder:
    ///     image: registry.example.com/builder:5.0.2
    ///     security_opt:
    ///       - systempaths=unconfined
    /// ```
    ///
    /// ```sh
    /// docker run --security-opt systempaths=unconfined registry.example.com/builder:5.0.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   builder:
    ///     image: registry.example.com/builder:5.0.2
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the entry. It is unsafe only for tools that genuinely need an
    /// unmasked `/proc`, such as container engines nested inside the container.
    ///
    /// ## When not to use it
    /// Rootless nested engines (BuildKit, Podman in a container) sometimes need an unmasked
    /// `/proc` to mount their own; run them on dedicated hosts and suppress with a reason.
    ///
    /// ## References
    /// - Kubernetes Pod Security Standards, baseline and restricted: /proc Mount Type
    /// - Polaris: procMount
    /// - Docker documentation: docker run, `--security-opt systempaths=unconfined`
    /// - Podman documentation: podman run, `--security-opt unmask`
    pub static SYSTEMPATHS_UNCONFINED = {
        code: "SEC-005",
        name: "systempaths-unconfined",
        family: SecurityOptions,
        severity: Critical,
        profiles: DBRC,
        fix: Sometimes,
        check: check,
    }
}

/// What an entry exposes of the kernel paths the engine protects.
pub(crate) enum Unmasked<'a> {
    /// Every masked and read-only path.
    All,
    /// podman's `unmask=PATHS`.
    Paths(&'a str),
}

/// What the entry unmasks, if the engine that reads it unmasks anything.
pub(crate) fn unmasked<'a>(container: &Container, opt: &'a SecurityOpt) -> Option<Unmasked<'a>> {
    let value = known_value(opt)?;
    if is_podman(container) {
        match (opt.key.as_str(), value) {
            ("systempaths", "unconfined") | ("unmask", "ALL") => Some(Unmasked::All),
            ("unmask", paths) if !paths.is_empty() => Some(Unmasked::Paths(paths)),
            _ => None,
        }
    } else {
        // The Docker CLI and Compose compare the whole entry, byte for byte.
        (opt.entry.raw == "systempaths=unconfined").then_some(Unmasked::All)
    }
}

fn check(container: &Container, checker: &mut Checker) {
    for opt in container.accepted_security_opts() {
        let message = match unmasked(container, opt) {
            None => continue,
            Some(Unmasked::All) => "sees the host kernel's control files: /proc/kcore and the other masked paths are visible and /proc/sys, /proc/sysrq-trigger, /proc/irq and /proc/bus are writable".to_string(),
            Some(Unmasked::Paths(paths)) => format!("unmasks `{paths}`: kernel files the engine hides or mounts read-only become visible or writable"),
        };
        let finding = checker.report(container, opt.entry.span, message).help(
            "remove this option so the engine masks these paths and mounts them read-only again",
        );
        finding.fix_by_removing(
            opt.entry.span,
            format!("Remove `{}`", opt.entry.raw.trim()),
            Applicability::Unsafe,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SYSTEMPATHS_UNCONFINED as RULE;
    use crate::rules::testing::assert_cases;

    const HEAD: &str = "services:\n  app:\n    image: nginx:1.27\n";

    #[test]
    fn cases() {
        let compose = |tail: &str| format!("{HEAD}{tail}");
        assert_cases(
            &RULE,
            &[
                &compose(""),
                // The CLI and Compose do not recognise these; SEC-008 explains why.
                &compose("    security_opt:\n      - systempaths:unconfined\n"),
                &compose("    security_opt:\n      - systempaths=UNCONFINED\n"),
                &compose("    security_opt:\n      - systempaths=${PATHS}\n"),
                "docker run --security-opt systempaths:unconfined nginx:1.27",
                "docker run --security-opt unmask=ALL nginx:1.27",
                "podman run --security-opt mask=/proc/acpi nginx:1.27",
            ],
            &[
                (
                    &compose("    security_opt:\n      - systempaths=unconfined\n"),
                    &[(5, 9)],
                ),
                (
                    &compose("    security_opt:\n      - \"systempaths=unconfined\"\n"),
                    &[(5, 10)],
                ),
                (
                    &compose("    security_opt: [no-new-privileges, systempaths=unconfined]\n"),
                    &[(4, 39)],
                ),
                (
                    "docker run --security-opt systempaths=unconfined nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "docker run --security-opt=systempaths=unconfined nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "podman run --security-opt systempaths:unconfined nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "podman run --security-opt unmask=ALL nginx:1.27",
                    &[(1, 27)],
                ),
                (
                    "podman run --security-opt unmask=/proc/sys:/proc/sysrq-trigger nginx:1.27",
                    &[(1, 27)],
                ),
            ],
        );
    }
}
