use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A run command has no image, or the image is a placeholder such as `<image>` or `...`.
///
/// ## Why is this bad?
/// The command cannot run as written; the flags before it are still checked.
///
/// ## Example
/// ```sh
/// docker run --rm -it
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --rm -it alpine:3.20
/// ```
///
/// ## Fix safety
/// No automatic fix: only you know what was meant.
///
/// ## When not to use it
/// Never: if shipshape cannot read the input, it cannot tell you what is unsafe in it.
///
/// ## References
/// - shipshape input syntax reference
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
