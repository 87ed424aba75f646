//! Streaming IATI reader (versions 1.0x and 2.0x): one pass of quick-xml events over the
//! file's bytes in memory, each event borrowing from them (nothing copied), no tree. Each
//! `<iati-activity>` is handed to the caller as soon as it ends; elements Meridian has no
//! place for (transactions, results, locations...) are skipped unread (tokenized, so still
//! checked). Text comes from `<narrative>` children (2.0x) or straight from the element
//! (1.0x). Any XML error anywhere in the file is fatal, so callers that write only after a
//! successful read write nothing for a broken file.

use super::model::{DateType, IatiActivity, IatiDate, IatiOrg, IatiParticipant};
use super::text::Narratives;
use super::write::UNKNOWN_DATE_EN;
use super::ReadError;
use meridian_domain::PartialDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;
use std::io::Read;

/// What the file said about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// The root's `version` attribute, if any (`1.01`, `2.03`, "").
    pub version: Option<String>,
    /// `<iati-activity>` elements read.
    pub activities: usize,
}

/// Reads every activity of an IATI activity file, calling `each` for each one. The file
/// is read into memory first (the importer keeps every activity until the end anyway),
/// so that events borrow from it instead of being copied.
pub fn read_activities<R: Read>(
    mut input: R,
    each: impl FnMut(IatiActivity),
) -> Result<FileSummary, ReadError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    read_activities_from(&bytes, each)
}

/// `read_activities` over bytes already in memory.
pub fn read_activities_from(
    bytes: &[u8],
    mut each: impl FnMut(IatiActivity),
) -> Result<FileSummary, ReadError> {
    let mut ctx = Ctx {
        reader: Reader::from_reader(bytes),
    };
    let mut summary = FileSummary::default();
    let mut root_lang: Option<String> = None;
    let (mut opened, mut closed) = (false, false);
    loop {
        let event = ctx.reader.read_event();
        let pos = ctx.reader.buffer_position();
        match event.map_err(|e| ReadError::xml(pos, e))? {
            Event::Decl(d) => check_encoding(&d)?,
            Event::Start(e) | Event::Empty(e) if closed => {
                let _ = e;
                return Err(ReadError::xml_text(
                    pos,
                    "content after the root element",
                    "根元素之后还有内容",
                ));
            }
            Event::Start(e) if !opened => {
                root(&e)?;
                summary.version = attr(&e, "version", pos)?;
                root_lang = attr(&e, "xml:lang", pos)?;
                opened = true;
            }
            Event::Empty(e) if !opened => {
                root(&e)?;
                summary.version = attr(&e, "version", pos)?;
                (opened, closed) = (true, true);
            }
            Event::Start(e) if e.name().as_ref() == "iati-activity" => {
                let lang = attr(&e, "xml:lang", pos)?.or_else(|| root_lang.clone());
                let currency = attr(&e, "default-currency", pos)?;
                summary.activities += 1;
                each(ctx.activity(lang.as_deref(), currency)?);
            }
            Event::Empty(e) if e.name().as_ref() == "iati-activity" => {
                summary.activities += 1;
                each(IatiActivity::default());
            }
            Event::Start(e) => {
                ctx.reader
                    .read_to_end(e.name())
                    .map_err(|err| ReadError::xml(pos, err))?;
            }
            Event::End(_) => closed = true,
            Event::Text(t) if (!opened || closed) && !t.xml10_content().trim().is_empty() => {
                return Err(outside_root(pos));
            }
            Event::CData(_) | Event::GeneralRef(_) if !opened || closed => {
                return Err(outside_root(pos));
            }
            Event::Eof if !opened => return Err(ReadError::NotIati { root: None }),
            Event::Eof if !closed => {
                return Err(ReadError::xml_text(
                    pos,
                    "the file ends before </iati-activities>",
                    "文件在 </iati-activities> 之前就结束了",
                ))
            }
            Event::Eof => return Ok(summary),
            _ => {}
        }
    }
}

fn outside_root(pos: u64) -> ReadError {
    ReadError::xml_text(pos, "text outside the root element", "根元素之外有文本")
}

fn root(e: &BytesStart<'_>) -> Result<(), ReadError> {
    match e.name().as_ref() {
        "iati-activities" => Ok(()),
        other => Err(ReadError::NotIati {
            root: Some(other.to_string()),
        }),
    }
}

