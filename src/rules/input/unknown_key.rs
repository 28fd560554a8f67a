use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A key that the Compose specification does not define, in a service or at the top level of the file, such as `privilegd` or `cap-add`; keys starting with `x-` are extensions and always allowed.
///
/// ## Why is this bad?
/// Compose validates the file against the specification's schema and refuses to
/// start anything while an unknown key is in it. A misspelt hardening key
/// (`read-only`, `securityopt`) is therefore worse than a missing one: whoever makes
/// the file load again by deleting the key removes the protection that was meant.
/// shipshape names the closest key of the specification; the rest of the file is
/// analysed as written.
///
/// ## Example
/// ```yaml
/// services:
///   web:
///     image: nginx:1.27
///     read-only: true
/// ```
///
/// ## Use instead
/// ```yaml
/// services:
///   web:
///     image: nginx:1.27
///     read_only: true
/// ```
///
/// ## Fix safety
/// No automatic fix: the closest key is a guess, and only you know which was meant.
///
/// ## When not to use it
/// With a Compose version newer than the specification shipshape knows: suppress the
/// finding for that key, or name it with an `x-` prefix if only your tools read it.
///
/// ## References
/// - Compose specification: services top-level element; extension fields (`x-`)
/// - compose-spec/compose-spec `schema/compose-spec.json` (`additionalProperties: false`)
    pub static UNKNOWN_KEY = {
        code: "SYN-017",
        name: "unknown-key",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}

#[cfg(test)]
mod tests {
    use super::UNKNOWN_KEY as RULE;
    use crate::analyze::{analyze, AnalyzeOptions};
    use crate::config::Config;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    #[test]
    fn cases() {
        assert_cases(
            &RULE,
            &[
                "services:\n  web:\n    image: nginx\n    read_only: true\n    x-owner: team\n",
                "x-common: &c\n  image: nginx\nversion: \"3.8\"\nservices:\n  web: *c\n",
            ],
            &[
                (
                    "services:\n  web:\n    image: nginx\n    privilegd: true\n",
                    &[(4, 5)],
                ),
                (
                    "servics: {}\nservices:\n  web:\n    image: nginx\n",
                    &[(1, 1)],
                ),
            ],
        );
    }

    #[test]
    fn the_closest_key_is_named_and_the_rest_is_still_analysed() {
        let text =
            "services:\n  web:\n    image: nginx\n    cap-add: [SYS_ADMIN]\n    privileged: true\n";
        let found = diagnostics_with(&RULE, text, Config::default());
        assert_eq!(
            found[0].message,
            "cap-add is not a service key of the Compose specification, so Compose refuses the file; did you mean cap_add?"
        );
        let codes: Vec<String> = analyze(text, &AnalyzeOptions::default())
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, ["SYN-017", "PRIV-001"]);
    }
}
