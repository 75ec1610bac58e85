//! Prints the text govlint reads from a PDF, pages marked, with the time it
//! took: `cargo run --release --example pdftext -- FILE.pdf`.
#[allow(clippy::print_stdout)]
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        return;
    };
    let start = std::time::Instant::now();
    let read = govlint::source::read(
        std::path::Path::new(&path),
        &govlint::source::ReadLimits::default(),
    );
    let took = start.elapsed();
    match read {
        Ok(src) => {
            for (i, page) in src.text.split('\x0c').enumerate() {
                println!("---- page {} ----\n{page}", i + 1);
            }
            println!(
                "---- {} pages, {} bytes in {took:?}",
                src.pages.len(),
                src.text.len()
            );
        }
        Err(e) => println!("error: {e}"),
    }
}
