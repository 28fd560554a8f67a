//! The rule registry's invariants: codes, names, documentation sections, tests.

use shipshape::rules::{registry, Family, Rule};
use std::collections::HashSet;
use std::path::Path;

/// The sections every rule page has, in this order.
const SECTIONS: [&str; 7] = [
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## Fix safety",
    "## When not to use it",
    "## References",
];

/// About 60 rules are planned; a few may still be merged or split.
const MIN_RULES: usize = 55;

#[test]
fn rule_count() {
    let rules = registry::all();
    println!("{} rules", rules.len());
    for family in Family::ALL {
        let count = rules.iter().filter(|r| r.family == family).count();
        println!("  {:<5} {count}", family.prefix());
    }
    assert!(
        rules.len() >= MIN_RULES,
        "expected at least {MIN_RULES} rules, found {}",
        rules.len()
    );
}

#[test]
fn codes_are_unique_and_carry_their_family_prefix() {
    let mut seen = HashSet::new();
    for rule in registry::all() {
        assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
        let (prefix, number) = rule
            .code
            .split_once('-')
            .unwrap_or_else(|| panic!("{} is not FAMILY-NNN", rule.code));
        assert_eq!(
            prefix,
            rule.family.prefix(),
            "{} belongs to family {:?}",
            rule.code,
            rule.family
        );
        assert!(
            number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit()),
            "{} does not end in three digits",
            rule.code
        );
    }
}

#[test]
fn names_are_unique_kebab_case() {
    let mut seen = HashSet::new();
    for rule in registry::all() {
        assert!(seen.insert(rule.name), "duplicate name {}", rule.name);
        let kebab = rule.name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        assert!(kebab, "{}: `{}` is not kebab-case", rule.code, rule.name);
    }
}

#[test]
fn registry_lists_families_in_order_and_codes_ascending() {
    let rules = registry::all();
    let order = |rule: &Rule| Family::ALL.iter().position(|f| *f == rule.family);
    for pair in rules.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(
            (order(a), a.code) < (order(b), b.code),
            "{} is listed before {}",
            a.code,
            b.code
        );
    }
}

#[test]
fn every_rule_documents_the_required_sections_in_order() {
    let mut problems = Vec::new();
    for rule in registry::all() {
        // Input problems without examples (limits, internal errors) may be terse.
        if rule.family == Family::Input && !rule.docs.contains("## Example") {
            continue;
        }
        let headings: Vec<&str> = rule
            .docs
            .lines()
            .map(str::trim)
            .filter(|line| line.starts_with("## "))
            .collect();
        let required: Vec<&str> = headings
            .iter()
            .copied()
            .filter(|h| SECTIONS.contains(h))
            .collect();
        if required != SECTIONS {
            problems.push(format!(
                "{} {}: sections {headings:?}",
                rule.code, rule.name
            ));
        }
        if rule.summary().is_empty() {
            problems.push(format!("{}: empty summary", rule.code));
        }
    }
    assert!(
        problems.is_empty(),
        "rules missing documentation sections (need {SECTIONS:?}):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_rule_has_test_cases_in_its_file() {
    let sources = rule_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules"));
    let mut problems = Vec::new();
    for rule in registry::all() {
        let declaration = format!("code: \"{}\"", rule.code);
        let Some((path, source)) = sources.iter().find(|(_, s)| s.contains(&declaration)) else {
            problems.push(format!(
                "{}: no file under src/rules declares it",
                rule.code
            ));
            continue;
        };
        // Input problems are raised by the front-ends and tested there; their
        // documentation examples run in tests/docs_examples.rs.
        let tested = source.contains("assert_cases") || source.contains("findings_in");
        if !tested && rule.family != Family::Input {
            problems.push(format!(
                "{} {}: {} has no `assert_cases` or `findings_in` test",
                rule.code,
                rule.name,
                path.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every `.rs` file below `dir` with its text.
fn rule_sources(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/rules is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            found.extend(rule_sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("rule source is UTF-8");
            found.push((path, text));
        }
    }
    found
}
