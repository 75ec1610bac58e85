//! Parsing: precedence, literals and syntax errors.

use super::*;

// ----- parsing --------------------------------------------------------

#[test]
fn arithmetic_precedence() {
    assert_eq!(tree("a + b * c"), "(+ a (* b c))");
    assert_eq!(tree("a * b + c"), "(+ (* a b) c)");
    assert_eq!(tree("a - b - c"), "(- (- a b) c)");
    assert_eq!(tree("a / b * c"), "(* (/ a b) c)");
    assert_eq!(tree("(a + b) * c"), "(* (+ a b) c)");
    assert_eq!(tree("-a * b"), "(* (neg a) b)");
    assert_eq!(tree("- -3"), "(neg (neg 3))");
    assert_eq!(tree("a + b >= c * d"), "(>= (+ a b) (* c d))");
}

#[test]
fn logical_precedence() {
    assert_eq!(tree("not a and b"), "(and (not a) b)");
    assert_eq!(tree("not a == b"), "(not (== a b))");
    assert_eq!(tree("a or b and c"), "(or a (and b c))");
    assert_eq!(tree("a and b or c"), "(or (and a b) c)");
    assert_eq!(tree("a or b or c"), "(or (or a b) c)");
    assert_eq!(tree("not not a"), "(not (not a))");
    assert_eq!(tree("not (a or b)"), "(not (or a b))");
    assert_eq!(tree("a < b and c != d"), "(and (< a b) (!= c d))");
}

