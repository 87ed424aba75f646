//! Reading a PDF's text back through poppler's `pdftotext`: an independent reader, so a test
//! that passes shows what a real viewer extracts, not what this crate believes it wrote.

use std::io::Write;
use std::process::{Command, Stdio};
use std::thread;

use crate::error::ReportError;

/// The Debian packages `pdf_text` needs: the program, and the CMaps for Chinese fonts.
const PACKAGES: &str = "poppler-utils and poppler-data";

/// The text of every page in reading order, as `pdftotext -layout -enc UTF-8` gives it:
/// lines separated by '\n', each page ending with a form feed ('\u{c}').
///
/// Layout mode keeps each printed line together: a table row reads as one line, its cells
/// apart by spaces. (The default mode groups a table's columns into separate text flows, so
/// a row's cells would come back far apart.) Centred and indented lines keep leading spaces.
///
/// Runs `pdftotext` (Debian packages poppler-utils and poppler-data) as a subprocess; a
/// missing program is an error that names them, never an empty text.
pub fn pdf_text(bytes: &[u8]) -> Result<String, ReportError> {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                std::io::Error::new(
                    e.kind(),
                    format!("pdftotext is not installed (Debian packages {PACKAGES})"),
                )
            } else {
                e
            }
        })?;
    // Write from another thread: a large file's text could fill the output pipe while the
    // input is still being written, and both sides would wait forever.
    let mut stdin = child.stdin.take().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pdftotext has no input")
    })?;
    let input = bytes.to_vec();
    let writer = thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output()?;
    // A reader that gives up early closes its input: its exit status says why, not the pipe.
    let written = writer.join().unwrap_or(Ok(()));
    if !output.status.success() {
        let reason = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(ReportError::unreadable(
            "pdf",
            format!("pdftotext failed ({}): {reason}", output.status),
        ));
    }
    written?;
    String::from_utf8(output.stdout).map_err(|e| ReportError::unreadable("pdf", e))
}
