use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A run command has no image, or its image is a placeholder such as `<image>`, `app:<tag>`, `{{ .Image }}`, `ee-[version]` or `...`.
///
/// ## Why is this bad?
/// The command cannot run as written, and what the container runs cannot be checked.
/// The flags before it are still analysed.
///
/// ## Example
/// ```sh
/// docker run --rm -it --cap-drop ALL <image>
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --rm -it --cap-drop ALL alpine:3.20
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know which image was meant.
///
/// ## When not to use it
/// When you lint a documentation template on purpose: suppress it there.
///
/// ## References
/// - Docker CLI reference: `docker container run` usage, `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]`
    pub static MISSING_IMAGE = {
        code: "SYN-015",
        name: "missing-image",
        family: Input,
        severity: Medium,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
