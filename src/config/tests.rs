//! Reading, binding and layering the configuration. The rendered errors
//! are snapshotted in tests/bad_config.rs.

use super::*;
use crate::model::{ParseOptions, Stage, Statement};
use crate::rules::{RuleSet, RuleSource};
use crate::source::{Format, SourceFile};
use std::path::Path;

/// Three small rules: `probe-a` (A, warning) with parameters and a table,
/// `probe-f` (F and G, error) and `probe-g` (G, info).
fn rules() -> RuleSet {
    let rule = |id: &str, severity: &str, principles: &str, rest: &str| {
        RuleSource {
        name: format!("{id}.toml"),
        text: format!(
            "id = \"{id}\"\nseverity = \"{severity}\"\nprinciples = [{principles}]\n\
             summary = \"s\"\nmessage = \"m\"\n[docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n{rest}"
        )
        .into(),
    }
    };
    let a = rule(
        "probe-a",
        "warning",
        "\"A\"",
        "[params]\nlimit = 3\noften = { type = \"frequency\", value = \"monthly\" }\n\
         [tables.deadlines]\nkey = \"fy\"\nvalue = \"date\"\n\
         [tables.deadlines.entries]\n\"2022/23\" = 2023-09-30\n\
         [[check]]\nkind = \"forbid\"\npatterns = ['alpha']\nmessage = \"limit {params.limit}\"\n\
         [[check]]\nkind = \"assert\"\npatterns = ['meets {f:frequency}']\ncondition = \"f >= params.often\"\nmessage = \"meets {f}\"\n\
         [[check]]\nkind = \"assert\"\npatterns = ['{y:fy} accounts signed on {d:date}']\n\
         condition = \"d <= deadlines[y]\"\nmessage = \"late {y}\"\n",
    );
    let f = rule(
        "probe-f",
        "error",
        "\"F\", \"G\"",
        "[[check]]\nkind = \"forbid\"\npatterns = ['beta']\n",
    );
    let g = rule(
        "probe-g",
        "info",
        "\"G\"",
        "[[check]]\nkind = \"forbid\"\npatterns = ['gamma']\n",
    );
    RuleSet::from_sources(&[a, f, g]).expect("the probe rules load")
}

const DOC: &str = "# Statement\n\nalpha beta gamma.\n\nThe group meets quarterly.\n\n\
    The 2022/23 accounts signed on 31 October 2023.\n\nThe 2021/22 accounts signed on 31 October 2023.\n";

fn settings(toml: &str, flags: Flags) -> Settings {
    let config = match Config::parse("govlint.toml", Path::new("/proj"), toml) {
        Ok(c) => c,
        Err(e) => panic!("{:?}", e.iter().map(|e| &e.message).collect::<Vec<_>>()),
    };
    match Settings::new(Some(config), rules(), flags, Path::new("/proj")) {
        Ok(s) => s,
        Err(e) => panic!("{:?}", e.iter().map(|e| &e.message).collect::<Vec<_>>()),
    }
}

/// "rule severity: message" of each finding on `DOC` at `path`.
fn findings(settings: &mut Settings, path: &str) -> Vec<String> {
    let profile = settings.profile(Path::new(path));
    let source = SourceFile::from_text(path, DOC, Format::Markdown);
    let options = ParseOptions {
        period: Some(crate::values::FinancialYear { start_year: 2023 }),
        ..profile.options.clone()
    };
    let statement = Statement::parse(&source, &options);
    crate::engine::run(&statement, &profile.rules)
        .findings
        .iter()
        .map(|f| format!("{} {}: {}", f.rule, f.severity.as_str(), f.message))
        .collect()
}

/// The error messages of a file that must not load.
fn errors(toml: &str) -> Vec<String> {
    let config = match Config::parse("govlint.toml", Path::new("/proj"), toml) {
        Ok(c) => c,
        Err(e) => return e.iter().map(|e| message_and_help(e, toml)).collect(),
    };
    match Settings::new(Some(config), rules(), Flags::default(), Path::new("/proj")) {
        Ok(_) => panic!("{toml} loaded"),
        Err(e) => e.iter().map(|e| message_and_help(e, toml)).collect(),
    }
}

