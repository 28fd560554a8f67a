use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::model::Container;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports images that are not pinned: no tag (which means `latest`), `latest`, or a
    /// moving tag such as `stable`, `edge`, `nightly` or a bare major version (`:15`,
    /// `:3-alpine`); and, as info, images pinned by tag but not by digest.
    ///
    /// The reference is read as `[REGISTRY[:PORT]/]NAME[:TAG][@DIGEST]`: the tag is what
    /// follows the last `:` after the last `/`, so a registry port is not mistaken for one.
    /// Images built from `build:` without an `image:`, and images whose name depends on an
    /// unset variable, are not reported.
    ///
    /// ## Why is this bad?
    /// A tag is a movable label. `latest` and other moving tags point at a new image
    /// whenever the publisher pushes one, so the next pull, on another host or after a
    /// cache clean-up, may run code nobody reviewed, including a compromised release.
    /// Even a version tag can be pushed again; only a digest names one exact image.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   proxy:
    ///     image: registry.example.com/proxy:latest
    /// ```
    ///
    /// ```sh
    /// docker run registry.example.com:5000/tools/proxy
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   proxy:
    ///     image: registry.example.com/proxy:1.27.3@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d
    /// ```
    ///
    /// ## Fix safety
    /// There is no automatic fix: choosing the version is a decision, and the digest must
    /// come from the registry.
    ///
    /// ## When not to use it
    /// Local development stacks that deliberately track the newest image.
    ///
    /// ## References
    /// - CIS Docker Benchmark v1.6.0, 5.28 (5.27 in v1.5.0): Ensure that Docker commands always make use of the latest version of their image
    /// - Docker documentation: docker image pull, "Pull an image by digest (immutable identifier)"
    pub static IMAGE_NOT_PINNED = {
        code: "OPS-002",
        name: "image-not-pinned",
        family: Operations,
        severity: Low,
        profiles: C,
        fix: None,
        check: check,
    }
}

/// Tags that publishers move to each new release (compared case-insensitively, also
/// as the first `-` part, as in `stable-alpine`).
const MOVING_TAGS: [&str; 11] = [
    "latest", "stable", "edge", "dev", "develop", "nightly", "unstable", "main", "master", "lts",
    "mainline",
];

/// How firmly an image reference names one image.
#[derive(Debug, PartialEq)]
enum Pinning<'a> {
    Digest,
    /// A specific version tag, but no digest.
    Tag(&'a str),
    /// `latest` or another tag that moves.
    Moving(&'a str),
    Untagged,
}

fn pinning(reference: &str) -> Pinning<'_> {
    let (name, digest) = match reference.split_once('@') {
        Some((name, digest)) => (name, !digest.is_empty()),
        None => (reference, false),
    };
    if digest {
        return Pinning::Digest;
    }
    // The tag follows the last `:` after the last `/` (a registry port comes before).
    let last_part = name.rsplit('/').next().unwrap_or(name);
    let Some((_, tag)) = last_part.split_once(':').filter(|(_, tag)| !tag.is_empty()) else {
        return Pinning::Untagged;
    };
    let first = tag.split('-').next().unwrap_or(tag);
    let major_only = {
        let number = first.strip_prefix(['v', 'V']).unwrap_or(first);
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
    };
    if major_only
        || MOVING_TAGS
            .iter()
            .any(|moving| moving.eq_ignore_ascii_case(first))
    {
        Pinning::Moving(tag)
    } else {
        Pinning::Tag(tag)
    }
}

fn check(container: &Container, checker: &mut Checker) {
    let Some(image) = container.image.as_ref() else {
        return;
    };
    let Some(reference) = image.get().map(|r| r.trim()).filter(|r| !r.is_empty()) else {
        return;
    };
    let (message, severity) = match pinning(reference) {
        Pinning::Digest => return,
        Pinning::Untagged => (
            format!("uses `{reference}` without a tag, which means `latest`: whatever was pushed last runs at the next pull"),
            Severity::Low,
        ),
        Pinning::Moving(tag) => (
            format!("uses the moving tag `{tag}`: the image behind it changes whenever a new version is published"),
            Severity::Low,
        ),
        Pinning::Tag(tag) => (
            format!("pins its image by the tag `{tag}` only: a tag can be pushed again, only a digest names one exact image"),
            Severity::Info,
        ),
    };
    checker
        .report(container, image.span, message)
        .severity(severity)
        .help("pin a specific version with its digest, for example `nginx:1.27.3@sha256:…`, and update it deliberately");
}

#[cfg(test)]
mod tests {
    use super::{pinning, Pinning, IMAGE_NOT_PINNED as RULE};
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{assert_cases, diagnostics_with};

    const DIGEST: &str = "sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d";

    #[test]
    fn references() {
        assert_eq!(pinning("nginx"), Pinning::Untagged);
        assert_eq!(pinning("localhost:5000/app"), Pinning::Untagged);
        assert_eq!(
            pinning("localhost:5000/team/app:1.2.3"),
            Pinning::Tag("1.2.3")
        );
        assert_eq!(pinning("nginx:latest"), Pinning::Moving("latest"));
        assert_eq!(pinning("postgres:15"), Pinning::Moving("15"));
        assert_eq!(pinning("node:20-alpine"), Pinning::Moving("20-alpine"));
        assert_eq!(pinning("golang:v2"), Pinning::Moving("v2"));
        assert_eq!(
            pinning("traefik:stable-alpine"),
            Pinning::Moving("stable-alpine")
        );
        assert_eq!(pinning("postgres:15.4"), Pinning::Tag("15.4"));
        assert_eq!(pinning("nginx:1.27-alpine"), Pinning::Tag("1.27-alpine"));
        assert_eq!(pinning(&format!("nginx@{DIGEST}")), Pinning::Digest);
        assert_eq!(pinning(&format!("nginx:latest@{DIGEST}")), Pinning::Digest);
    }

    #[test]
    fn cases() {
        let service = |image: &str| format!("services:\n  app:\n    image: {image}\n");
        assert_cases(
            &RULE,
            &[
                &service(&format!("nginx:1.27.3@{DIGEST}")),
                &service(&format!("\"ghcr.io/org/app@{DIGEST}\"")),
                &service("${IMAGE}"),
                &service("ghcr.io/org/app:${TAG}"),
                "services:\n  app:\n    build: .\n",
                &format!("docker run nginx@{DIGEST}"),
            ],
            &[
                (&service("nginx"), &[(3, 12)]),
                (&service("nginx:latest"), &[(3, 12)]),
                (&service("\"postgres:16\""), &[(3, 12)]),
                (&service("registry.example.com:5000/app"), &[(3, 12)]),
                (&service("nginx:1.27.3"), &[(3, 12)]),
                (
                    &service("${REPO:-ghcr.io/jitsi}/jibri:${TAG:-unstable}"),
                    &[(3, 12)],
                ),
                ("docker run -d redis", &[(1, 15)]),
                ("docker run --rm -it alpine:3.20 sh", &[(1, 21)]),
            ],
        );
    }

    #[test]
    fn version_tags_are_info() {
        let severity = |image: &str| -> Vec<Severity> {
            let text = format!("services:\n  app:\n    image: {image}\n");
            diagnostics_with(&RULE, &text, Config::default())
                .iter()
                .map(|d| d.severity)
                .collect()
        };
        assert_eq!(severity("nginx:1.27.3"), vec![Severity::Info]);
        assert_eq!(severity("nginx"), vec![Severity::Low]);
        assert_eq!(severity("nginx:edge"), vec![Severity::Low]);
    }
}
