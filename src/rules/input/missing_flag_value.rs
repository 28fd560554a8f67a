use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A flag that takes a value is the last word, or is followed by another flag that it swallows as its value.
///
/// ## Why is this bad?
/// The CLI takes the next word as the value, so the following flag is lost and a later word becomes the image.
///
/// ## Example
/// ```sh
/// docker run --gpus --pid host nginx
/// ```
///
/// ## Use instead
/// ```sh
/// docker run --gpus all --pid host nginx
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
    pub static MISSING_FLAG_VALUE = {
        code: "SYN-013",
        name: "missing-flag-value",
        family: Input,
        severity: High,
        profiles: DBRC,
        fix: None,
        check: super::reported_by_front_end,
    }
}