/// "message [at `text under the label`] help".
fn message_and_help(e: &ConfigError, toml: &str) -> String {
    let at = e
        .span
        .map(|s| format!(" at `{}`", &toml[s.offset()..s.offset() + s.len()]))
        .unwrap_or_default();
    let help = e
        .help
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!("{}{at}{help}", e.message)
}

#[test]
fn without_a_file_every_rule_runs_at_its_defaults() {
    let mut s = Settings::new(None, rules(), Flags::default(), Path::new("/proj")).unwrap();
    assert_eq!(
        findings(&mut s, "a.md"),
        [
            "probe-a warning: limit 3",
            "probe-f error: m",
            "probe-g info: m",
            "probe-a warning: meets quarterly",
            "probe-a warning: late 2022/23",
        ]
    );
    assert_eq!(s.fail_on(), Setting::default(FailOn::Error));
}

#[test]
fn select_by_principle_ignore_by_id() {
    let mut s = settings(
        "select = [\"G\"]\nignore = [\"probe-g\"]\n",
        Flags::default(),
    );
    assert_eq!(findings(&mut s, "a.md"), ["probe-f error: m"]);
}

#[test]
fn a_rule_named_by_id_wins_over_its_principle() {
    let mut s = settings(
        "select = [\"probe-a\"]\nignore = [\"A\", \"G\"]\n",
        Flags::default(),
    );
    let found = findings(&mut s, "a.md");
    assert!(found.iter().all(|f| f.starts_with("probe-a")), "{found:?}");
    assert_eq!(found.len(), 3);
    let mut s = settings(
        "select = [\"G\"]\nignore = [\"probe-f\"]\n",
        Flags::default(),
    );
    assert_eq!(findings(&mut s, "a.md"), ["probe-g info: m"]);
}

#[test]
fn ignore_without_select_keeps_the_rest() {
    let mut s = settings("ignore = [\"info\"]\n", Flags::default());
    let found = findings(&mut s, "a.md");
    assert!(!found.iter().any(|f| f.starts_with("probe-g")), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("probe-f")), "{found:?}");
}

#[test]
fn severity_selectors_see_the_configured_severity() {
    let mut s = settings(
        "select = [\"error\"]\n[severity]\nprobe-g = \"error\"\n",
        Flags::default(),
    );
    assert_eq!(
        findings(&mut s, "a.md"),
        ["probe-f error: m", "probe-g error: m"]
    );
    let effective = s.effective(None);
    let g = effective.rules.iter().find(|r| r.id == "probe-g").unwrap();
    assert_eq!(g.severity.from.to_string(), "govlint.toml:3");
    assert_eq!(g.enabled.from.to_string(), "govlint.toml:1");
}

#[test]
fn parameters_and_table_rows_change_what_rules_find() {
    let toml = "[params.probe-a]\nlimit = 7\noften = \"quarterly\"\n\
                [params.probe-a.deadlines]\n\"2022/23\" = 2023-12-31\n\"2021/22\" = \"30 November 2022\"\n";
    let mut s = settings(toml, Flags::default());
    assert_eq!(
        findings(&mut s, "a.md"),
        [
            "probe-a warning: limit 7",
            "probe-f error: m",
            "probe-g info: m",
            "probe-a warning: late 2021/22",
        ]
    );
    let effective = s.effective(None);
    let a = effective.rules.iter().find(|r| r.id == "probe-a").unwrap();
    assert_eq!(a.rows.len(), 2);
    assert_eq!(a.params[0].0, "limit");
    assert_eq!(a.params[0].1.from.to_string(), "govlint.toml:2");
    // The loaded rules are untouched.
    assert_eq!(
        s.loaded_rules().get("probe-a").unwrap().param("limit"),
        Some(&crate::rules::ParamValue::Number(3.0))
    );
}

