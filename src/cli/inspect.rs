//! `govlint inspect`: what the model recognised in one document.

use super::common::{Color, InputFormat, StatementArgs, human};
use super::output::{eprint, print};
use govlint::report;
use std::path::PathBuf;
use std::process::ExitCode;

// `govlint inspect`, likewise.
#[derive(clap::Args)]
pub struct InspectArgs {
    /// The document to inspect.
    path: PathBuf,
    /// Print the text govlint read from the document instead (for a Word
    /// or PDF file, the extracted text that JSON lines and columns count in).
    #[arg(long)]
    text: bool,
    /// Read it as this format, whatever its name and content say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    #[command(flatten)]
    statement: StatementArgs,
}

pub fn inspect(args: &InspectArgs) -> Result<ExitCode, String> {
    let options = args.statement.options()?;
    let limits = govlint::source::ReadLimits::default();
    let format = args.input_format.map(InputFormat::format);
    match govlint::source::read_as(&args.path, &limits, format) {
        Ok(source) if args.text => {
            print(&source.text)?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(source) => {
            let statement = govlint::model::Statement::parse(&source, &options);
            print(&report::inspect(&source, &statement))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprint(&human(Color::Auto).render(&e));
            Ok(ExitCode::from(2))
        }
    }
}
