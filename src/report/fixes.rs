//! Applying fixes to the text they were computed for: the CLI's `--fix` and the npm
//! package's `applyFixes`.
//!
//! Each fix is all or nothing. Fixes are taken in order of position, and one whose
//! edits overlap a fix already taken is skipped: its bytes have changed, so it needs
//! another analysis of the result. Fixes that change behaviour are taken only when
//! asked for.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::json::{JsonWriter, ToJson};

/// A byte range of the analysed text and its replacement.
pub type ByteEdit = ([u32; 2], String);

/// One diagnostic's fix, as applying it needs it: from a [`Diagnostic`], or read back
/// from the JavaScript objects a report was turned into.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposedFix {
    pub code: String,
    pub applicability: Applicability,
    pub suppressed: bool,
    pub edits: Vec<ByteEdit>,
}

impl ProposedFix {
    /// The fix of `diagnostic`, if it has one.
    pub fn of(diagnostic: &Diagnostic) -> Option<ProposedFix> {
        let fix = diagnostic.fix.as_ref()?;
        Some(ProposedFix {
            code: diagnostic.code.clone(),
            applicability: fix.applicability,
            suppressed: diagnostic.suppressed.is_some(),
            edits: fix
                .edits
                .iter()
                .map(|edit| (edit.byte_range, edit.content.clone()))
                .collect(),
        })
    }
}

/// The fixed text and what became of each fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub text: String,
    /// In the order of the diagnostics given.
    pub applied: Vec<AppliedFix>,
    /// In the order of the diagnostics given.
    pub skipped: Vec<SkippedFix>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    /// The diagnostic's position in the list given.
    pub index: usize,
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFix {
    pub index: usize,
    pub code: String,
    pub reason: SkipReason,
    /// With `overlap`: the applied fix's diagnostic it collides with.
    pub overlaps: Option<usize>,
}

/// Why a fix was not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// It changes what the container may do, and unsafe fixes were not asked for.
    Unsafe,
    /// An inline comment suppressed its diagnostic.
    Suppressed,
    /// Its edits overlap a fix applied before it; analyse the result again for it.
    Overlap,
    /// Its edits do not fit the text (outside it, inside a character, or overlapping
    /// each other): the text is not the one analysed.
    Invalid,
}

impl ToJson for Outcome {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("text", &self.text),
            ("applied", &self.applied),
            ("skipped", &self.skipped),
        ]);
    }
}

impl ToJson for AppliedFix {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("index", &self.index), ("code", &self.code)]);
    }
}

impl ToJson for SkippedFix {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("index", &self.index),
            ("code", &self.code),
            ("reason", &self.reason),
            ("overlaps", &self.overlaps),
        ]);
    }
}

impl ToJson for SkipReason {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            SkipReason::Unsafe => "unsafe",
            SkipReason::Suppressed => "suppressed",
            SkipReason::Overlap => "overlap",
            SkipReason::Invalid => "invalid",
        });
    }
}

