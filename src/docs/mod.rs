//! Rule documentation generated from the registry: one HTML page per rule and an
//! index, self-contained (inline style, no scripts), plus `docs.json`, each rule's
//! documentation as an HTML fragment to embed, and `explain.json`, each rule's
//! `shipshape explain` text for the npm CLI. The npm package ships them under
//! `docs/rules/`, where [`rule_url`] points, and the page loads a rule's fragment
//! when a reader asks to learn more. `shipshape docs --out DIR` writes them.

use crate::diagnostic::{rule_url, DOCS_BASE};
use crate::knowledge::compose_keys::{Coverage, COMPOSE_SPEC_COMMIT, SERVICE_KEYS};
use crate::report::explain;
use crate::rules::{registry, Family, FixAvailability, Rule};

pub mod markdown;

use markdown::{escape, inline};

/// One generated file: its name inside the docs folder and its content.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub file_name: String,
    pub content: String,
}

/// The file of documentation fragments, keyed by rule code.
pub const FRAGMENTS_FILE: &str = "docs.json";

/// Fragments sit inside a page's own headings: their `## Sections` become `<h4>`.
const FRAGMENT_HEADING_OFFSET: usize = 2;

/// The index page, one page per rule and the fragments file.
pub fn pages() -> Vec<Page> {
    let rules = registry::all();
    let mut pages = vec![Page {
        file_name: "index.html".to_string(),
        content: index_page(&rules),
    }];
    pages.extend(rules.iter().map(|rule| Page {
        file_name: page_file_name(rule),
        content: rule_page(rule),
    }));
    pages.push(Page {
        file_name: COMPOSE_KEYS_FILE.to_string(),
        content: compose_keys_page(),
    });
    pages.push(Page {
        file_name: FRAGMENTS_FILE.to_string(),
        content: fragments(&rules),
    });
    pages.push(Page {
        file_name: EXPLANATIONS_FILE.to_string(),
        content: explanations(&rules),
    });
    pages
}

/// The file of each rule's `shipshape explain` text (no colour), keyed by rule code: the
/// npm CLI prints it as the native one does.
pub const EXPLANATIONS_FILE: &str = "explain.json";

