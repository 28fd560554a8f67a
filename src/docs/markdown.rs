//! Rule documentation from Markdown to HTML, rendered by pulldown-cmark (CommonMark
//! plus tables). What is ours: headings get an anchor id and may be shifted down,
//! raw HTML is shown as text, and links that could run script are rendered as
//! their text.

use crate::rules::dedent;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders `markdown` as HTML; headings are shifted down by `heading_offset` levels
/// (a rule page has its own `<h1>`, so its `## Sections` stay `<h2>` with offset 0).
pub fn to_html(markdown: &str, heading_offset: usize) -> String {
    let text = dedent(markdown);
    let events: Vec<Event> = Parser::new_ext(&text, Options::ENABLE_TABLES).collect();
    let mut html = String::new();
    html::push_html(&mut html, rewrite(events, heading_offset).into_iter());
    html
}

/// Inline markup only (`code`, links, emphasis): the paragraph's content without
/// its `<p>` element.
pub fn inline(text: &str) -> String {
    let html = to_html(text, 0);
    let inner = html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"));
    inner.map_or(html.clone(), str::to_string)
}

/// Shifts headings, gives them ids, escapes raw HTML and drops the link markup of
/// unsafe URLs.
fn rewrite(events: Vec<Event>, heading_offset: usize) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut dropped_links = 0usize;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let title = heading_text(&events[index + 1..]);
                out.push(Event::Start(Tag::Heading {
                    level: shifted(*level, heading_offset),
                    id: Some(CowStr::from(slug(&title))),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(shifted(*level, heading_offset))));
            }
            Event::Start(Tag::Link { dest_url, .. }) if !is_safe_url(dest_url) => {
                dropped_links += 1;
            }
            Event::End(TagEnd::Link) if dropped_links > 0 => dropped_links -= 1,
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw.clone())),
            other => out.push(other.clone()),
        }
    }
    out
}

/// The plain text of a heading, from the events after its start.
fn heading_text(events: &[Event]) -> String {
    events
        .iter()
        .take_while(|event| !matches!(event, Event::End(TagEnd::Heading(_))))
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect()
}

fn shifted(level: HeadingLevel, offset: usize) -> HeadingLevel {
    HeadingLevel::try_from((level as usize + offset).min(6)).unwrap_or(HeadingLevel::H6)
}

/// An anchor id: lower-case letters and digits, other runs turned into `-`.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Links may go to the web or elsewhere in the docs, never run script.
fn is_safe_url(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        }
        _ => true,
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_blocks() {
        let markdown = concat!(
            " ## What it does\n",
            " Flags `privileged: true` and\n",
            " friends.\n",
            "\n",
            " - one <b>\n",
            "   continued\n",
            " - [docs](https://docs.docker.com/x?a=1&b=2)\n",
            "\n",
            " 1. first\n",
            " 2. **second**\n",
            "\n",
            " ```yaml\n",
            " a: \"<x>\"\n",
            "\n",
            "   b: 1\n",
            " ```\n",
        );
        assert_eq!(
            to_html(markdown, 0),
            concat!(
                "<h2 id=\"what-it-does\">What it does</h2>\n",
                "<p>Flags <code>privileged: true</code> and\nfriends.</p>\n",
                "<ul>\n<li>one &lt;b&gt;\ncontinued</li>\n",
                "<li><a href=\"https://docs.docker.com/x?a=1&amp;b=2\">docs</a></li>\n</ul>\n",
                "<ol>\n<li>first</li>\n<li><strong>second</strong></li>\n</ol>\n",
                "<pre><code class=\"language-yaml\">a: \"&lt;x&gt;\"\n\n  b: 1\n</code></pre>\n",
            )
        );
    }

    #[test]
    fn inline_markup_drops_script_links() {
        assert_eq!(inline("a * b * c"), "a * b * c");
        assert_eq!(inline("*x*, `a*b`"), "<em>x</em>, <code>a*b</code>");
        assert_eq!(inline("[x](javascript:alert(1))"), "x");
        assert_eq!(inline("unclosed `tick"), "unclosed `tick");
        assert_eq!(
            inline("[rel](../x.html#y)"),
            "<a href=\"../x.html#y\">rel</a>"
        );
    }

    #[test]
    fn headings_shift_and_slugs() {
        assert_eq!(
            to_html("# Why is this bad?", 1),
            "<h2 id=\"why-is-this-bad\">Why is this bad?</h2>\n"
        );
        assert_eq!(
            to_html("## The `ro` option", 2),
            "<h4 id=\"the-ro-option\">The <code>ro</code> option</h4>\n"
        );
        assert_eq!(slug("CIS 5.4 (v1.6.0)"), "cis-5-4-v1-6-0");
    }
}
