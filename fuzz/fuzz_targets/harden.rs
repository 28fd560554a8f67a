//! Hardening and run → Compose conversion, as `shipshape harden` / `convert` and the
//! page's Hardened view run them: the first byte picks the profile, whether unsafe
//! fixes apply and the input kind; the rest is the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape::config::{Config, Profile};
use shipshape::harden::{convert, harden, HardenOptions};
use shipshape::{analyze, AnalyzeOptions, InputKind};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let profile = Profile::ALL[usize::from(selector) % Profile::ALL.len()];
    let include_unsafe = selector & 0x10 != 0;
    let input = [InputKind::Auto, InputKind::Compose, InputKind::Run][usize::from(selector >> 5) % 3];
    let text = String::from_utf8_lossy(rest);
    let options = HardenOptions {
        analyze: AnalyzeOptions {
            input,
            config: Config {
                profile,
                ..Config::default()
            },
            ..AnalyzeOptions::default()
        },
        include_unsafe,
    };
    let hardened = harden(&text, &options);
    for change in &hardened.changes {
        let [start, end] = change.byte_range;
        assert!(
            start <= end && end as usize <= text.len(),
            "{} changed {start}..{end} of a {}-byte input",
            change.code,
            text.len()
        );
    }
    if hardened.changes.is_empty() {
        assert_eq!(hardened.text, text, "the text changed without a change listed");
    }

    let conversion = convert::to_compose(&text, &options.analyze);
    if !conversion.services.is_empty() {
        // What the conversion writes is YAML Compose reads: no syntax problem.
        let compose = AnalyzeOptions {
            input: InputKind::Compose,
            ..AnalyzeOptions::default()
        };
        let analysis = analyze(&conversion.compose, &compose);
        let broken: Vec<&str> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == "SYN-001" || d.code == "SYN-002")
            .map(|d| d.message.as_str())
            .collect();
        assert!(broken.is_empty(), "{broken:?} in:\n{}", conversion.compose);
    }
});
