//! Applying fixes to the text they were computed for: the CLI's `--fix`.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The fixed text and what happened to each fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// Diagnostics whose fix was applied (or was the same as one applied: a
    /// setting inherited by several services has one fix per service).
    pub fixed: usize,
    /// Diagnostics whose fix overlaps one already applied; they need another run.
    pub skipped: usize,
}

/// Applies the fixes of the unsuppressed `diagnostics` to `text`, in order of
/// position, leaving out every fix whose edits overlap an applied one. Fixes that
/// change behaviour are applied only with `include_unsafe`.
pub fn apply(text: &str, diagnostics: &[Diagnostic], include_unsafe: bool) -> Applied {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.suppressed.is_none())
        .filter_map(|diagnostic| diagnostic.fix.as_ref())
        .filter(|fix| include_unsafe || fix.applicability == Applicability::Safe)
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|edit| edit.byte_range).min());
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied_fixes: Vec<&[Edit]> = Vec::new();
    let (mut fixed, mut skipped) = (0, 0);
    for edits in fixes {
        if applied_fixes.contains(&edits) {
            fixed += 1;
        } else if edits
            .iter()
            .any(|edit| chosen.iter().any(|c| overlap(c, edit)))
        {
            skipped += 1;
        } else {
            chosen.extend(edits);
            applied_fixes.push(edits);
            fixed += 1;
        }
    }
    chosen.sort_by_key(|edit| edit.byte_range);
    let mut fixed_text = String::with_capacity(text.len());
    let mut at = 0;
    for edit in chosen {
        let [start, end] = edit.byte_range.map(|offset| offset as usize);
        fixed_text.push_str(&text[at..start]);
        fixed_text.push_str(&edit.content);
        at = end;
    }
    fixed_text.push_str(&text[at..]);
    Applied {
        text: fixed_text,
        fixed,
        skipped,
    }
}

/// Two edits collide when their ranges share a byte, or both insert at one point.
fn overlap(a: &Edit, b: &Edit) -> bool {
    let ([a_start, a_end], [b_start, b_end]) = (a.byte_range, b.byte_range);
    (a_start < b_end && b_start < a_end) || a_start == b_start
}

#[cfg(test)]
mod tests {
    use super::apply;
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
}