const LAYERED: &str = "stage = \"final\"\nperiod = \"2023/24\"\n\
    [params.probe-a]\nlimit = 4\n\
    [[overrides]]\npaths = [\"drafts/**\"]\nstage = \"draft\"\nignore = [\"probe-f\"]\n\
    params.probe-a.limit = 5\n\
    [[overrides]]\npaths = [\"drafts/late/*.md\"]\nparams.probe-a.limit = 6\n";

#[test]
fn overrides_apply_to_their_paths_only() {
    let mut s = settings(LAYERED, Flags::default());
    assert_eq!(
        findings(&mut s, "final/a.md")[..2],
        ["probe-a warning: limit 4", "probe-f error: m"]
    );
    assert_eq!(
        findings(&mut s, "drafts/x/a.md")[..2],
        ["probe-a warning: limit 5", "probe-g info: m"]
    );
    // The later override wins; `*` stays within its folder.
    assert_eq!(
        findings(&mut s, "drafts/late/a.md")[0],
        "probe-a warning: limit 6"
    );
    assert_eq!(
        findings(&mut s, "drafts/late/x/a.md")[0],
        "probe-a warning: limit 5"
    );
    // Absolute and `..` paths are matched relative to the file's folder;
    // a document outside it gets no override.
    assert_eq!(
        findings(&mut s, "/proj/drafts/a.md")[0],
        "probe-a warning: limit 5"
    );
    assert_eq!(
        findings(&mut s, "../proj/drafts/./a.md")[0],
        "probe-a warning: limit 5"
    );
    assert_eq!(
        findings(&mut s, "/elsewhere/drafts/a.md")[0],
        "probe-a warning: limit 4"
    );
    assert_eq!(s.matching(Path::new("drafts/late/a.md")), [0, 1]);
}

#[test]
fn documents_with_the_same_overrides_share_one_rule_set() {
    let mut s = settings(LAYERED, Flags::default());
    let a = s.profile(Path::new("drafts/a.md"));
    let b = s.profile(Path::new("drafts/b.md"));
    let c = s.profile(Path::new("b.md"));
    assert!(std::sync::Arc::ptr_eq(&a.rules, &b.rules));
    assert!(!std::sync::Arc::ptr_eq(&a.rules, &c.rules));
    assert_eq!(a.rules.rules.len(), 2);
    assert_eq!(c.rules.rules.len(), 3);
}

#[test]
fn flags_win_over_overrides_which_win_over_the_top_level() {
    let s = settings(LAYERED, Flags::default());
    let top = s.effective(Some(Path::new("a.md")));
    assert_eq!(top.stage.value, Stage::Final);
    assert_eq!(top.stage.from.to_string(), "govlint.toml:1");
    let draft = s.effective(Some(Path::new("drafts/a.md")));
    assert_eq!(draft.stage.value, Stage::Draft);
    assert_eq!(
        draft.stage.from.to_string(),
        "govlint.toml:7 (override for drafts/**)"
    );
    assert_eq!(draft.period.from.to_string(), "govlint.toml:2");
    let flags = Flags {
        stage: Some(Stage::Final),
        fail_on: Some(Setting {
            value: FailOn::Never,
            from: Provenance::Flag("--fail-on".into()),
        }),
        ..Flags::default()
    };
    let s = settings(&format!("fail-on = \"info\"\n{LAYERED}"), flags);
    let draft = s.effective(Some(Path::new("drafts/a.md")));
    assert_eq!(draft.stage.value, Stage::Final);
    assert_eq!(draft.stage.from, Provenance::Flag("--stage".into()));
    assert_eq!(s.fail_on().value, FailOn::Never);
    let s = settings("fail-on = \"info\"\n", Flags::default());
    assert_eq!(s.fail_on().value, FailOn::Info);
    assert_eq!(s.fail_on().from.to_string(), "govlint.toml:1");
}