fn check_encoding(d: &quick_xml::events::BytesDecl<'_>) -> Result<(), ReadError> {
    if let Some(Ok(enc)) = d.encoding() {
        let enc = enc.to_ascii_lowercase();
        if enc != "utf-8" && enc != "utf8" {
            return Err(ReadError::NotUtf8 {
                declared: Some(enc),
            });
        }
    }
    Ok(())
}

/// An attribute's unescaped value.
pub(super) fn attr(e: &BytesStart<'_>, key: &str, pos: u64) -> Result<Option<String>, ReadError> {
    for a in e.attributes() {
        let a = a.map_err(|err| ReadError::xml(pos, err))?;
        if a.key.as_ref() == key {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| ReadError::xml(pos, err))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

/// An activity while its children are read.
struct Building<'l> {
    act: IatiActivity,
    title: Narratives,
    description: Narratives,
    lang: Option<&'l str>,
    currency: Option<String>,
}

pub(super) struct Ctx<'x> {
    pub(super) reader: Reader<&'x [u8]>,
}

/// The elements of an activity Meridian reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Identifier,
    ReportingOrg,
    Title,
    Description,
    ParticipatingOrg,
    Status,
    Date,
    Country,
    Sector,
    Budget,
    Other,
}

impl Tag {
    fn of(name: &str) -> Self {
        match name {
            "iati-identifier" => Tag::Identifier,
            "reporting-org" => Tag::ReportingOrg,
            "title" => Tag::Title,
            "description" => Tag::Description,
            "participating-org" => Tag::ParticipatingOrg,
            "activity-status" => Tag::Status,
            "activity-date" => Tag::Date,
            "recipient-country" => Tag::Country,
            "sector" => Tag::Sector,
            "budget" => Tag::Budget,
            _ => Tag::Other,
        }
    }
}

/// The attributes of an element Meridian keeps.
#[derive(Default)]
pub(super) struct Attrs {
    pub(super) reference: Option<String>,
    pub(super) org_type: Option<String>,
    pub(super) role: Option<String>,
    pub(super) code: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) iso_date: Option<String>,
    pub(super) vocabulary: Option<String>,
    pub(super) lang: Option<String>,
    pub(super) currency: Option<String>,
    pub(super) value_date: Option<String>,
}

pub(super) fn attrs(e: &BytesStart<'_>, pos: u64) -> Result<Attrs, ReadError> {
    let mut out = Attrs::default();
    for a in e.attributes() {
        let a = a.map_err(|err| ReadError::xml(pos, err))?;
        let slot = match a.key.as_ref() {
            "ref" => &mut out.reference,
            "type" => &mut out.kind,
            "role" => &mut out.role,
            "code" => &mut out.code,
            "iso-date" => &mut out.iso_date,
            "vocabulary" => &mut out.vocabulary,
            "xml:lang" => &mut out.lang,
            "currency" => &mut out.currency,
            "value-date" => &mut out.value_date,
            _ => continue,
        };
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| ReadError::xml(pos, err))?;
        *slot = Some(v.trim().to_string());
    }
    out.org_type = out.kind.clone();
    Ok(out)
}