fn explanations(rules: &[&'static Rule]) -> String {
    let texts: serde_json::Map<String, serde_json::Value> = rules
        .iter()
        .map(|rule| {
            let text = explain::render(rule, false);
            (rule.code.to_string(), serde_json::Value::String(text))
        })
        .collect();
    serde_json::Value::Object(texts).to_string()
}

/// `{"PRIV-001": "<h4 id=…>What it does</h4>…", …}`: each rule's documentation as
/// HTML to embed below a level-3 heading.
pub fn fragments(rules: &[&'static Rule]) -> String {
    let fragments: serde_json::Map<String, serde_json::Value> = rules
        .iter()
        .map(|rule| {
            let html = markdown::to_html(rule.docs, FRAGMENT_HEADING_OFFSET);
            (rule.code.to_string(), serde_json::Value::String(html))
        })
        .collect();
    serde_json::Value::Object(fragments).to_string()
}

/// The rule's file name in the docs folder, as [`rule_url`] links to it.
pub fn page_file_name(rule: &Rule) -> String {
    let url = rule_url(rule.code, rule.name);
    let page = url.strip_prefix(DOCS_BASE).unwrap_or(&url);
    page.split('#').next().unwrap_or(page).to_string()
}

pub fn rule_page(rule: &Rule) -> String {
    let title = format!("{} {}", rule.code, rule.name);
    let body = format!(
        concat!(
            "<nav><a href=\"index.html\">All rules</a></nav>\n",
            "<h1 id=\"{name}\"><code>{code}</code> {name}</h1>\n",
            "<dl class=\"meta\">\n",
            "<dt>Family</dt><dd>{family}</dd>\n",
            "<dt>Default severity</dt><dd class=\"severity {severity}\">{severity}</dd>\n",
            "<dt>Profiles</dt><dd>{profiles}</dd>\n",
            "<dt>Fix</dt><dd>{fix}</dd>\n",
            "</dl>\n",
            "{docs}",
        ),
        name = escape(rule.name),
        code = escape(rule.code),
        family = escape(rule.family.title()),
        severity = rule.severity.as_str(),
        profiles = profiles(rule),
        fix = fix_text(rule.fix),
        docs = markdown::to_html(rule.docs, 0),
    );
    document(&title, &body)
}

pub fn index_page(rules: &[&'static Rule]) -> String {
    let mut body = format!(
        "<h1>shipshape rules</h1>\n<p>{} rules. Profiles: <code>default</code> (D) runs the \
         provable escape and exposure paths, <code>baseline</code> (B) adds what Kubernetes Pod \
         Security baseline forbids, <code>restricted</code> (R) the hardening expectations, \
         <code>cis</code> (C) every rule with a CIS Docker Benchmark anchor.</p>\n",
        rules.len()
    );
    body.push_str(&format!(
        "<p>What each Compose service key does to isolation: <a href=\"{COMPOSE_KEYS_FILE}\">Compose service keys</a>.</p>\n"
    ));
    for family in Family::ALL {
        let members: Vec<&&Rule> = rules.iter().filter(|r| r.family == family).collect();
        if members.is_empty() {
            continue;
        }
        body.push_str(&format!(
            "<h2 id=\"{}\">{}</h2>\n<table>\n<thead><tr><th>Code</th><th>Name</th>\
             <th>Severity</th><th>Profiles</th><th>Fix</th><th>What it does</th></tr></thead>\n<tbody>\n",
            family.prefix().to_ascii_lowercase(),
            escape(family.title())
        ));
        for rule in members {
            body.push_str(&format!(
                "<tr><td class=\"nowrap\"><a href=\"{page}\"><code>{code}</code></a></td>\
                 <td>{name}</td><td class=\"severity {severity}\">{severity}</td>\
                 <td class=\"nowrap\">{profiles}</td><td>{fix}</td><td>{summary}</td></tr>\n",
                page = escape(&page_file_name(rule)),
                code = escape(rule.code),
                name = escape(rule.name),
                severity = rule.severity.as_str(),
                profiles = profile_letters(rule),
                fix = fix_short(rule.fix),
                summary = inline(rule.summary()),
            ));
        }
        body.push_str("</tbody>\n</table>\n");
    }
    document("shipshape rules", &body)
}

/// The page of every Compose service key and what shipshape does with it.
pub const COMPOSE_KEYS_FILE: &str = "compose-keys.html";

pub fn compose_keys_page() -> String {
    let mut body = format!(
        "<nav><a href=\"index.html\">All rules</a></nav>\n<h1>Compose service keys</h1>\n\
         <p>Every key of a service in the Compose specification (<code>schema/compose-spec.json</code> \
         of compose-spec/compose-spec at <code>{}</code>): read into the model and checked by the \
         rules named, or why it cannot weaken the container's isolation. A key the specification \
         does not define is reported as SYN-017.</p>\n<table>\n<thead><tr><th>Key</th><th>Status</th>\
         <th>Rules, or why not</th></tr></thead>\n<tbody>\n",
        &COMPOSE_SPEC_COMMIT[..12]
    );
    for entry in SERVICE_KEYS {
        let (status, detail) = match entry.coverage {
            Coverage::Checked(rules) => ("checked", rules),
            Coverage::NoIsolationEffect(reason) => ("no isolation effect", reason),
        };
        body.push_str(&format!(
            "<tr><td><code>{}</code></td><td class=\"nowrap\">{status}</td><td>{}</td></tr>\n",
            escape(entry.key),
            inline(detail)
        ));
    }
    body.push_str("</tbody>\n</table>\n");
    document("Compose service keys", &body)
}

fn profiles(rule: &Rule) -> String {
    let names: Vec<&str> = registry::profiles(rule)
        .into_iter()
        .map(|profile| profile.as_str())
        .collect();
    names.join(", ")
}

/// `D B R C` with the full names as tooltips, for the narrow index column.
fn profile_letters(rule: &Rule) -> String {
    let letters: Vec<String> = registry::profiles(rule)
        .into_iter()
        .map(|profile| {
            let name = profile.as_str();
            let letter = name[..1].to_ascii_uppercase();
            format!("<abbr title=\"{name}\">{letter}</abbr>")
        })
        .collect();
    letters.join(" ")
}

fn fix_short(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "—",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

fn fix_text(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes available",
        FixAvailability::Always => "always available",
    }
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:64rem;margin:2rem auto;\
padding:0 1rem;color:#1b1f24;background:#fff}.nowrap{white-space:nowrap}abbr{text-decoration:none}\
code,pre{font:14px ui-monospace,SFMono-Regular,Menlo,monospace}\
pre{background:#f3f4f6;padding:.75rem 1rem;overflow-x:auto;border-radius:6px}\
:not(pre)>code{background:#f3f4f6;padding:0 .25rem;border-radius:4px}\
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}\
dt{font-weight:600}dd{margin:0}table{border-collapse:collapse;width:100%;table-layout:fixed}\
th:nth-child(1){width:6rem}th:nth-child(2){width:12rem}th:nth-child(3){width:5rem}\
th:nth-child(4){width:5rem}th:nth-child(5){width:5rem}\
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #d0d7de}\
.critical{color:#a40e26}.high{color:#bc4c00}.medium{color:#7d4e00}.low{color:#0a3069}.info{color:#57606a}\
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}\
pre,:not(pre)>code{background:#161b22}th,td{border-color:#30363d}\
.critical{color:#ff7b72}.high{color:#ffa657}.medium{color:#e3b341}.low{color:#79c0ff}.info{color:#8b949e}\
a{color:#58a6ff}}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · shipshape</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::privilege::PRIVILEGED_CONTAINER;

    #[test]
    fn a_rule_page_has_title_metadata_and_sections() {
        let html = rule_page(&PRIVILEGED_CONTAINER);
        assert!(html.contains("<title>PRIV-001 privileged-container · shipshape</title>"));
        assert!(html.contains(
            "<h1 id=\"privileged-container\"><code>PRIV-001</code> privileged-container</h1>"
        ));
        assert!(html.contains("<dt>Profiles</dt><dd>default, baseline, restricted, cis</dd>"));
        assert!(html.contains("<dt>Fix</dt><dd>always available</dd>"));
        assert!(html.contains("<h2 id=\"why-is-this-bad\">Why is this bad?</h2>"));
        assert!(html.contains("<pre><code class=\"language-yaml\">services:\n  agent:\n"));
    }

    #[test]
    fn pages_are_named_as_diagnostics_link_them() {
        assert_eq!(page_file_name(&PRIVILEGED_CONTAINER), "priv-001.html");
        let pages = pages();
        assert_eq!(pages[0].file_name, "index.html");
        assert!(pages[0]
            .content
            .contains("<a href=\"priv-001.html\"><code>PRIV-001</code></a>"));
        assert_eq!(pages.len(), registry::all().len() + 4);
        let file = |name: &str| -> serde_json::Value {
            let page = pages.iter().find(|page| page.file_name == name).unwrap();
            serde_json::from_str(&page.content).unwrap()
        };
        let privileged = file(FRAGMENTS_FILE)["PRIV-001"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(privileged.starts_with("<h4 id=\"what-it-does\">What it does</h4>\n"));
        let explained = file(EXPLANATIONS_FILE)["PRIV-001"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(explained.starts_with("PRIV-001 privileged-container\nFamily: "));
    }

    #[test]
    fn the_compose_keys_page_gives_every_key_a_status() {
        let page = compose_keys_page();
        for entry in SERVICE_KEYS {
            assert!(page.contains(&format!("<tr><td><code>{}</code></td>", entry.key)));
        }
        assert!(page.contains("<tr><td><code>secrets</code></td><td class=\"nowrap\">checked</td><td>MNT (a secret defined by a host <code>file:</code> is a read-only bind of that file)</td></tr>"));
        assert!(page.contains(
            "<tr><td><code>env_file</code></td><td class=\"nowrap\">no isolation effect</td>"
        ));
        assert!(index_page(&registry::all()).contains("<a href=\"compose-keys.html\">"));
    }
}
