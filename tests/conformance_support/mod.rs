// Each conformance test uses a different part of this module.
#![allow(dead_code)]

//! Scoring shipshape against a peer scanner's own test samples (KICS, semgrep).
//!
//! Each peer query is mapped to the rule(s) of ours that cover the same risk. A peer
//! positive is hit when one of our findings of those rules is where the peer expects
//! it; a peer negative is clean when none is there. Deliberate disagreements are
//! listed with a reason, and a listed disagreement that stops disagreeing fails too,
//! so the list stays true.

use shipshape::config::{Config, Profile};
use shipshape::rules::registry;
use shipshape::{analyze, AnalyzeOptions, InputKind};
use std::ops::RangeInclusive;
use std::path::PathBuf;

/// `../shared/peers/<name>`, or `None` (after saying so) when `../shared` is absent.
pub fn peer_dir(name: &str) -> Option<PathBuf> {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !shared.is_dir() {
        println!("skipped: ../shared not found");
        return None;
    }
    Some(shared.join("peers").join(name))
}

/// Where our finding may be, relative to the line the peer reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// On the peer's line (both anchor on the same key or value).
    Line,
    /// Anywhere in the block of the key on the peer's line: the peer anchors on a
    /// parent key (`ports:`, `volumes:`, `security_opt:`, the service name), we on
    /// the entry at fault.
    Block,
    /// Anywhere in the service around the peer's line: for a missing setting the
    /// peer picks the deepest key that exists (`deploy`, `resources`, `limits`),
    /// we report once per service.
    Service,
}

impl Anchor {
    fn label(self) -> &'static str {
        match self {
            Anchor::Line => "line",
            Anchor::Block => "block",
            Anchor::Service => "service",
        }
    }
}

/// A peer query or rule and the rules of ours that cover it.
pub struct Mapping {
    pub peer: &'static str,
    pub rules: &'static [&'static str],
    pub anchor: Anchor,
}

/// A peer expectation we deliberately do not meet: a positive we do not flag, or a
/// negative we do. `line` is the peer's line (`None`: a whole negative file).
#[derive(Clone, Copy)]
pub struct Disagreement {
    pub peer: &'static str,
    pub file: &'static str,
    pub line: Option<u32>,
    pub reason: &'static str,
}

impl Disagreement {
    pub const fn at(
        peer: &'static str,
        file: &'static str,
        line: Option<u32>,
        reason: &'static str,
    ) -> Disagreement {
        Disagreement {
            peer,
            file,
            line,
            reason,
        }
    }
}

/// One peer sample file and what the peer expects of it.
pub struct Sample {
    pub peer: String,
    pub file: String,
    pub text: String,
    pub expectations: Vec<Expectation>,
}

/// A finding the peer expects (`positive`) or rules out, at `line` (`None`:
/// anywhere in the file).
pub struct Expectation {
    pub positive: bool,
    pub line: Option<u32>,
}

/// The profile that runs all of `rules`, preferring cis, then restricted.
fn profile_for(rules: &[&str]) -> Profile {
    [
        Profile::Cis,
        Profile::Restricted,
        Profile::Baseline,
        Profile::Default,
    ]
    .into_iter()
    .find(|profile| {
        rules.iter().all(|code| {
            let rule = registry::find(code).unwrap_or_else(|| panic!("{code} is not a rule"));
            registry::in_profile(rule, *profile)
        })
    })
    .unwrap_or_else(|| panic!("no single profile runs all of {rules:?}"))
}

/// Start lines of our findings of `rules` on a Compose `text`.
fn finding_lines(text: &str, rules: &[&str]) -> Vec<u32> {
    let options = AnalyzeOptions {
        config: Config {
            profile: profile_for(rules),
            ..Config::default()
        },
        input: InputKind::Compose,
        ..AnalyzeOptions::default()
    };
    analyze(text, &options)
        .diagnostics
        .iter()
        .filter(|d| rules.contains(&d.code.as_str()))
        .map(|d| d.range.start.line)
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// Lines `line..=end` where `end` is the last line nested deeper than `line`.
fn block(text: &str, line: u32) -> RangeInclusive<u32> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = lines.get(line as usize - 1) else {
        return line..=line;
    };
    let own = indent(first);
    let mut end = line;
    for (index, next) in lines.iter().enumerate().skip(line as usize) {
        if !is_content(next) {
            continue;
        }
        if indent(next) <= own {
            break;
        }
        end = index as u32 + 1;
    }
    line..=end
}