/// Applies the fixes of `proposed` (one entry per diagnostic, `None` for those
/// without a fix) to `text`; fixes that change behaviour only with `include_unsafe`.
pub fn apply_proposed(
    text: &str,
    proposed: &[Option<ProposedFix>],
    include_unsafe: bool,
) -> Outcome {
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    let skip = |index: usize, fix: &ProposedFix, reason, overlaps| SkippedFix {
        index,
        code: fix.code.clone(),
        reason,
        overlaps,
    };
    let mut candidates: Vec<(usize, &ProposedFix)> = Vec::new();
    for (index, fix) in proposed.iter().enumerate() {
        let Some(fix) = fix else { continue };
        let reason = if fix.suppressed {
            Some(SkipReason::Suppressed)
        } else if fix.applicability == Applicability::Unsafe && !include_unsafe {
            Some(SkipReason::Unsafe)
        } else if !fits(text, &fix.edits) {
            Some(SkipReason::Invalid)
        } else {
            None
        };
        match reason {
            Some(reason) => skipped.push(skip(index, fix, reason, None)),
            None => candidates.push((index, fix)),
        }
    }
    crate::sort::by_key(&mut candidates, |(_, fix)| {
        fix.edits.iter().map(|(range, _)| *range).min()
    });

    // The edits taken so far, sorted by range, each with its fix's diagnostic.
    let mut taken: Vec<([u32; 2], &str, usize)> = Vec::new();
    let mut taken_fixes: Vec<&[ByteEdit]> = Vec::new();
    for (index, fix) in candidates {
        // A setting inherited by several services has the same fix for each.
        if taken_fixes.contains(&fix.edits.as_slice()) {
            applied.push(AppliedFix {
                index,
                code: fix.code.clone(),
            });
            continue;
        }
        let collision = fix
            .edits
            .iter()
            .find_map(|(range, _)| collides(&taken, *range));
        if let Some(other) = collision {
            skipped.push(skip(index, fix, SkipReason::Overlap, Some(other)));
            continue;
        }
        for (range, content) in &fix.edits {
            let at = taken.partition_point(|(taken, _, _)| taken <= range);
            taken.insert(at, (*range, content, index));
        }
        taken_fixes.push(&fix.edits);
        applied.push(AppliedFix {
            index,
            code: fix.code.clone(),
        });
    }
    crate::sort::by_key(&mut applied, |fix| fix.index);
    crate::sort::by_key(&mut skipped, |fix| fix.index);

    let mut fixed = String::with_capacity(text.len());
    let mut at = 0;
    for ([start, end], content, _) in taken {
        fixed.push_str(&text[at..start as usize]);
        fixed.push_str(content);
        at = end as usize;
    }
    fixed.push_str(&text[at..]);
    Outcome {
        text: fixed,
        applied,
        skipped,
    }
}

/// Whether every edit lies inside `text` on character boundaries, none sharing a
/// byte with another.
fn fits(text: &str, edits: &[ByteEdit]) -> bool {
    let inside = edits.iter().all(|([start, end], _)| {
        start <= end
            && text.is_char_boundary(*start as usize)
            && text.is_char_boundary(*end as usize)
    });
    let mut ranges: Vec<[u32; 2]> = edits.iter().map(|(range, _)| *range).collect();
    crate::sort::by(&mut ranges, Ord::cmp);
    inside && ranges.windows(2).all(|pair| pair[0][1] <= pair[1][0])
}

/// The diagnostic whose taken edit collides with `range`: one sharing a byte with it,
/// or inserting at the same point (which would come first is undefined). `taken` is
/// sorted, so only the edits starting around `range` need a look.
fn collides(taken: &[([u32; 2], &str, usize)], range: [u32; 2]) -> Option<usize> {
    let [start, end] = range;
    let after = taken.partition_point(|([taken_start, _], _, _)| *taken_start < end.max(start + 1));
    taken[..after]
        .iter()
        .rev()
        .take_while(|([_, taken_end], _, _)| *taken_end >= start)
        .find(|([taken_start, taken_end], _, _)| {
            (*taken_start < end && start < *taken_end) || *taken_start == start
        })
        .map(|(_, _, index)| *index)
}

/// What the CLI's `--fix` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// Diagnostics whose fix was applied (or was the same as one applied: a
    /// setting inherited by several services has one fix per service).
    pub fixed: usize,
    /// Diagnostics whose fix overlaps one already applied; they need another run.
    pub skipped: usize,
}

