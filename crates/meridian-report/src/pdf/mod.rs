//! Report documents as PDF 1.7, written by hand: no layout engine, no font files, and the same
//! document always gives the same bytes (no dates, no random ids).
//!
//! Fonts are not embedded, which keeps the binary and the files small: Latin text (ASCII and
//! the rest of WinAnsiEncoding, such as "é" and "ü") is set in the standard Helvetica (bold:
//! Helvetica-Bold), everything else in Adobe's standard Chinese font STSong-Light, addressed
//! as UCS-2 through the predefined `UniGB-UCS2-H` CMap (see `fonts`). Readers supply those
//! fonts: Acrobat from its Asian font pack, poppler and pdf.js by substituting an installed
//! Chinese font. Text stays text, so it can be searched, copied and read back by `pdftotext`
//! (see `inspect::pdf_text`).

mod body;
mod canvas;
mod chart;
mod file;
mod flow;
mod fonts;
mod table;
mod wrap;

use std::fmt::Write as _;

use crate::docx::styles::is_chinese;
use crate::error::ReportError;
use crate::model::{Block, Document};
use canvas::num;
use file::{ascii_string, text_string, PdfFile};
use flow::{Flow, Page, PAGE_HEIGHT, PAGE_WIDTH};

/// Fixed object numbers; each page's objects follow.
const CATALOG: usize = 1;
const PAGES: usize = 2;
const INFO: usize = 3;
const FIRST_FONT: usize = 4;
const FIRST_PAGE_OBJECT: usize = FIRST_FONT + fonts::FONT_OBJECTS;

/// Writes `document` as PDF bytes.
///
/// A4 portrait pages with 18 mm margins: the title and subtitle first, then the blocks in
/// order, with page breaks where the next piece does not fit. Headings stay with the lines
/// after them; tables repeat their shaded header row on every page they reach, with numbers
/// right-aligned and formatted as in the Word and Excel files ("1,234", "85%"); charts are
/// vector drawings (grouped bars, dashed target lines, legend). Every page has "n / N" in its
/// footer. Fonts are named, not embedded (Helvetica, STSong-Light): a reader with no Chinese
/// font at all shows blanks or boxes for Chinese text, though it still extracts and searches.
/// Characters outside the Basic Multilingual Plane print as "?": the Chinese font is
/// addressed in UCS-2, which cannot encode them.
pub fn write_pdf(document: &Document) -> Result<Vec<u8>, ReportError> {
    let chinese = is_chinese(&document.language);
    let mut flow = Flow::new();
    body::title(&mut flow, &document.title, document.subtitle.as_deref());
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => body::heading(&mut flow, *level, text),
            Block::Paragraph(text) => body::paragraph(&mut flow, text, chinese),
            Block::Table(t) => table::table(&mut flow, t),
            Block::Chart(c) => chart::chart(&mut flow, c),
        }
    }
    // Nothing here can fail; the Result keeps the signature of the other writers, so a
    // future limit (a size cap, say) needs no change in callers.
    Ok(assemble(document, flow.finish()))
}

/// The object numbers of one page: the page, its content stream, its link annotations.
struct PageIds {
    page: usize,
    content: usize,
    links: Vec<usize>,
}

fn assemble(document: &Document, pages: Vec<Page>) -> Vec<u8> {
    let mut next = FIRST_PAGE_OBJECT;
    let ids: Vec<PageIds> = pages
        .iter()
        .map(|page| {
            let ids = PageIds {
                page: next,
                content: next + 1,
                links: (next + 2..next + 2 + page.links.len()).collect(),
            };
            next += 2 + page.links.len();
            ids
        })
        .collect();
    let mut file = PdfFile::new(next - 1);

    file.object(CATALOG, &catalog(&document.language));
    let kids: Vec<String> = ids.iter().map(|i| format!("{} 0 R", i.page)).collect();
    file.object(
        PAGES,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            ids.len()
        ),
    );
    let mut info = String::from("<<");
    if !document.title.trim().is_empty() {
        let _ = write!(info, " /Title {}", text_string(&document.title));
    }
    info.push_str(" /Producer (Meridian) >>");
    file.object(INFO, &info);
    for (id, body) in fonts::font_objects(FIRST_FONT) {
        file.object(id, &body);
    }
    file.stream(
        FIRST_FONT + fonts::FONT_OBJECTS - 1,
        "",
        fonts::to_unicode_cmap().as_bytes(),
    );

    let font_resources = format!(
        "<< /Font << /{} {} 0 R /{} {} 0 R /{} {} 0 R >> >>",
        fonts::REGULAR,
        FIRST_FONT,
        fonts::BOLD,
        FIRST_FONT + 1,
        fonts::CJK,
        FIRST_FONT + 2
    );
    for (page, ids) in pages.into_iter().zip(&ids) {
        let annots = if ids.links.is_empty() {
            String::new()
        } else {
            let refs: Vec<String> = ids.links.iter().map(|id| format!("{id} 0 R")).collect();
            format!(" /Annots [{}]", refs.join(" "))
        };
        file.object(
            ids.page,
            &format!(
                "<< /Type /Page /Parent {PAGES} 0 R /MediaBox [0 0 {} {}] /Resources {font_resources} \
                 /Contents {} 0 R{annots} >>",
                num(PAGE_WIDTH),
                num(PAGE_HEIGHT),
                ids.content
            ),
        );
        file.stream(ids.content, "", &page.canvas.into_bytes());
        for (link, id) in page.links.iter().zip(&ids.links) {
            let rect: Vec<String> = link.rect.iter().map(|v| num(*v)).collect();
            file.object(
                *id,
                &format!(
                    "<< /Type /Annot /Subtype /Link /Rect [{}] /Border [0 0 0] /F 4 \
                     /P {} 0 R /A << /S /URI /URI {} >> >>",
                    rect.join(" "),
                    ids.page,
                    ascii_string(&link.uri)
                ),
            );
        }
    }
    file.finish(CATALOG, INFO)
}

/// The catalog: the page tree, the document's language (a BCP 47 tag such as "zh-CN", for
/// screen readers and search), and the title, not the file name, in the window title.
fn catalog(language: &str) -> String {
    let mut out = format!("<< /Type /Catalog /Pages {PAGES} 0 R");
    let tag: String = language
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if !tag.is_empty() {
        let _ = write!(out, " /Lang {}", ascii_string(&tag));
    }
    out.push_str(" /ViewerPreferences << /DisplayDocTitle true >> >>");
    out
}
