//! word/styles.xml and word/fontTable.xml: the fonts, languages and named styles every report
//! shares, so the body only names styles.

use super::xml::DECLARATION;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Latin text font (Word's default since 2007; LibreOffice substitutes the metric-compatible
/// Carlito).
pub(crate) const LATIN_FONT: &str = "Calibri";
/// Chinese sans-serif for headings (and all Chinese text in English reports, beside Calibri):
/// on every Chinese Windows and Office install; elsewhere the font table's GB2312 charset lets
/// Word or fontconfig substitute an installed Chinese font.
pub(crate) const EAST_ASIA_FONT: &str = "Microsoft YaHei";
/// Chinese serif for body text of Chinese reports, the usual choice for printed reports.
const EAST_ASIA_BODY_FONT_ZH: &str = "SimSun";

/// Border colour of tables and the shading of their header row (also used in the xlsx header).
pub(crate) const TABLE_BORDER: &str = "A6A6A6";
pub(crate) const HEADER_FILL: &str = "D9E2F3";

/// word/styles.xml for a document in `language` ("zh-CN" or "en").
pub(crate) fn styles_xml(language: &str) -> String {
    let zh = is_chinese(language);
    // Chinese body text is conventionally indented by two characters.
    let body_indent = if zh {
        "<w:ind w:firstLineChars=\"200\" w:firstLine=\"440\"/>"
    } else {
        ""
    };
    format!(
        "{DECLARATION}<w:styles xmlns:w=\"{W_NS}\">\
         <w:docDefaults><w:rPrDefault><w:rPr>{fonts}\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>{lang}</w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/>\
         </w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\
         <w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         {title}{subtitle}{h1}{h2}{h3}\
         <w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/>\
         <w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>{body_indent}</w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableTitle\"><w:name w:val=\"Table Title\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/></w:pPr>\
         <w:rPr><w:b/><w:bCs/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>\
         <w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         <w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Figure\"><w:name w:val=\"Figure\"/>\
         <w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr></w:style>\
         {table_normal}{report_table}</w:styles>",
        fonts = fonts_xml(if zh { EAST_ASIA_BODY_FONT_ZH } else { EAST_ASIA_FONT }),
        lang = LANG,
        title = heading_style("Title", "Title", None, 36, "1F3864"),
        subtitle = heading_style("Subtitle", "Subtitle", None, 26, "595959"),
        h1 = heading_style("Heading1", "heading 1", Some(0), 32, "1F3864"),
        h2 = heading_style("Heading2", "heading 2", Some(1), 28, "1F3864"),
        h3 = heading_style("Heading3", "heading 3", Some(2), 24, "2F5496"),
        table_normal = TABLE_NORMAL,
        report_table = report_table_style(),
    )
}

/// Run fonts: Latin and Chinese typefaces set apart, so each script gets a font made for it.
fn fonts_xml(east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{LATIN_FONT}\" w:hAnsi=\"{LATIN_FONT}\" \
         w:eastAsia=\"{east_asia}\" w:cs=\"{LATIN_FONT}\"/>"
    )
}

/// The proofing languages, the same for both report languages: Latin-script text is English
/// (names, acronyms) and Chinese characters are Chinese, since English reports quote Chinese
/// names too, and without `w:eastAsia` Word may draw them with Japanese glyph forms.
const LANG: &str = "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>";

pub(crate) fn is_chinese(language: &str) -> bool {
    language.to_ascii_lowercase().starts_with("zh")
}

/// A title or heading style. Word recognises its built-in headings by the lowercase names
/// ("heading 1"), which keeps the navigation pane and tables of contents working;
/// `outline` is the outline level (0 for level 1).
fn heading_style(
    id: &str,
    name: &str,
    outline: Option<u8>,
    half_points: u32,
    color: &str,
) -> String {
    let outline = outline
        .map(|level| format!("<w:outlineLvl w:val=\"{level}\"/>"))
        .unwrap_or_default();
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/>{outline}\
         </w:pPr><w:rPr><w:rFonts w:eastAsia=\"{EAST_ASIA_FONT}\"/><w:b/><w:bCs/><w:color w:val=\"{color}\"/>\
         <w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/></w:rPr></w:style>"
    )
}

/// Word expects the default table style to exist; tables without one fall back to it.
const TABLE_NORMAL: &str = "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">\
    <w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>\
    <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>\
    <w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
    <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
    </w:tblCellMar></w:tblPr></w:style>";

/// The report table style: thin grey borders all round and between cells.
fn report_table_style() -> String {
    format!(
        "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"59\"/>\
         <w:tblPr>{borders}<w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/>\
         <w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/>\
         <w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
        borders = table_borders()
    )
}

/// Table borders, also repeated on each table: LibreOffice applies borders from table styles
/// unevenly, direct ones always.
pub(crate) fn table_borders() -> String {
    let edge = |name: &str| {
        format!("<w:{name} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{TABLE_BORDER}\"/>")
    };
    let edges: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|name| edge(name))
        .collect();
    format!("<w:tblBorders>{edges}</w:tblBorders>")
}

/// word/fontTable.xml: declares the Chinese font's charset (GB2312) and family, which is what
/// lets Word substitute a Chinese font when Microsoft YaHei is missing.
pub(crate) fn font_table_xml() -> String {
    format!(
        "{DECLARATION}<w:fonts xmlns:w=\"{W_NS}\">\
         <w:font w:name=\"{LATIN_FONT}\"><w:panose1 w:val=\"020F0502020204030204\"/>\
         <w:charset w:val=\"00\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
         <w:font w:name=\"{EAST_ASIA_FONT}\"><w:altName w:val=\"微软雅黑\"/>\
         <w:panose1 w:val=\"020B0503020204020204\"/><w:charset w:val=\"86\"/>\
         <w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
         <w:font w:name=\"SimSun\"><w:altName w:val=\"宋体\"/>\
         <w:panose1 w:val=\"02010600030101010101\"/><w:charset w:val=\"86\"/>\
         <w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    )
}
