//! The escape paths of a container as every surface shows them: positions instead of
//! byte spans, the findings each setting raised, and the minimal fixes as text edits.
//!
//! The edits come from the editors the rules' fixes go through (`fixes::plan`), which
//! turn a change on the model into text in the syntax it was written in.

use super::{Change, ContainerPaths, EscapePath, FixChange, Impact, Reference};
use crate::diagnostic::{listed, Diagnostic, Edit, Locator};
use crate::fixes;
use crate::json::{JsonWriter, ToJson};
use crate::model::edit::{Intent, List};
use crate::model::Container;
use crate::span::{Range, Span};

#[derive(Clone, Debug, PartialEq)]
pub struct EscapePathsView {
    pub open: Vec<PathView>,
    /// Techniques with every precondition but one, for teaching.
    pub one_step_away: Vec<PathView>,
    /// Each smallest set of changes that closes every open path; several when there
    /// is a choice, none when nothing is open.
    pub minimal_fixes: Vec<MinimalFixView>,
    /// True when more minimal sets exist than `minimalFixes` lists.
    pub more_minimal_fixes: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PathView {
    /// Stable identifier of the technique, e.g. `cgroup-release-agent`.
    pub technique: &'static str,
    pub title: &'static str,
    pub impacts: Vec<Impact>,
    /// The preconditions, in order; for a path one step away, one has `met: false`.
    pub steps: Vec<StepView>,
    /// What the attacker does once every step holds.
    pub outcome: &'static str,
    pub references: &'static [Reference],
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub text: &'static str,
    pub met: bool,
    /// The first [`crate::diagnostic::LISTED_ENTRIES`] settings that make it hold (none when it does
    /// not), and how many more.
    pub settings: Vec<SettingView>,
    pub more_settings: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SettingView {
    pub description: String,
    /// Where it is written; `null` for an engine default nothing in the text says.
    pub range: Option<Range>,
    pub byte_range: Option<[u32; 2]>,
    /// What takes it away: "remove `privileged: true`", "drop NET_RAW (`cap_drop`)".
    pub change: String,
    /// Codes of the unsuppressed findings reported at this setting.
    pub findings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MinimalFixView {
    pub changes: Vec<ChangeView>,
    /// The changes as text edits, non-overlapping, in text order.
    pub edits: Vec<Edit>,
    /// False when some change has no automatic edit (e.g. a setting inherited
    /// through an anchor); `edits` then holds the others.
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChangeView {
    pub title: String,
    pub range: Option<Range>,
}

impl ToJson for EscapePathsView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("open", &self.open),
            ("oneStepAway", &self.one_step_away),
            ("minimalFixes", &self.minimal_fixes),
            ("moreMinimalFixes", &self.more_minimal_fixes),
        ]);
    }
}

impl ToJson for PathView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("technique", &self.technique),
            ("title", &self.title),
            ("impacts", &self.impacts),
            ("steps", &self.steps),
            ("outcome", &self.outcome),
            ("references", &self.references),
        ]);
    }
}

impl ToJson for StepView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("text", &self.text),
            ("met", &self.met),
            ("settings", &self.settings),
            ("moreSettings", &self.more_settings),
        ]);
    }
}

impl ToJson for SettingView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("description", &self.description),
            ("range", &self.range),
            ("byteRange", &self.byte_range),
            ("change", &self.change),
            ("findings", &self.findings),
        ]);
    }
}

impl ToJson for MinimalFixView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[
            ("changes", &self.changes),
            ("edits", &self.edits),
            ("complete", &self.complete),
        ]);
    }
}

impl ToJson for ChangeView {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("title", &self.title), ("range", &self.range)]);
    }
}

impl ToJson for Impact {
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(match self {
            Impact::HostRoot => "hostRoot",
            Impact::HostFileRead => "hostFileRead",
            Impact::HostFileWrite => "hostFileWrite",
            Impact::DenialOfService => "denialOfService",
            Impact::TrafficInterception => "trafficInterception",
            Impact::LateralMovement => "lateralMovement",
        });
    }
}

impl ToJson for Reference {
    fn write_json(&self, out: &mut JsonWriter) {
        out.object(&[("name", &self.name), ("url", &self.url)]);
    }
}

