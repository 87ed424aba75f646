//! The package's bookkeeping parts: content types, relationships, properties and settings.

use std::fmt::Write as _;

use super::xml::{escape, DECLARATION};

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Relationship ids of document.xml's fixed parts; charts follow from [`FIRST_CHART_REL`].
const STYLES_REL: &str = "rId1";
const SETTINGS_REL: &str = "rId2";
const FONTS_REL: &str = "rId3";
const FIRST_CHART_REL: usize = 4;

/// The relationship id of the n-th chart (0-based) in word/_rels/document.xml.rels.
pub(crate) fn chart_rel_id(n: usize) -> String {
    format!("rId{}", FIRST_CHART_REL + n)
}

/// The part name of the n-th chart (0-based), relative to word/.
pub(crate) fn chart_target(n: usize) -> String {
    format!("charts/chart{}.xml", n + 1)
}

/// [Content_Types].xml: every part's media type, chart parts included.
pub(crate) fn content_types_xml(charts: usize) -> String {
    let mut out = format!(
        "{DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{WML}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{WML}.styles+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{WML}.settings+xml\"/>\
         <Override PartName=\"/word/fontTable.xml\" ContentType=\"{WML}.fontTable+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    );
    for n in 0..charts {
        let _ = write!(
            out,
            "<Override PartName=\"/word/{}\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>",
            chart_target(n)
        );
    }
    out.push_str("</Types>");
    out
}

/// _rels/.rels: where the main document and the properties are.
pub(crate) fn package_rels_xml() -> String {
    format!(
        "{DECLARATION}<Relationships xmlns=\"{RELS_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{OFFICE_REL}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{OFFICE_REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

/// word/_rels/document.xml.rels: styles, settings, fonts, then one per chart.
pub(crate) fn document_rels_xml(charts: usize) -> String {
    let mut out = format!(
        "{DECLARATION}<Relationships xmlns=\"{RELS_NS}\">\
         <Relationship Id=\"{STYLES_REL}\" Type=\"{OFFICE_REL}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"{SETTINGS_REL}\" Type=\"{OFFICE_REL}/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"{FONTS_REL}\" Type=\"{OFFICE_REL}/fontTable\" Target=\"fontTable.xml\"/>"
    );
    for n in 0..charts {
        let _ = write!(
            out,
            "<Relationship Id=\"{}\" Type=\"{OFFICE_REL}/chart\" Target=\"{}\"/>",
            chart_rel_id(n),
            chart_target(n)
        );
    }
    out.push_str("</Relationships>");
    out
}

/// docProps/core.xml: title and language, shown in file properties and search indexes. No
/// dates, so the same document always gives the same bytes.
pub(crate) fn core_xml(title: &str, language: &str) -> String {
    format!(
        "{DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>Meridian</dc:creator><dc:language>{}</dc:language>\
         </cp:coreProperties>",
        escape(title),
        escape(language)
    )
}

/// docProps/app.xml: names the producing application.
pub(crate) fn app_xml() -> String {
    format!(
        "{DECLARATION}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>Meridian</Application></Properties>"
    )
}

/// word/settings.xml: compatibility mode 15 keeps Word out of "Compatibility Mode"; Chinese
/// punctuation compression and the theme's East Asian language match the styles.
pub(crate) fn settings_xml() -> String {
    format!(
        "{DECLARATION}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:defaultTabStop w:val=\"420\"/>\
         <w:characterSpacingControl w:val=\"compressPunctuation\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
         </w:settings>"
    )
}