impl Ctx<'_> {
    fn activity(
        &mut self,
        lang: Option<&str>,
        currency: Option<String>,
    ) -> Result<IatiActivity, ReadError> {
        let mut b = Building {
            act: IatiActivity::default(),
            title: Narratives::default(),
            description: Narratives::default(),
            lang,
            currency,
        };
        loop {
            let event = self.reader.read_event();
            let pos = self.reader.buffer_position();
            let (tag, a, empty) = match event.map_err(|e| ReadError::xml(pos, e))? {
                Event::Start(e) => {
                    let tag = Tag::of(e.name().as_ref());
                    if tag == Tag::Other {
                        self.reader
                            .read_to_end(e.name())
                            .map_err(|err| ReadError::xml(pos, err))?;
                        continue;
                    }
                    (tag, attrs(&e, pos)?, false)
                }
                Event::Empty(e) => (Tag::of(e.name().as_ref()), attrs(&e, pos)?, true),
                Event::End(_) => break,
                Event::Eof => return Err(ReadError::truncated(pos)),
                _ => continue,
            };
            self.child(&mut b, tag, a, empty, pos)?;
        }
        let mut act = b.act;
        act.title = b.title.finish();
        act.description = b.description.finish();
        Ok(act)
    }

    /// One child element of an activity, read to its end.
    fn child(
        &mut self,
        b: &mut Building<'_>,
        tag: Tag,
        a: Attrs,
        empty: bool,
        pos: u64,
    ) -> Result<(), ReadError> {
        let name = match tag {
            Tag::Status => "activity-status",
            Tag::Country => "recipient-country",
            Tag::Sector => "sector",
            Tag::Budget if !empty => {
                let revised = a.kind.as_deref() == Some("2");
                match self.budget(revised, b.currency.as_deref())? {
                    Some(budget) => b.act.budgets.push(budget),
                    None => b.act.unreadable_budgets += 1,
                }
                return Ok(());
            }
            Tag::Budget | Tag::Other => return Ok(()),
            _ => return self.text_child(b, tag, a, empty),
        };
        self.skip_rest(empty, name, pos)?;
        let act = &mut b.act;
        match tag {
            Tag::Status => act.status = a.code,
            Tag::Country => act.countries.push(a.code.unwrap_or_default()),
            _ => {
                let dac = matches!(a.vocabulary.as_deref(), None | Some("1" | "DAC" | ""));
                match a.code {
                    Some(code)
                        if dac && super::codes::is_dac5(&code) && !act.sectors.contains(&code) =>
                    {
                        act.sectors.push(code);
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// A child element whose text Meridian keeps.
    fn text_child(
        &mut self,
        b: &mut Building<'_>,
        tag: Tag,
        a: Attrs,
        empty: bool,
    ) -> Result<(), ReadError> {
        let own_lang = a.lang.clone().or_else(|| b.lang.map(str::to_string));
        let text = if empty {
            Narratives::default()
        } else {
            self.texts(own_lang.as_deref())?
        };
        let org = |a: Attrs, name| IatiOrg {
            reference: a.reference.filter(|r| !r.is_empty()),
            org_type: a.org_type.filter(|t| !t.is_empty()),
            name,
        };
        match tag {
            Tag::Identifier => b.act.identifier = text.direct_text(),
            Tag::ReportingOrg => b.act.reporting_org = org(a, text.finish()),
            Tag::Title => b.title.merge(text),
            Tag::Description => {
                if matches!(a.kind.as_deref(), None | Some("1" | "general" | "")) {
                    b.description.merge(text);
                }
            }
            Tag::ParticipatingOrg => {
                let role = a.role.clone().unwrap_or_default();
                let org = org(a, text.finish());
                b.act.participants.push(IatiParticipant { org, role });
            }
            Tag::Date => self.date(&mut b.act, a, text),
            _ => {}
        }
        Ok(())
    }

    pub(super) fn skip_rest(&mut self, empty: bool, name: &str, pos: u64) -> Result<(), ReadError> {
        if !empty {
            self.reader
                .read_to_end(QName(name))
                .map_err(|err| ReadError::xml(pos, err))?;
        }
        Ok(())
    }

    /// An activity-date: `iso-date` (2.0x, and 1.0x when given) or the element's text
    /// (1.0x). A narrative holding a shorter date of the same day (`2003`) gives the
    /// precision back; the writer's "date unknown" narrative drops the date.
    fn date(&self, act: &mut IatiActivity, a: Attrs, text: Narratives) {
        let Some(kind) = a.kind.as_deref().and_then(DateType::parse) else {
            return;
        };
        let words = text.direct_text();
        if words == UNKNOWN_DATE_EN || text.en_text() == Some(UNKNOWN_DATE_EN) {
            return;
        }
        let iso = a
            .iso_date
            .filter(|d| !d.is_empty())
            .unwrap_or(words.clone());
        let Ok(mut date) = PartialDate::parse_iso(iso.get(..10).unwrap_or(&iso)) else {
            act.unreadable_dates.push(iso);
            return;
        };
        let stated = text.en_text().map(str::to_string).unwrap_or(words);
        if let Ok(partial) = PartialDate::parse_iso(&stated) {
            let same = if kind.is_start() {
                partial.earliest() == date.earliest()
            } else {
                partial.latest() == date.latest()
            };
            if same && partial.day.is_none() {
                date = partial;
            }
        }
        act.dates.push(IatiDate { kind, date });
    }
}
