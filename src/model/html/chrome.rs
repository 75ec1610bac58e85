//! Page chrome: the parts of a web page that are not the statement.
//!
//! Not statement text: scripts, styles, templates, the `<head>` (the
//! `<title>` too: the `<h1>` is the title), navigation (`<nav>`,
//! `role="navigation"`, breadcrumbs), site headers and footers (outside
//! `<main>`/`<article>`, or `role="banner"`/`"contentinfo"`), forms and
//! buttons, hidden elements (`hidden`, `aria-hidden="true"`,
//! `display:none`), and boxes whose class or id names them: cookie banners,
//! breadcrumbs, skip links, "on this page" contents lists, feedback and
//! share prompts.

use super::tree::Element;
use regex::Regex;
use std::sync::LazyLock;

/// Elements that never hold statement text, wherever they are.
const NEVER_TEXT: [&str; 16] = [
    "script", "style", "template", "noscript", "head", "title", "nav", "form", "button", "select",
    "textarea", "svg", "iframe", "object", "canvas", "dialog",
];

/// Roles of landmarks that are site furniture.
const CHROME_ROLES: [&str; 5] = ["navigation", "banner", "contentinfo", "search", "dialog"];

/// Words in a class or id that mark a box as chrome. Matched inside each
/// class name or id, so `cookie-banner` and `govuk-breadcrumbs` count.
const CHROME_NAMES: [&str; 9] = [
    "cookie",
    "breadcrumb",
    "skip-link",
    "skiplink",
    "on-this-page",
    "contents-list",
    "table-of-contents",
    "feedback",
    "social-share",
];

/// A footnote marker: "3", "[3]", "(3)", "3,4", "3–5".
static FOOTNOTE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[(]?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*[\])]?$")
        .expect("footnote marker pattern is valid")
});

/// Whether an element is chrome; `in_content` says it sits inside the
/// page's `<main>` or an `<article>`, where a `<header>` or `<footer>`
/// belongs to the content.
pub(super) fn is_chrome(el: &Element, in_content: bool) -> bool {
    let attr = |name: &str| el.attr(name).map(str::to_ascii_lowercase);
    let name = el.name.as_str();
    if NEVER_TEXT.contains(&name) || (matches!(name, "header" | "footer") && !in_content) {
        return true;
    }
    if el.attr("hidden").is_some() || attr("aria-hidden").as_deref() == Some("true") {
        return true;
    }
    if attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none")) {
        return true;
    }
    if attr("role").is_some_and(|r| CHROME_ROLES.contains(&r.trim())) {
        return true;
    }
    if attr("aria-label").is_some_and(|l| l.contains("breadcrumb")) {
        return true;
    }
    let names = [attr("class"), attr("id")];
    names.iter().flatten().any(|list| {
        list.split_whitespace()
            .any(|n| n == "toc" || CHROME_NAMES.iter().any(|c| n.contains(c)))
    })
}

/// Whether the text of a `<sup>` is a footnote marker, not words.
pub(super) fn is_footnote_marker(text: &str) -> bool {
    FOOTNOTE_MARKER.is_match(text.trim())
}
