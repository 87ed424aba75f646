//! The PDF file itself: numbered objects, the cross-reference table with each object's byte
//! offset, and the trailer. Objects are written in number order, so the table is one section.

use std::fmt::Write as _;

/// The header, with a comment of high bytes that marks the file as binary for transfer tools.
const HEADER: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

/// A file being written: the bytes so far and where each object starts.
pub(crate) struct PdfFile {
    out: Vec<u8>,
    /// Byte offset of object n at index n - 1; `None` until written.
    offsets: Vec<Option<usize>>,
}

impl PdfFile {
    /// A file that will hold objects 1 to `count`.
    pub(crate) fn new(count: usize) -> Self {
        PdfFile {
            out: HEADER.to_vec(),
            offsets: vec![None; count],
        }
    }

    /// Object `id` with the dictionary or array `body`.
    pub(crate) fn object(&mut self, id: usize, body: &str) {
        self.start(id);
        self.out.extend_from_slice(body.as_bytes());
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Stream object `id`: `data` with a dictionary holding its /Length and `entries`.
    pub(crate) fn stream(&mut self, id: usize, entries: &str, data: &[u8]) {
        self.start(id);
        let space = if entries.is_empty() { "" } else { " " };
        let _ = write!(
            self,
            "<< /Length {}{space}{entries} >>\nstream\n",
            data.len()
        );
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn start(&mut self, id: usize) {
        self.offsets[id - 1] = Some(self.out.len());
        let _ = writeln!(self, "{id} 0 obj");
    }

    /// The cross-reference table and trailer; the file's bytes. Every object must have been
    /// written: a gap would be a dangling reference.
    pub(crate) fn finish(mut self, root: usize, info: usize) -> Vec<u8> {
        let xref = self.out.len();
        let size = self.offsets.len() + 1;
        let _ = write!(self, "xref\n0 {size}\n0000000000 65535 f \n");
        let offsets = std::mem::take(&mut self.offsets);
        for offset in offsets {
            debug_assert!(offset.is_some(), "every numbered object is written");
            // Each entry is exactly 20 bytes: ten digits, space, five digits, space, n, EOL.
            let _ = writeln!(self, "{:010} 00000 n ", offset.unwrap_or(0));
        }
        let _ = write!(
            self,
            "trailer\n<< /Size {size} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.out
    }
}

/// Lets `write!` append ASCII to the file.
impl std::fmt::Write for PdfFile {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// A text string (document title) as UTF-16BE hex with a byte order mark, the one encoding
/// that holds any text. Control characters are dropped.
pub(crate) fn text_string(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for c in text.chars().filter(|c| !c.is_control()) {
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            let _ = write!(out, "{unit:04X}");
        }
    }
    out.push('>');
    out
}

/// An ASCII string as a PDF literal string; delimiters escaped, anything else dropped.
pub(crate) fn ascii_string(text: &str) -> String {
    let mut out = String::from("(");
    for c in text.chars().filter(|c| c.is_ascii_graphic() || *c == ' ') {
        if matches!(c, '(' | ')' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xref_table_points_at_every_object() {
        let mut file = PdfFile::new(2);
        file.object(1, "<< /Type /Catalog >>");
        file.stream(2, "", b"abc");
        let bytes = file.finish(1, 1);
        // Read past the binary comment, keeping offsets in bytes of the whole file.
        let body = std::str::from_utf8(&bytes[HEADER.len()..]).unwrap();
        let at = |offset: usize| &body[offset - HEADER.len()..];
        let xref = HEADER.len() + body.find("xref\n").unwrap();
        let entries: Vec<&str> = at(xref).lines().skip(3).take(2).collect();
        for (n, entry) in entries.iter().enumerate() {
            assert_eq!(entry.len(), 19, "20 bytes with the line end");
            let offset: usize = entry[..10].parse().unwrap();
            assert!(at(offset).starts_with(&format!("{} 0 obj", n + 1)));
        }
        assert!(body.contains(&format!("startxref\n{xref}\n%%EOF\n")));
        assert!(body.contains("<< /Length 3 >>\nstream\nabc\nendstream"));
    }

    #[test]
    fn strings_are_encoded_safely() {
        assert_eq!(text_string("中a"), "<FEFF4E2D0061>");
        assert_eq!(text_string("😀"), "<FEFFD83DDE00>");
        assert_eq!(ascii_string("a(b)\\中"), "(a\\(b\\)\\\\)");
    }
}