/// Applies the fixes of the unsuppressed `diagnostics` to `text` (see
/// [`apply_proposed`]).
pub fn apply(text: &str, diagnostics: &[Diagnostic], include_unsafe: bool) -> Applied {
    let proposed: Vec<Option<ProposedFix>> = diagnostics.iter().map(ProposedFix::of).collect();
    let outcome = apply_proposed(text, &proposed, include_unsafe);
    Applied {
        fixed: outcome.applied.len(),
        skipped: outcome
            .skipped
            .iter()
            .filter(|fix| fix.reason == SkipReason::Overlap)
            .count(),
        text: outcome.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, AnalyzeOptions};

    #[test]
    fn safe_fixes_apply_and_unsafe_ones_wait_for_the_flag() {
        let text = "services:\n  web:\n    image: nginx:1.27\n    security_opt: [\"seccomp:unconfined\"]\n    pid: host\n";
        let diagnostics = analyze(text, &AnalyzeOptions::default()).diagnostics;
        let with_fix = |safe_only: bool| {
            diagnostics
                .iter()
                .filter(|d| {
                    d.fix.as_ref().is_some_and(|fix| {
                        !safe_only || fix.applicability == crate::diagnostic::Applicability::Safe
                    })
                })
                .count()
        };
        let safe = apply(text, &diagnostics, false);
        assert_eq!((safe.fixed, safe.skipped), (with_fix(true), 0));
        let all = apply(text, &diagnostics, true);
        assert_eq!(all.fixed + all.skipped, with_fix(false));
        let after = analyze(&all.text, &AnalyzeOptions::default()).diagnostics;
        assert!(after.len() < diagnostics.len(), "{}", all.text);
    }

    fn fix(code: &str, applicability: Applicability, edits: &[(u32, u32, &str)]) -> ProposedFix {
        ProposedFix {
            code: code.to_string(),
            applicability,
            suppressed: false,
            edits: edits
                .iter()
                .map(|&(start, end, content)| ([start, end], content.to_string()))
                .collect(),
        }
    }

    fn skipped(outcome: &Outcome) -> Vec<(usize, SkipReason, Option<usize>)> {
        outcome
            .skipped
            .iter()
            .map(|fix| (fix.index, fix.reason, fix.overlaps))
            .collect()
    }

    #[test]
    fn each_fix_is_skipped_with_its_reason() {
        use Applicability::{Safe, Unsafe};
        // é is two bytes: byte 1 is inside it.
        let text = "é abc def";
        let mut suppressed = fix("D", Safe, &[(8, 9, "F")]);
        suppressed.suppressed = true;
        let proposed = [
            Some(fix("A", Safe, &[(3, 6, "ABC")])),
            None,
            Some(fix("B", Safe, &[(5, 8, "x")])),
            Some(fix("C", Unsafe, &[(2, 3, "_")])),
            Some(suppressed),
            Some(fix("E", Safe, &[(1, 2, "")])),
            Some(fix("F", Safe, &[(7, 9, "D"), (8, 9, "")])),
            Some(fix("H", Safe, &[(10, 10, "!"), (0, 0, "¡")])),
            Some(fix("G", Safe, &[(0, 0, "?")])),
            Some(fix("I", Safe, &[(3, 6, "ABC")])),
            Some(fix("J", Safe, &[(12, 12, "?")])),
        ];
        let safe = apply_proposed(text, &proposed, false);
        assert_eq!(safe.text, "¡é ABC def!");
        let applied = |outcome: &Outcome| -> Vec<(usize, String)> {
            outcome
                .applied
                .iter()
                .map(|f| (f.index, f.code.clone()))
                .collect()
        };
        assert_eq!(
            applied(&safe),
            [(0, "A".into()), (7, "H".into()), (9, "I".into())]
        );
        assert_eq!(
            skipped(&safe),
            [
                (2, SkipReason::Overlap, Some(0)),
                (3, SkipReason::Unsafe, None),
                (4, SkipReason::Suppressed, None),
                (5, SkipReason::Invalid, None),
                (6, SkipReason::Invalid, None),
                (8, SkipReason::Overlap, Some(7)),
                (10, SkipReason::Invalid, None),
            ]
        );
        let all = apply_proposed(text, &proposed, true);
        assert_eq!(all.text, "¡é_ABC def!");
        assert_eq!(
            applied(&all),
            [
                (0, "A".into()),
                (3, "C".into()),
                (7, "H".into()),
                (9, "I".into())
            ]
        );
    }
}
