//! The floor govlint's rule pass is measured against (issue 12): one
//! Aho-Corasick pass of the default pack's literal prefilter over each file
//! given, with the whole check of the same text in the same process beside
//! it, and their ratio. Used by `bench/perf-table`:
//! `cargo run --release --example literal_floor -- FILE...`.
use govlint::engine::Plan;
use govlint::model::ParseOptions;
use govlint::rules::RuleSet;
use govlint::source::ReadLimits;
use std::time::{Duration, Instant};

/// The fastest of five runs of `f`.
fn fastest(mut f: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[allow(clippy::print_stdout)]
fn main() {
    let Ok(rules) = RuleSet::load(true, &[]) else {
        return;
    };
    let plan = Plan::of(&rules);
    let limits = ReadLimits {
        max_file_size: u64::MAX,
        ..ReadLimits::default()
    };
    println!("file\tMB\tfloor MB/s\tcheck MB/s\tratio");
    for path in std::env::args().skip(1) {
        let Ok(source) = govlint::source::read(path.as_ref(), &limits) else {
            continue;
        };
        let mb = source.text.len() as f64 / 1e6;
        let floor = fastest(|| {
            std::hint::black_box(plan.literal_hits(&source.text));
        });
        let options = ParseOptions::default();
        let check = fastest(|| {
            std::hint::black_box(govlint::check_source(source.clone(), &rules, &options));
        });
        println!(
            "{path}\t{mb:.1}\t{:.0}\t{:.1}\t{:.0}",
            mb / floor.as_secs_f64(),
            mb / check.as_secs_f64(),
            check.as_secs_f64() / floor.as_secs_f64()
        );
    }
}
