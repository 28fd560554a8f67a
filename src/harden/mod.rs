//! Hardened output: the input with every fix the chosen profile's rules offer,
//! applied together, plus the list of changes and of what is left to do by hand.
//!
//! Fixes are applied in rounds: a round analyses the text, applies every fix that
//! does not overlap another, and hands the result to the next round, until a round
//! finds nothing left to apply. Fixes that overlap (two items removed from one flow
//! list) are taken in a later round, when their positions are fresh. Each change is
//! reported at its place in the *input*, mapped back through the rounds before it.

use crate::analyze::{analyze, Analysis, AnalyzeOptions, InputKind};
use crate::diagnostic::{Applicability, Diagnostic, DiagnosticKind, Locator, Severity};
use crate::json::{JsonWriter, ToJson};
use crate::model::shared::Readers;
use crate::report::fixes::{apply_proposed, ByteEdit, ProposedFix};
use crate::rules::{registry, FixAvailability};
use crate::span::{Range, Span};

pub mod convert;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod render;

/// Rounds after which hardening stops even if fixes remain: each round applies at
/// least one fix, and no fix of the catalogue needs more than a few rounds to meet
/// the fixes it overlaps.
const MAX_ROUNDS: usize = 8;

/// What to harden with.
#[derive(Clone, Debug, Default)]
pub struct HardenOptions {
    pub analyze: AnalyzeOptions,
    /// Apply fixes that change what the container may do, not only safe ones.
    pub include_unsafe: bool,
}

/// The hardened text and what was done to get it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hardened {
    /// The front-end that read the input.
    pub input: InputKind,
    pub text: String,
    /// Whether unsafe (behaviour-changing) fixes were applied.
    pub include_unsafe: bool,
    /// In input order.
    pub changes: Vec<Change>,
    /// The findings of the hardened text, each with why it was not fixed.
    pub unfixed: Vec<Unfixed>,
}

/// One fix applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub code: String,
    pub name: String,
    /// Plain text, e.g. "Drop ALL".
    pub title: String,
    pub applicability: Applicability,
    /// The containers the changed text belongs to: more than one when a setting
    /// several services share (an anchor, `extends`) was changed where it is written.
    pub containers: Vec<String>,
    /// Where the change is, in the input.
    pub range: Range,
    pub byte_range: [u32; 2],
}

/// A finding hardening left in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfixed {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub container: Option<String>,
    /// Where it is, in the hardened text.
    pub range: Range,
    pub reason: UnfixedReason,
}

/// Why a finding has not been fixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnfixedReason {
    /// The rule has no automatic fix: what to do depends on the workload.
    NoFix,
    /// Its fix changes behaviour and unsafe fixes were not asked for.
    Unsafe,
    /// The rule has a fix, but not for the way this setting is written (e.g. a
    /// flow-mapping service that cannot take a new key line).
    NotWritable,
    /// An inline comment suppresses it.
    Suppressed,
    /// Its fix kept colliding with another one within the rounds allowed.
    Conflict,
    /// A problem with the input itself, which only its author can resolve.
    Input,
}

impl ToJson for Hardened {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("input", &self.input),
            ("text", &self.text),
            ("includeUnsafe", &self.include_unsafe),
            ("changes", &self.changes),
            ("unfixed", &self.unfixed),
        ]);
    }
}

impl ToJson for Change {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("code", &self.code),
            ("name", &self.name),
            ("title", &self.title),
            ("applicability", &self.applicability),
            ("containers", &self.containers),
            ("range", &self.range),
            ("byteRange", &self.byte_range),
        ]);
    }
}

impl ToJson for Unfixed {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("code", &self.code),
            ("name", &self.name),
            ("severity", &self.severity),
            ("message", &self.message),
            ("container", &self.container),
            ("range", &self.range),
            ("reason", &self.reason),
        ]);
    }
}

impl ToJson for UnfixedReason {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            UnfixedReason::NoFix => "noFix",
            UnfixedReason::Unsafe => "unsafe",
            UnfixedReason::NotWritable => "notWritable",
            UnfixedReason::Suppressed => "suppressed",
            UnfixedReason::Conflict => "conflict",
            UnfixedReason::Input => "input",
        });
    }
}