#[test]
fn mistakes_are_errors_at_the_key_or_value() {
    assert_eq!(
        errors("stage = \"finished\"\n"),
        ["unknown variant `finished`, expected `draft` or `final` at `\"finished\"`"]
    );
    assert_eq!(
        errors("fail_on = \"never\"\n")[0].split(',').next(),
        Some("unknown field `fail_on`")
    );
    assert_eq!(
        errors("[[overrides]]\npaths = [\"a/**\"]\nfail-on = \"never\"\n")[0]
            .split(',')
            .next(),
        Some("unknown field `fail-on`")
    );
    assert_eq!(
        errors("period = \"2023/25\"\ndate = \"soon\"\n[[overrides]]\npaths = [\"a/[\"]\n"),
        [
            "`2023/25` is not a financial year at `\"2023/25\"` (write the year the statement covers, e.g. period = \"2024/25\")",
            "`soon` is not a date at `\"soon\"` (write a date such as date = 2025-06-30)",
            "`a/[` is not a path glob: unclosed character class; missing ']' at `\"a/[\"`",
        ]
    );
    assert_eq!(
        errors("select = [\"probe-b\", \"g\", \"fatal\"]\n[severity]\nprobe-aa = \"error\"\n"),
        [
            "`probe-b` is not a rule, a principle or a severity at `\"probe-b\"` (did you mean `probe-a`?)",
            "`g` is not a rule, a principle or a severity at `\"g\"` (did you mean `G`?)",
            "`fatal` is not a rule, a principle or a severity at `\"fatal\"` (name rule ids (`govlint rules` lists them), principles A to G, or severities error, warning, info)",
            "no rule `probe-aa` is loaded at `probe-aa` (did you mean `probe-a`?)",
        ]
    );
    assert_eq!(
        errors("[params.probe-a]\nlimt = 2\noften = 12\n[params.probe-g]\nx = 1\n"),
        [
            "rule `probe-a` has no parameter or table `limt` at `limt` (did you mean `limit`?)",
            "parameter `often` of rule `probe-a` must be a frequency at `12` (its default is \"monthly\")",
            "rule `probe-g` has no parameter or table `x` at `x` (`probe-g` has no parameters)",
        ]
    );
    assert_eq!(
        errors("[params.probe-a]\ndeadlines = 3\n[params.probe-a.limit]\nx = 1\n"),
        [
            "`deadlines` of rule `probe-a` is a table: give it rows, not a value at `3` (e.g. [params.probe-a.deadlines] then \"2022/23\" = 2023-09-30)",
            "parameter `limit` of rule `probe-a` must be a number at `[params.probe-a.limit]` (its default is 3)",
        ]
    );
    assert_eq!(
        errors("[params.probe-a.deadlines]\n\"2022/2\" = 2023-09-30\n\"2023/24\" = \"later\"\n"),
        [
            "the rows of table `deadlines` of rule `probe-a` are keyed by a financial year at `\"2022/2\"` (e.g. \"2022/23\")",
            "the rows of table `deadlines` of rule `probe-a` hold a date at `\"later\"` (e.g. 2023-09-30)",
        ]
    );
}