/// The block of the service key containing `line` (the nearest line above it, or
/// itself, indented like the first key under top-level `services:`).
fn service_block(text: &str, line: u32) -> RangeInclusive<u32> {
    let lines: Vec<&str> = text.lines().collect();
    let services = lines.iter().position(|l| l.trim_end() == "services:");
    let service_indent = services.and_then(|start| {
        lines[start + 1..]
            .iter()
            .find(|l| is_content(l))
            .map(|l| indent(l))
    });
    let (Some(start), Some(service_indent)) = (services, service_indent) else {
        return block(text, line);
    };
    let key = (start + 1..line as usize)
        .rev()
        .find(|&index| is_content(lines[index]) && indent(lines[index]) == service_indent);
    match key {
        Some(index) if index >= start => block(text, index as u32 + 1),
        _ => block(text, line),
    }
}

/// `A,B,C`, or `A..Z` for longer lists, to keep the table narrow.
fn rule_list(rules: &[&str]) -> String {
    match rules {
        [first, .., last] if rules.len() > 3 => format!("{first}..{last}"),
        _ => rules.join(","),
    }
}

fn region(text: &str, anchor: Anchor, line: u32) -> RangeInclusive<u32> {
    match anchor {
        Anchor::Line => line..=line,
        Anchor::Block => block(text, line),
        Anchor::Service => service_block(text, line),
    }
}

/// Scores `samples` against `mappings`, prints the table and returns the failures:
/// unexplained misses and hits, stale disagreements, unmapped peer queries.
pub fn score(
    samples: &[Sample],
    mappings: &[Mapping],
    unmapped: &[(&str, &str)],
    disagreements: &[Disagreement],
) -> Vec<String> {
    let mut failures = Vec::new();
    println!(
        "{:<46} {:<24} {:<8} {:>9} {:>9} {:>9}",
        "peer query", "mapped rules", "anchor", "positive", "negative", "explained"
    );
    let mut peers: Vec<&str> = samples.iter().map(|s| s.peer.as_str()).collect();
    peers.dedup();
    for peer in peers {
        let Some(mapping) = mappings.iter().find(|m| m.peer == peer) else {
            match unmapped.iter().find(|(name, _)| *name == peer) {
                Some((_, reason)) => println!("{peer:<46} (unmapped: {reason})"),
                None => failures.push(format!("{peer}: neither mapped nor listed as unmapped")),
            }
            continue;
        };
        let (mut hit, mut positives, mut clean, mut negatives, mut explained) = (0, 0, 0, 0, 0);
        for sample in samples.iter().filter(|s| s.peer == peer) {
            let found = finding_lines(&sample.text, mapping.rules);
            for expectation in &sample.expectations {
                let agrees = match expectation.line {
                    Some(line) => {
                        let region = region(&sample.text, mapping.anchor, line);
                        found.iter().any(|l| region.contains(l)) == expectation.positive
                    }
                    None => found.is_empty() != expectation.positive,
                };
                let listed = disagreements.iter().find(|d| {
                    d.peer == peer && d.file == sample.file && d.line == expectation.line
                });
                let place = match expectation.line {
                    Some(line) => format!("{}:{line}", sample.file),
                    None => sample.file.clone(),
                };
                let kind = if expectation.positive {
                    "positive"
                } else {
                    "negative"
                };
                match (agrees, listed) {
                    (true, None) => {}
                    (true, Some(_)) => failures.push(format!(
                        "{peer} {place}: listed as a disagreement but we now agree; remove it from the list"
                    )),
                    (false, Some(_)) => {}
                    (false, None) => failures.push(format!(
                        "{peer} {place}: unexplained {} on a {kind} (mapped {:?}, our findings on lines {found:?})",
                        if expectation.positive { "miss" } else { "hit" },
                        mapping.rules
                    )),
                }
                if listed.is_some() && !agrees {
                    explained += 1;
                } else if expectation.positive {
                    positives += 1;
                    hit += usize::from(agrees);
                } else {
                    negatives += 1;
                    clean += usize::from(agrees);
                }
            }
        }
        println!(
            "{peer:<46} {:<24} {:<8} {:>9} {:>9} {explained:>9}",
            rule_list(mapping.rules),
            mapping.anchor.label(),
            format!("{hit}/{positives}"),
            format!("{clean}/{negatives}"),
        );
    }
    for listed in disagreements {
        let known = samples.iter().any(|sample| {
            sample.peer == listed.peer
                && sample.file == listed.file
                && sample.expectations.iter().any(|e| e.line == listed.line)
        });
        if !known {
            failures.push(format!(
                "disagreement {} {} {:?} matches no peer expectation",
                listed.peer, listed.file, listed.line
            ));
        }
    }
    failures
}