impl EscapePathsView {
    pub fn new(
        container: &Container,
        own: &[&Diagnostic],
        text: &str,
        locator: &Locator,
    ) -> EscapePathsView {
        let paths = super::analyze(container);
        let own: Vec<&Diagnostic> = own
            .iter()
            .copied()
            .filter(|d| d.suppressed.is_none())
            .collect();
        let path_view = |path: &EscapePath| PathView::new(path, &own, locator);
        let ContainerPaths {
            open,
            one_step_away,
            minimal_fixes,
            more_fixes,
        } = &paths;
        EscapePathsView {
            open: open.iter().map(path_view).collect(),
            one_step_away: one_step_away.iter().map(path_view).collect(),
            minimal_fixes: minimal_fixes
                .iter()
                .map(|changes| MinimalFixView::new(changes, container, text, locator))
                .collect(),
            more_minimal_fixes: *more_fixes,
        }
    }
}

impl PathView {
    fn new(path: &EscapePath, diagnostics: &[&Diagnostic], locator: &Locator) -> PathView {
        let technique = path.technique;
        PathView {
            technique: technique.id,
            title: technique.title,
            impacts: technique.impacts.to_vec(),
            steps: path
                .steps
                .iter()
                .map(|step| {
                    let (settings, more_settings) = listed(step.enablers.iter().map(|enabler| {
                        SettingView {
                            description: enabler.description.clone(),
                            range: enabler.span.map(|span| locator.range(span)),
                            byte_range: enabler.span.map(|span| [span.start, span.end]),
                            change: enabler.change_title.clone(),
                            findings: enabler
                                .span
                                .map(|span| findings_at(diagnostics, span))
                                .unwrap_or_default(),
                        }
                    }));
                    StepView {
                        text: step.step.text,
                        met: step.holds(),
                        settings,
                        more_settings,
                    }
                })
                .collect(),
            outcome: technique.outcome,
            references: technique.references,
        }
    }
}

/// The codes of the findings whose location lies within the setting or covers it.
fn findings_at(diagnostics: &[&Diagnostic], span: Span) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for diagnostic in diagnostics {
        let at = diagnostic.span;
        let within = span.start <= at.start && at.end <= span.end;
        let covers = at.start <= span.start && span.end <= at.end;
        if !at.is_empty() && (within || covers) && !codes.contains(&diagnostic.code) {
            codes.push(diagnostic.code.clone());
        }
    }
    codes
}

impl Change {
    /// The fix intent that makes this change.
    fn intent(&self) -> Intent {
        match self {
            Change::Remove(at) => Intent::Remove { at: *at },
            Change::DropCapability(name) => Intent::AddItems {
                list: List::CapDrop,
                values: vec![name.to_string()],
            },
        }
    }
}

impl MinimalFixView {
    fn new(
        changes: &[FixChange],
        container: &Container,
        text: &str,
        locator: &Locator,
    ) -> MinimalFixView {
        let intents: Vec<Intent> = changes
            .iter()
            .map(|change| change.change.intent())
            .collect();
        // All the changes at once; failing that, each one that can be written alone.
        let (raw, complete) = match fixes::plan(text, container, &intents) {
            Some(edits) => (edits, true),
            None => {
                let each = intents.iter().filter_map(|intent| {
                    fixes::plan(text, container, std::slice::from_ref(intent))
                });
                (each.flatten().collect(), false)
            }
        };
        let (merged, all_merged) = merge(raw);
        MinimalFixView {
            changes: changes
                .iter()
                .map(|change| ChangeView {
                    title: change.title.clone(),
                    range: change.span.map(|span| locator.range(span)),
                })
                .collect(),
            edits: merged
                .into_iter()
                .map(|(span, content)| locator.edit(span, content))
                .collect(),
            complete: complete && all_merged,
        }
    }
}

/// Sorts edits and makes them non-overlapping: insertions at one point are joined in
/// order, overlapping deletions become one (removing two items of a flow list).
/// Returns false as well when two edits conflict and one had to be left out.
fn merge(raw: Vec<(Span, String)>) -> (Vec<(Span, String)>, bool) {
    let sorted = super::sorted_by_key(raw, |(span, _)| (span.start, span.end));
    let mut merged: Vec<(Span, String)> = Vec::new();
    let mut clean = true;
    for (span, content) in sorted {
        let Some((last, last_content)) = merged.last_mut() else {
            merged.push((span, content));
            continue;
        };
        if span.is_empty() && last.is_empty() && span.start == last.start {
            last_content.push_str(&content);
        } else if span.start < last.end {
            if content.is_empty() && last_content.is_empty() {
                *last = last.cover(span);
            } else if span != *last || content != *last_content {
                clean = false;
            }
        } else {
            merged.push((span, content));
        }
    }
    (merged, clean)
}