#[test]
fn the_starter_file_loads_as_written_and_with_everything_uncommented() {
    let pack = RuleSet::load(true, &[]).expect("the pack loads");
    let text = starter(&pack, &[], false);
    let parse = |text: &str| {
        let config = Config::parse("govlint.toml", Path::new("/proj"), text)
            .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|e| &e.message).collect::<Vec<_>>()));
        Settings::new(
            Some(config),
            pack.clone(),
            Flags::default(),
            Path::new("/proj"),
        )
        .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|e| &e.message).collect::<Vec<_>>()))
    };
    // As written, everything is at its default.
    let effective = parse(&text).effective(None);
    assert!(
        effective
            .rules
            .iter()
            .all(|r| r.enabled.from == Provenance::Default
                && r.severity.from == Provenance::Default
                && r.params.iter().all(|(_, p)| p.from == Provenance::Default)
                && r.rows.is_empty())
    );
    // Every commented-out setting is valid TOML of the right type.
    let setting = regex::Regex::new(r#"^# (\[\[overrides\]\]$|[A-Za-z0-9_"/-][^=]* = )"#).unwrap();
    let mut uncommented = 0;
    let all: String = text
        .lines()
        .map(|line| match setting.is_match(line) {
            true => {
                uncommented += 1;
                format!("{}\n", &line[2..])
            }
            false => format!("{line}\n"),
        })
        .collect();
    let settings = parse(&all);
    let effective = settings.effective(Some(Path::new("drafts/a.md")));
    // fail-on, select, ignore, rules, default-rules, period, date, stage,
    // one severity per rule, every parameter, one row per table, and the
    // override's four lines.
    let params: usize = pack
        .rules
        .iter()
        .map(|r| r.params.len() + r.tables.len())
        .sum();
    assert_eq!(uncommented, 8 + pack.rules.len() + params + 4);
    assert!(
        effective
            .rules
            .iter()
            .all(|r| r.severity.from != Provenance::Default)
    );
    assert_eq!(effective.overrides.len(), 1);
    // The defaults written out read back as the same values.
    for rule in &effective.rules {
        let loaded = pack.get(&rule.id).unwrap();
        assert_eq!(rule.severity.value, loaded.severity);
        for (name, value) in &rule.params {
            assert_eq!(Some(&value.value), loaded.param(name), "{}.{name}", rule.id);
        }
    }
}

#[test]
fn the_starter_file_names_the_rule_folders_given() {
    let pack = rules();
    let text = starter(&pack, &["local rules".into()], true);
    assert!(
        text.contains("\nrules = [\"local rules\"]\ndefault-rules = false\n"),
        "{text}"
    );
}

#[test]
fn discovery_finds_the_nearest_file_above() {
    let root = tempfile::tempdir().unwrap();
    let deep = root.path().join("a/b/c");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(root.path().join("a").join(FILE_NAME), "").unwrap();
    let (path, shown) = discover(&deep).expect("found");
    assert_eq!(path, root.path().join("a").join(FILE_NAME));
    assert_eq!(shown, "../../govlint.toml");
    std::fs::write(deep.join(FILE_NAME), "").unwrap();
    assert_eq!(discover(&deep).unwrap().1, "govlint.toml");
    // A folder called govlint.toml is not a file.
    let other = root.path().join("x/y");
    std::fs::create_dir_all(other.join(FILE_NAME)).unwrap();
    assert_ne!(discover(&other).map(|f| f.0), Some(other.join(FILE_NAME)));
}

#[test]
fn a_local_rule_replaces_a_built_in_one_of_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let built_in = include_str!("../../rules/mtfs-horizon.toml");
    let local = built_in.replace("min_years = 3", "min_years = 5");
    std::fs::write(dir.path().join("mtfs-horizon.toml"), &local).unwrap();
    let set = RuleSet::load(true, &[dir.path().to_owned()]).expect("loads");
    assert_eq!(set.replaced.len(), 1);
    assert_eq!(set.replaced[0].id, "mtfs-horizon");
    assert_eq!(set.replaced[0].builtin, "rules/mtfs-horizon.toml");
    let rule = set.get("mtfs-horizon").unwrap();
    assert_eq!(
        rule.param("min_years"),
        Some(&crate::rules::ParamValue::Number(5.0))
    );
    assert_eq!(
        set.rules.iter().filter(|r| r.id == "mtfs-horizon").count(),
        1
    );
    // Two local rules with one id are still an error.
    std::fs::write(dir.path().join("copy.toml"), &local).unwrap();
    let errors = RuleSet::load(true, &[dir.path().to_owned()]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("is also defined"),
        "{}",
        errors[0]
    );
}