/// Hardens `text`: see the module documentation.
pub fn harden(text: &str, options: &HardenOptions) -> Hardened {
    let input_locator = Locator::new(text);
    let mut current = text.to_string();
    // The edits of each round so far, in that round's own coordinates.
    let mut rounds: Vec<Vec<ByteEdit>> = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    let mut analysis = analyze(&current, &options.analyze);
    let input = analysis.input;
    for _ in 0..MAX_ROUNDS {
        let proposed: Vec<Option<ProposedFix>> =
            analysis.diagnostics.iter().map(ProposedFix::of).collect();
        let outcome = apply_proposed(&current, &proposed, options.include_unsafe);
        if outcome.applied.is_empty() || outcome.text == current {
            break;
        }
        let mut round: Vec<ByteEdit> = Vec::new();
        let readers = Readers::new(&analysis.containers);
        for applied in &outcome.applied {
            let diagnostic = &analysis.diagnostics[applied.index];
            let fix = diagnostic.fix.as_ref().expect("an applied fix exists");
            // Empty insertions only claim a place (see the Compose editor): they
            // change nothing and are no part of the change.
            let edits: Vec<ByteEdit> = fix
                .edits
                .iter()
                .filter(|edit| edit.byte_range[0] < edit.byte_range[1] || !edit.content.is_empty())
                .map(|edit| (edit.byte_range, edit.content.clone()))
                .collect();
            let span = edits
                .iter()
                .fold(None, |covered: Option<Span>, (range, _)| {
                    let span = Span::new(range[0] as usize, range[1] as usize);
                    Some(covered.map_or(span, |covered| covered.cover(span)))
                });
            let span = in_input(span.unwrap_or(diagnostic.span), &rounds);
            let affected = affected(&analysis, &readers, diagnostic, &edits);
            record(
                &mut changes,
                diagnostic,
                &fix.title,
                affected,
                span,
                &input_locator,
            );
            for edit in edits {
                if !round.contains(&edit) {
                    round.push(edit);
                }
            }
        }
        crate::sort::by_key(&mut round, |(range, _)| *range);
        rounds.push(round);
        current = outcome.text;
        analysis = analyze(&current, &options.analyze);
    }
    crate::sort::by_key(&mut changes, |change| {
        (change.byte_range, change.code.clone())
    });
    let unfixed = unfixed(&analysis, options.include_unsafe);
    Hardened {
        input,
        text: current,
        include_unsafe: options.include_unsafe,
        changes,
        unfixed,
    }
}

/// The containers `edits` change: the diagnostic's own first, then the first few
/// others that read the edited text (through an anchor or `extends`). Each of those
/// with a finding of its own adds itself when its fix is recorded.
fn affected(
    analysis: &Analysis,
    readers: &Readers,
    diagnostic: &Diagnostic,
    edits: &[ByteEdit],
) -> Vec<String> {
    let containers = &analysis.containers;
    let own = diagnostic
        .container
        .as_ref()
        .and_then(|name| containers.iter().position(|c| &c.name == name));
    let others = match (own, edits.first()) {
        (Some(index), Some(([start, end], _))) => {
            let at = Span::new(*start as usize, *end as usize);
            readers.others(containers, index, at).first
        }
        _ => Vec::new(),
    };
    let others = others
        .into_iter()
        .map(|index| containers[index].name.clone());
    diagnostic.container.iter().cloned().chain(others).collect()
}

/// Adds the change a diagnostic's fix made, or the containers it affects to the same
/// change already recorded for another container (a shared setting).
fn record(
    changes: &mut Vec<Change>,
    diagnostic: &Diagnostic,
    title: &str,
    containers: Vec<String>,
    span: Span,
    locator: &Locator,
) {
    let byte_range = [span.start, span.end];
    let same = changes
        .iter_mut()
        .find(|change| change.byte_range == byte_range && change.code == diagnostic.code);
    match same {
        Some(change) => {
            for container in containers {
                if !change.containers.contains(&container) {
                    change.containers.push(container);
                }
            }
        }
        None => changes.push(Change {
            code: diagnostic.code.clone(),
            name: diagnostic.name.clone(),
            title: title.to_string(),
            applicability: diagnostic
                .fix
                .as_ref()
                .map_or(Applicability::Safe, |fix| fix.applicability),
            containers,
            range: locator.range(span),
            byte_range,
        }),
    }
}

