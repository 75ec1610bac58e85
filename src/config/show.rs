//! `govlint config`: the settings in force, and where each came from.

use super::bind::{key_literal, literal};
use super::{Effective, Provenance, Setting};

/// The settings in force, one per line, each with its origin: `# default`,
/// `# govlint.toml:3`, `# --stage`.
pub fn describe(effective: &Effective, document: Option<&str>) -> String {
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut out = match &effective.file {
        Some(file) => format!("# configuration: {file}\n"),
        None => "# configuration: none\n".to_owned(),
    };
    if let Some(doc) = document {
        out.push_str(&format!("# for {doc}: "));
        if effective.overrides.is_empty() {
            out.push_str("no override applies\n");
        } else {
            let shown: Vec<String> = effective.overrides.iter().map(|o| o.to_string()).collect();
            out.push_str(&format!("applying {}\n", shown.join("; ")));
        }
    }
    let mut setting = |key: &str, value: String, from: &Provenance| {
        lines.push((format!("{key} = {value}"), from.to_string()));
    };
    let fail_on = &effective.fail_on;
    setting("fail-on", quote(fail_on.value.as_str()), &fail_on.from);
    let d = &effective.default_rules;
    setting("default-rules", d.value.to_string(), &d.from);
    for dir in &effective.rule_dirs {
        setting("rules", quote(&dir.value.display().to_string()), &dir.from);
    }
    let p = &effective.period;
    let period = p
        .value
        .map_or_else(|| "none (from the title)".into(), |y| quote(&y.to_string()));
    setting("period", period, &p.from);
    let date = &effective.date;
    let shown = date.value.map_or_else(
        || "none (the latest signature date)".into(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    setting("date", shown, &date.from);
    let stage = &effective.stage;
    setting(
        "stage",
        quote(if stage.value.is_draft() {
            "draft"
        } else {
            "final"
        }),
        &stage.from,
    );
    out.push_str(&aligned(&lines));

    let on = effective.rules.iter().filter(|r| r.enabled.value).count();
    out.push_str(&format!(
        "\n# rules: {on} of {} run\n",
        effective.rules.len()
    ));
    let mut lines = Vec::new();
    let id_width = effective
        .rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    for rule in &effective.rules {
        let state = if rule.enabled.value { "on " } else { "off" };
        lines.push((
            format!(
                "{:id_width$}  {state}  {}",
                rule.id,
                rule.severity.value.as_str()
            ),
            rule_origin(&rule.enabled, &rule.severity),
        ));
        for (name, value) in &rule.params {
            lines.push((
                format!("  {name} = {}", literal(&value.value)),
                value.from.to_string(),
            ));
        }
        for (table, key, value) in &rule.rows {
            lines.push((
                format!(
                    "  {table}[{}] = {}",
                    key_literal(key),
                    literal(&value.value)
                ),
                value.from.to_string(),
            ));
        }
    }
    out.push_str(&aligned(&lines));
    out
}

fn rule_origin<T, U>(enabled: &Setting<T>, severity: &Setting<U>) -> String {
    let mut parts = Vec::new();
    if enabled.from != Provenance::Default {
        parts.push(format!("run: {}", enabled.from));
    }
    if severity.from != Provenance::Default {
        parts.push(format!("severity: {}", severity.from));
    }
    if parts.is_empty() {
        "default".to_owned()
    } else {
        parts.join(", ")
    }
}

/// `left  # right` lines, the comments lined up.
fn aligned(lines: &[(String, String)]) -> String {
    let width = lines
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    lines
        .iter()
        .map(|(l, r)| {
            let pad = width - l.chars().count();
            format!("{l}{}  # {r}\n", " ".repeat(pad))
        })
        .collect()
}

fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}
