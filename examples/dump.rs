//! Prints the statement model of a document: `cargo run --example dump -- FILE`.
use govlint::model::{ParseOptions, Statement};
#[allow(clippy::print_stdout)]
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        return;
    };
    let Ok(src) = govlint::source::read(
        std::path::Path::new(&path),
        &govlint::source::ReadLimits::default(),
    ) else {
        return;
    };
    let st = Statement::parse(&src, &ParseOptions::default());
    for (i, b) in st.blocks.iter().enumerate() {
        let text = st.slice(&b.range);
        let short: String = text.chars().take(90).collect();
        println!("{i:4} {:?} {short}", b.kind);
    }
    for p in &st.paragraphs {
        print!("{} ", st.slice(&p.number));
    }
    println!();
    for v in st.values() {
        println!("{:?} {:?}", st.slice(&v.range), v.data);
    }
}
