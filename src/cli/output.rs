//! Writing to standard output and error the way a shell tool should: a
//! reader that goes away (`govlint check … | head -1`) ends the output
//! quietly, with no panic and no "Broken pipe" message.
//!
//! Every command prints through these functions, never `print!`. A closed
//! pipe only stops the output: the run goes on to its end, and the exit
//! code is still the run's own (0, 1 or 2).

use std::io::{self, BufWriter, ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output has been closed by its reader.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Runs `write` on standard output (buffered) and flushes it. A closed pipe
/// is not an error: this and every later write to standard output do
/// nothing. Any other failure (a full disk behind a redirect) is an error
/// message for exit 2.
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), String> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            // What is still buffered cannot be written either; drop it
            // without the BufWriter trying again.
            let _ = out.into_parts();
            Ok(())
        }
        Err(e) => Err(format!("error: cannot write to standard output: {e}")),
    }
}

/// Prints `text` to standard output.
pub fn print(text: &str) -> Result<(), String> {
    to_stdout(|out| out.write_all(text.as_bytes()))
}

/// Prints `text` to standard error. When that fails there is nowhere left
/// to say so, so it is ignored.
pub fn eprint(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}