#[test]
fn postfix_and_literals() {
    assert_eq!(tree("horizon.years"), "horizon.years");
    assert_eq!(tree("a . b"), "a.b");
    assert_eq!(
        tree("audited_by[default(year, period)].end"),
        "(. ([] audited_by (default year period)) end)"
    );
    assert_eq!(tree("(a).b"), "(. a b)");
    assert_eq!(tree("exists(a.b)"), "(exists a.b)");
    assert_eq!(tree("0.05 + 3 + 1000"), "(+ (+ 0.05 3) 1000)");
    assert_eq!(tree(r#""a\"b\\c""#), r#""a\"b\\c""#);
    assert_eq!(tree(r#""£5m""#), r#""£5m""#);
    assert_eq!(tree("true and false"), "(and true false)");
    assert_eq!(tree("_x1 == x_2"), "(== _x1 x_2)");
    // `3.` is not a number with a fraction: it is 3 and a field.
    assert_eq!(tree("3.x"), "(. 3 x)");
}

#[test]
fn string_escapes_are_unescaped() {
    let expr = parse(r#""say \"hi\" \\ bye""#).expect("parses");
    assert!(matches!(&expr.root.kind, syntax::NodeKind::Text(t) if t == r#"say "hi" \ bye"#));
}

#[test]
fn node_spans_cover_their_source() {
    let src = "signed <= audited_by[default(year, period)]";
    let expr = parse(src).expect("parses");
    assert_eq!(expr.root.span, 0..src.len());
    let syntax::NodeKind::Binary { lhs, rhs, .. } = &expr.root.kind else {
        panic!("not binary");
    };
    assert_eq!(&src[lhs.span.clone()], "signed");
    assert_eq!(&src[rhs.span.clone()], "audited_by[default(year, period)]");
    assert_eq!(expr.source(), src);
}

#[test]
fn constructors_become_constants() {
    assert_eq!(tree(r#"fy("2023/24")"#), "#2023/24");
    assert_eq!(tree(r#"date("31 March 2024")"#), "#31 March 2024");
    assert_eq!(tree(r#"date("2024-03-31")"#), "#31 March 2024");
    assert_eq!(tree(r#"money("£14.2m")"#), "#£14.2m");
    assert_eq!(tree(r#"percent("5%")"#), "#5%");
    assert_eq!(tree(r#"frequency("monthly")"#), "#monthly");
    assert_eq!(
        tree(r#"fy_range("2024/25 to 2027/28")"#),
        "#2024/25 to 2027/28"
    );
    assert_eq!(ty(r#"duration("three years")"#), Type::Duration);
    assert_eq!(ty(r#"money("£5m")"#), Type::Money);
    assert_eq!(ty(r#"date(" 2024-03-31 ")"#), Type::Date);
}

// ----- syntax errors --------------------------------------------------

#[test]
fn empty_condition() {
    assert_error("", "", "empty condition");
    assert_error("  \n ", "  \n ", "empty condition");
}

#[test]
fn missing_operand() {
    let e = assert_error(
        "count <",
        "",
        "expected a value, found the end of the condition",
    );
    assert_eq!(e.span, 7..7);
    assert_error("count < )", ")", "expected a value, found `)`");
    assert_error("t and or f", "or", "expected a value, found `or`");
    assert_error("count == not t", "not", "expected a value, found `not`");
}

#[test]
fn chained_comparison() {
    let src = "count < count < count";
    let e = assert_error(src, "<", "comparisons cannot be chained");
    assert_eq!(e.span, 14..15);
    assert_eq!(e.help.as_deref(), Some("write `a < b and b < c`"));
}

#[test]
fn unbalanced_brackets() {
    let e = assert_error("(count > 1", "(", "unclosed `(`");
    assert_eq!(e.help.as_deref(), Some("add `)`"));
    assert_error("(count b", "b", "expected `)` to close `(`, found `b`");
    assert_error("audited_by[period", "[", "unclosed `[`");
    assert_error(
        "audited_by[period)",
        ")",
        "expected `]` to close `[`, found `)`",
    );
    assert_error("exists(t", "(", "unclosed `(`");
    assert_error(
        "count > 1)",
        ")",
        "unexpected `)` after a complete condition",
    );
    let e = assert_error("t f", "f", "unexpected `f` after a complete condition");
    assert_eq!(
        e.help.as_deref(),
        Some("join conditions with `and` or `or`")
    );
}

#[test]
fn bad_strings() {
    let e = assert_error(r#"name == "abc"#, r#""abc"#, "unterminated string");
    assert_eq!(e.help.as_deref(), Some("add a closing `\"`"));
    assert_error(r#"name == "abc\"#, r#""abc\"#, "unterminated string");
    assert_error(r#"name == "a\nb""#, r"\n", "unknown escape in string");
    assert_error(r#"name == "a\éb""#, r"\é", "unknown escape in string");
}

#[test]
fn bad_characters() {
    let e = assert_error("count = 1", "=", "unexpected `=`");
    assert_eq!(e.help.as_deref(), Some("use `==` to compare"));
    let e = assert_error("t && f", "&&", "unexpected `&&`");
    assert_eq!(e.help.as_deref(), Some("use `and`"));
    let e = assert_error("t || f", "||", "unexpected `||`");
    assert_eq!(e.help.as_deref(), Some("use `or`"));
    assert_error("!t", "!", "unexpected `!`");
    assert_error("name == 'x'", "'", "unexpected `'`");
    let e = assert_error("balance > £5m", "£", "unexpected `£`");
    assert_eq!(
        e.help.as_deref(),
        Some("write an amount of money as money(\"£5m\")")
    );
    assert_error("rate > 5%", "%", "unexpected `%`");
    assert_error("count é 1", "é", "unexpected character `é`");
    assert_error("count # 1", "#", "unexpected character `#`");
    let e = assert_error(
        "Horizon.years > 1",
        "Horizon",
        "names are written in lower case",
    );
    assert_eq!(e.help.as_deref(), Some("write `horizon`"));
    assert_error(
        &format!("count > {}", "9".repeat(400)),
        &"9".repeat(400),
        "number is too large",
    );
}

#[test]
fn bad_field_syntax() {
    assert_error(
        "period.3",
        "3",
        "expected a field name after `.`, found `3`",
    );
    assert_error(
        "period.",
        "",
        "expected a field name after `.`, found the end of the condition",
    );
    assert_error(
        "period.not",
        "not",
        "expected a field name after `.`, found `not`",
    );
}

#[test]
fn nesting_limit() {
    let ok = format!("{}t{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
    assert_eq!(ty(&ok), Type::Bool);
    let deep = format!(
        "{}t{}",
        "(".repeat(MAX_NESTING + 1),
        ")".repeat(MAX_NESTING + 1)
    );
    let e = assert_error(
        &deep,
        "(",
        "condition is nested too deeply (more than 64 levels)",
    );
    assert_eq!(e.span, MAX_NESTING..MAX_NESTING + 1);

    let nots = format!("{}t", "not ".repeat(MAX_NESTING + 1));
    let e = assert_error(
        &nots,
        "not",
        "condition is nested too deeply (more than 64 levels)",
    );
    assert_eq!(e.span.start, 4 * MAX_NESTING);
    assert_eq!(ty(&format!("{}t", "not ".repeat(MAX_NESTING))), Type::Bool);

    let negs = format!("{}count > 0", "-".repeat(MAX_NESTING + 1));
    assert_error(
        &negs,
        "-",
        "condition is nested too deeply (more than 64 levels)",
    );

    let calls = format!(
        "{}t{}",
        "exists(".repeat(MAX_NESTING + 1),
        ")".repeat(MAX_NESTING + 1)
    );
    assert_error(
        &calls,
        "(",
        "condition is nested too deeply (more than 64 levels)",
    );
}

#[test]
fn huge_inputs_fail_without_overflowing_the_stack() {
    let parens = "(".repeat(200_000);
    assert_eq!(
        error(&parens).message,
        "condition is nested too deeply (more than 64 levels)"
    );
    let brackets = "a[".repeat(100_000);
    assert_eq!(
        error(&brackets).message,
        "condition is nested too deeply (more than 64 levels)"
    );
    let chain = vec!["t"; 100_000].join(" and ");
    assert_eq!(
        error(&chain).message,
        "condition is too complex (more than 256 operations deep)"
    );
    let path = vec!["a"; 100_000].join(".");
    assert_eq!(
        error(&path).message,
        "condition is too complex (more than 256 operations deep)"
    );
    // A long chain within the limit checks and evaluates.
    let fine = vec!["t"; MAX_DEPTH].join(" and ");
    assert_eq!(truth(&fine), Some(true));
    let too_long = vec!["t"; MAX_DEPTH + 2].join(" and ");
    assert_eq!(
        error(&too_long).message,
        "condition is too complex (more than 256 operations deep)"
    );
}

#[test]
fn functions_at_parse_time() {
    let e = assert_error("foo(1)", "foo", "unknown function `foo`");
    assert_eq!(
        e.help.as_deref(),
        Some(
            "functions: exists, default, min, max, abs, contains, date, fy, fy_range, money, percent, frequency, duration"
        )
    );
    let e = assert_error("exsts(t)", "exsts", "unknown function `exsts`");
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `exists`? functions: exists,"))
    );
    assert_error(
        "exists(t, f)",
        "exists(t, f)",
        "`exists` takes 1 argument, found 2",
    );
    assert_error(
        "default(t)",
        "default(t)",
        "`default` takes 2 arguments, found 1",
    );
    assert_error("min() < 1", "min()", "`min` takes 2 arguments, found 0");
}

#[test]
fn constructor_literals_are_validated() {
    let e = assert_error(
        r#"fy(period) == period"#,
        "period",
        "`fy` takes a string literal",
    );
    assert_eq!(e.help.as_deref(), Some(r#"write fy("2023/24")"#));
    let e = assert_error(
        r#"period == fy("hello")"#,
        r#""hello""#,
        r#""hello" is not a valid fy"#,
    );
    assert_eq!(e.help.as_deref(), Some(r#"write fy("2023/24")"#));
    // Malformed (not merely unrecognised) text says why.
    let e = error(r#"period == fy("2022/25")"#);
    assert!(
        e.message.starts_with(r#""2022/25" is not a valid fy: "#),
        "{}",
        e.message
    );
    assert_eq!(&r#"period == fy("2022/25")"#[e.span], r#""2022/25""#);
    let e = error(r#"signed < date("2024-02-30")"#);
    assert!(e.message.starts_with(r#""2024-02-30" is not a valid date"#));
    assert_eq!(&r#"signed < date("2024-02-30")"#[e.span], r#""2024-02-30""#);
    let e = assert_error(
        r#"signed < date("soon")"#,
        r#""soon""#,
        r#""soon" is not a valid date"#,
    );
    assert_eq!(
        e.help.as_deref(),
        Some(r#"write date("31 March 2024") or date("2024-03-31")"#)
    );
    assert_error(
        r#"rate > percent("lots")"#,
        r#""lots""#,
        r#""lots" is not a valid percent"#,
    );
    assert_error(
        r#"meeting > frequency("often")"#,
        r#""often""#,
        r#""often" is not a valid frequency"#,
    );
    assert_error(
        r#"date("a", "b") < signed"#,
        r#"date("a", "b")"#,
        "`date` takes 1 argument, found 2",
    );
    assert_error(
        r#"money("£5m" ) > money(1)"#,
        "1",
        "`money` takes a string literal",
    );
}