/// The span of the text of the latest round, in the input: mapped back through the
/// rounds' edits, latest first. A position inside inserted text maps to where the
/// insertion was made.
fn in_input(span: Span, rounds: &[Vec<ByteEdit>]) -> Span {
    rounds.iter().rev().fold(span, |span, edits| {
        Span::new(
            before_edits(span.start, edits, false) as usize,
            before_edits(span.end, edits, true) as usize,
        )
    })
}

/// Where `offset` of a text was before `edits` (sorted, in the old text's offsets)
/// made it: `end` picks the end of a replaced range for a position inside its new text.
fn before_edits(offset: u32, edits: &[ByteEdit], end: bool) -> u32 {
    let mut shift: i64 = 0;
    for ([start, stop], content) in edits {
        let new_start = (i64::from(*start) + shift) as u32;
        let new_end = new_start + content.len() as u32;
        // An end right where text was deleted stays before the deleted text: a change
        // that ends there did not reach into it.
        if offset < new_start || (end && offset == new_start && content.is_empty()) {
            break;
        }
        if offset <= new_end && (offset < new_end || !content.is_empty()) {
            return if end { *stop } else { *start };
        }
        shift += content.len() as i64 - i64::from(stop - start);
    }
    (i64::from(offset) - shift) as u32
}

