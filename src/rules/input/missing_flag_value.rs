use crate::declare_rule;

declare_rule! {
/// ## What it does
/// A flag that takes a value is the last word of the command, or is directly followed by another flag that it would swallow as its value.
///
/// ## Why is this bad?
/// The CLI takes the next word as the value even when it is a flag, so that flag is
/// lost and every word after it shifts: in `--gpus --pid host nginx`, `--pid` becomes
/// the GPU request, `host` the image and `nginx` its command. shipshape reports the
/// flag and reads the following flag as the author intended.
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
/// No automatic fix: only you know the value that was meant.
///
/// ## When not to use it
/// Never: the command does not do what it says.
///
/// ## References
/// - spf13/pflag: how a flag reads its value from the next argument
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