/// The findings of the final analysis, each with why it is still there.
fn unfixed(analysis: &Analysis, include_unsafe: bool) -> Vec<Unfixed> {
    analysis
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let rule_has_fix = registry::find(&diagnostic.code)
                .is_some_and(|rule| rule.fix != FixAvailability::None);
            let reason = match &diagnostic.fix {
                _ if diagnostic.suppressed.is_some() => UnfixedReason::Suppressed,
                _ if diagnostic.kind == DiagnosticKind::Input => UnfixedReason::Input,
                Some(fix) if fix.applicability == Applicability::Unsafe && !include_unsafe => {
                    UnfixedReason::Unsafe
                }
                Some(_) => UnfixedReason::Conflict,
                None if rule_has_fix => UnfixedReason::NotWritable,
                None => UnfixedReason::NoFix,
            };
            Unfixed {
                code: diagnostic.code.clone(),
                name: diagnostic.name.clone(),
                severity: diagnostic.severity,
                message: diagnostic.message.clone(),
                container: diagnostic.container.clone(),
                range: diagnostic.range,
                reason,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Profile};

    fn options(profile: Profile, include_unsafe: bool) -> HardenOptions {
        HardenOptions {
            analyze: AnalyzeOptions {
                config: Config {
                    profile,
                    ..Config::default()
                },
                ..AnalyzeOptions::default()
            },
            include_unsafe,
        }
    }

    #[test]
    fn positions_map_back_through_earlier_edits() {
        // "abcdef" → "aXYdef" (bc replaced) → positions after shift back by 0,
        // inside the replacement map to the replaced range.
        let edits = vec![([1, 3], "XY".to_string()), ([4, 4], "++".to_string())];
        assert_eq!(before_edits(0, &edits, false), 0);
        assert_eq!(before_edits(2, &edits, false), 1);
        assert_eq!(before_edits(2, &edits, true), 3);
        assert_eq!(before_edits(3, &edits, false), 1);
        // "aXYd++ef": `e` is at 6 now and was at 4.
        assert_eq!(before_edits(6, &edits, false), 4);
        assert_eq!(before_edits(7, &edits, false), 5);
        // "abcdefgh" → "abcd" (efgh deleted): a start at 4 is after the deletion, an
        // end at 4 before it.
        let deleted = vec![([4, 8], String::new())];
        assert_eq!(before_edits(4, &deleted, false), 8);
        assert_eq!(before_edits(4, &deleted, true), 4);
    }

    #[test]
    fn safe_only_by_default_and_everything_with_unsafe() {
        let text = "services:\n  web:\n    image: nginx:1.27\n    security_opt: [\"seccomp:unconfined\"]\n    privileged: true\n";
        let safe = harden(text, &options(Profile::Default, false));
        assert_eq!(
            safe.text,
            "services:\n  web:\n    image: nginx:1.27\n    security_opt: [\"seccomp=unconfined\"]\n    privileged: true\n"
        );
        let codes: Vec<&str> = safe.changes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["SEC-008"]);
        assert_eq!(
            (
                safe.changes[0].range.start.line,
                safe.changes[0].range.start.column
            ),
            (4, 28)
        );
        let privileged = safe.unfixed.iter().find(|u| u.code == "PRIV-001").unwrap();
        assert_eq!(privileged.reason, UnfixedReason::Unsafe);

        let all = harden(text, &options(Profile::Default, true));
        assert_eq!(
            all.text,
            "services:\n  web:\n    image: nginx:1.27\n    privileged: false\n"
        );
        assert!(all
            .unfixed
            .iter()
            .all(|u| u.code != "PRIV-001" && u.code != "SEC-001"));
        assert_eq!(
            harden(&all.text, &options(Profile::Default, true)).text,
            all.text
        );
    }

    #[test]
    fn fixes_that_overlap_meet_in_later_rounds() {
        // Both items of one flow list go: the second removal waits for a round.
        let text = "services:\n  app:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN, SYS_MODULE]\n    user: app\n";
        let hardened = harden(text, &options(Profile::Default, true));
        assert_eq!(
            hardened.text,
            "services:\n  app:\n    image: nginx:1.27\n    user: app\n"
        );
        let codes: Vec<&str> = hardened.changes.iter().map(|c| c.code.as_str()).collect();
        // In input order: the second removal took the whole line, which starts first.
        assert_eq!(codes, ["CAP-003", "CAP-002"]);
        assert!(hardened.changes.iter().all(|c| c.range.start.line == 4));
    }

    #[test]
    fn a_block_list_emptied_by_one_round_loses_its_key_once() {
        // Both items go; the list's key goes with the last one, and the option the
        // profile wants is added as a new list, not a second `security_opt` key.
        let text = "services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n      - apparmor:unconfined\n    user: app\n";
        let hardened = harden(text, &options(Profile::Restricted, true));
        assert_eq!(
            hardened.text.matches("security_opt").count(),
            1,
            "{}",
            hardened.text
        );
        assert!(!hardened.text.contains("unconfined"), "{}", hardened.text);
        assert_eq!(
            harden(&hardened.text, &options(Profile::Restricted, true)).text,
            hardened.text
        );
    }

    #[test]
    fn an_anchored_setting_is_changed_once_for_every_service_reading_it() {
        let text = "x-common: &common\n  privileged: true\nservices:\n  a:\n    <<: *common\n    image: nginx:1.27\n  b:\n    <<: *common\n    image: nginx:1.27\n  c:\n    image: nginx:1.27\n";
        let hardened = harden(text, &options(Profile::Default, true));
        assert_eq!(
            hardened.text,
            text.replace("privileged: true", "privileged: false")
        );
        let change = hardened
            .changes
            .iter()
            .find(|change| change.code == "PRIV-001")
            .unwrap();
        assert_eq!(change.containers, ["a", "b"]);
        assert_eq!(
            (change.range.start.line, change.range.start.column),
            (2, 15)
        );
    }

    #[test]
    fn fixes_combine_into_a_service_that_still_starts() {
        // nginx: read-only with a tmpfs where it writes, ALL dropped with the three
        // capabilities it uses added back, no-new-privileges joined to the list there.
        let text = "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - label=type:svirt_apache_t\n    ports:\n      - \"8080:80\"\n";
        let hardened = harden(text, &options(Profile::Cis, true));
        assert_eq!(
            hardened.text,
            "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges=true\n      - label=type:svirt_apache_t\n    ports:\n      - \"127.0.0.1:8080:80\"\n    cap_drop: [ALL]\n    cap_add: [CHOWN, SETGID, SETUID]\n    read_only: true\n    tmpfs: [/var/cache/nginx, /var/run]\n"
        );
    }

    #[test]
    fn run_commands_are_hardened_flag_by_flag() {
        let text =
            "docker run -d \\\n  --privileged \\\n  --pid=host \\\n  -p 8080:80 nginx:1.27\n";
        let hardened = harden(text, &options(Profile::Restricted, true));
        assert_eq!(
            hardened.text,
            "docker run -d \\\n  -p 127.0.0.1:8080:80 --read-only --tmpfs=/var/cache/nginx --tmpfs=/var/run --cap-drop=ALL --security-opt=no-new-privileges nginx:1.27\n"
        );
    }
}
