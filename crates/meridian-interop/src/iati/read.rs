//! Streaming IATI reader (versions 1.0x and 2.0x): one pass of quick-xml events with two
//! reused buffers, no tree. Each `<iati-activity>` is handed to the caller as soon as it
//! ends; elements Meridian has no place for (transactions, results, locations...) are
//! skipped unread. Text comes from `<narrative>` children (2.0x) or straight from the
//! element (1.0x). Any XML error anywhere in the file is fatal, so callers that write
//! only after a successful read write nothing for a broken file.

use super::model::{DateType, IatiActivity, IatiBudget, IatiDate, IatiOrg, IatiParticipant};
use super::text::{Class, Narratives};
use super::write::UNKNOWN_DATE_EN;
use super::ReadError;
use meridian_domain::PartialDate;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;
use std::io::BufRead;

/// What the file said about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// The root's `version` attribute, if any (`1.01`, `2.03`, "").
    pub version: Option<String>,
    /// `<iati-activity>` elements read.
    pub activities: usize,
}

/// Reads every activity of an IATI activity file, calling `each` for each one.
pub fn read_activities<R: BufRead>(
    input: R,
    mut each: impl FnMut(IatiActivity),
) -> Result<FileSummary, ReadError> {
    let mut ctx = Ctx {
        reader: Reader::from_reader(input),
        buf: Vec::with_capacity(16 * 1024),
        skip: Vec::with_capacity(16 * 1024),
    };
    let mut summary = FileSummary::default();
    let mut root_lang: Option<String> = None;
    let (mut opened, mut closed) = (false, false);
    loop {
        ctx.buf.clear();
        let event = ctx.reader.read_event_into(&mut ctx.buf);
        let pos = ctx.reader.buffer_position();
        match event.map_err(|e| ReadError::xml(pos, e))? {
            Event::Decl(d) => check_encoding(&d)?,
            Event::Start(e) | Event::Empty(e) if closed => {
                let _ = e;
                return Err(ReadError::NotXml {
                    position: pos,
                    message: "content after the root element".into(),
                });
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
                    .read_to_end_into(e.name(), &mut ctx.skip)
                    .map_err(|err| ReadError::xml(pos, err))?;
            }
            Event::End(_) => closed = true,
            Event::Text(t) if (!opened || closed) && !t.xml10_content().trim().is_empty() => {
                return Err(ReadError::NotXml {
                    position: pos,
                    message: "text outside the root element".into(),
                });
            }
            Event::CData(_) | Event::GeneralRef(_) if !opened || closed => {
                return Err(ReadError::NotXml {
                    position: pos,
                    message: "text outside the root element".into(),
                });
            }
            Event::Eof if !opened => return Err(ReadError::NotIati { root: None }),
            Event::Eof if !closed => {
                return Err(ReadError::NotXml {
                    position: pos,
                    message: "the file ends before </iati-activities>".into(),
                })
            }
            Event::Eof => return Ok(summary),
            _ => {}
        }
    }
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
fn attr(e: &BytesStart<'_>, key: &str, pos: u64) -> Result<Option<String>, ReadError> {
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

/// Appends the character or predefined entity a reference stands for.
pub(super) fn push_ref(out: &mut String, r: &BytesRef<'_>, pos: u64) -> Result<(), ReadError> {
    if r.is_char_ref() {
        match r.resolve_char_ref().map_err(|e| ReadError::xml(pos, e))? {
            Some(c) => out.push(c),
            None => return Err(ReadError::xml_text(pos, "a character reference to nothing")),
        }
        return Ok(());
    }
    let name = r.xml10_content();
    match quick_xml::escape::resolve_xml_entity(&name) {
        Some(s) => out.push_str(s),
        None => {
            return Err(ReadError::xml_text(
                pos,
                &format!("undeclared entity &{name};"),
            ))
        }
    }
    Ok(())
}

struct Ctx<R> {
    reader: Reader<R>,
    buf: Vec<u8>,
    skip: Vec<u8>,
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
struct Attrs {
    reference: Option<String>,
    org_type: Option<String>,
    role: Option<String>,
    code: Option<String>,
    kind: Option<String>,
    iso_date: Option<String>,
    vocabulary: Option<String>,
    lang: Option<String>,
    currency: Option<String>,
    value_date: Option<String>,
}

fn attrs(e: &BytesStart<'_>, pos: u64) -> Result<Attrs, ReadError> {
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

impl<R: BufRead> Ctx<R> {
    fn activity(
        &mut self,
        lang: Option<&str>,
        currency: Option<String>,
    ) -> Result<IatiActivity, ReadError> {
        let mut act = IatiActivity::default();
        let mut title = Narratives::default();
        let mut description = Narratives::default();
        loop {
            self.buf.clear();
            let event = self.reader.read_event_into(&mut self.buf);
            let pos = self.reader.buffer_position();
            let (tag, a, empty) = match event.map_err(|e| ReadError::xml(pos, e))? {
                Event::Start(e) => {
                    let tag = Tag::of(e.name().as_ref());
                    if tag == Tag::Other {
                        self.reader
                            .read_to_end_into(e.name(), &mut self.skip)
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
            let own_lang = a.lang.clone().or_else(|| lang.map(str::to_string));
            let texts = |ctx: &mut Self, name: &'static str| -> Result<Narratives, ReadError> {
                if empty {
                    Ok(Narratives::default())
                } else {
                    ctx.texts(name, own_lang.as_deref())
                }
            };
            match tag {
                Tag::Identifier => {
                    let text = texts(self, "iati-identifier")?;
                    act.identifier = text.direct_text();
                }
                Tag::ReportingOrg => {
                    act.reporting_org = IatiOrg {
                        reference: a.reference.filter(|r| !r.is_empty()),
                        org_type: a.org_type.filter(|t| !t.is_empty()),
                        name: texts(self, "reporting-org")?.finish(),
                    }
                }
                Tag::Title => title.merge(texts(self, "title")?),
                Tag::Description => {
                    let text = texts(self, "description")?;
                    if matches!(a.kind.as_deref(), None | Some("1" | "general" | "")) {
                        description.merge(text);
                    }
                }
                Tag::ParticipatingOrg => {
                    let name = texts(self, "participating-org")?.finish();
                    act.participants.push(IatiParticipant {
                        org: IatiOrg {
                            reference: a.reference.filter(|r| !r.is_empty()),
                            org_type: a.org_type.filter(|t| !t.is_empty()),
                            name,
                        },
                        role: a.role.unwrap_or_default(),
                    });
                }
                Tag::Status => {
                    self.skip_rest(empty, "activity-status", pos)?;
                    act.status = a.code;
                }
                Tag::Date => {
                    let text = texts(self, "activity-date")?;
                    self.date(&mut act, a, text);
                }
                Tag::Country => {
                    self.skip_rest(empty, "recipient-country", pos)?;
                    act.countries.push(a.code.unwrap_or_default());
                }
                Tag::Sector => {
                    self.skip_rest(empty, "sector", pos)?;
                    let dac = matches!(a.vocabulary.as_deref(), None | Some("1" | "DAC" | ""));
                    match a.code {
                        Some(code) if dac && super::codes::is_dac5(&code) => {
                            if !act.sectors.contains(&code) {
                                act.sectors.push(code);
                            }
                        }
                        _ => {}
                    }
                }
                Tag::Budget if !empty => {
                    let revised = a.kind.as_deref() == Some("2");
                    match self.budget(revised, currency.as_deref())? {
                        Some(b) => act.budgets.push(b),
                        None => act.unreadable_budgets += 1,
                    }
                }
                Tag::Budget | Tag::Other => {}
            }
        }
        act.title = title.finish();
        act.description = description.finish();
        Ok(act)
    }

    fn skip_rest(&mut self, empty: bool, name: &str, pos: u64) -> Result<(), ReadError> {
        if !empty {
            self.reader
                .read_to_end_into(QName(name), &mut self.skip)
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

    /// A budget's period and value; `None` when one of them is missing or unreadable.
    fn budget(
        &mut self,
        revised: bool,
        default_currency: Option<&str>,
    ) -> Result<Option<IatiBudget>, ReadError> {
        let (mut start, mut end, mut value) = (None, None, None);
        let (mut currency, mut value_date) = (None, None);
        loop {
            self.buf.clear();
            let event = self.reader.read_event_into(&mut self.buf);
            let pos = self.reader.buffer_position();
            let (name, a, empty) = match event.map_err(|e| ReadError::xml(pos, e))? {
                Event::Start(e) => {
                    let name = BudgetPart::of(e.name().as_ref());
                    if name == BudgetPart::Other {
                        self.reader
                            .read_to_end_into(e.name(), &mut self.skip)
                            .map_err(|err| ReadError::xml(pos, err))?;
                        continue;
                    }
                    (name, attrs(&e, pos)?, false)
                }
                Event::Empty(e) => (BudgetPart::of(e.name().as_ref()), attrs(&e, pos)?, true),
                Event::End(_) => break,
                Event::Eof => return Err(ReadError::truncated(pos)),
                _ => continue,
            };
            match name {
                BudgetPart::Value => {
                    currency = a.currency;
                    value_date = a.value_date;
                    if !empty {
                        value = Some(self.texts("value", None)?.direct_text());
                    }
                }
                BudgetPart::Start => {
                    self.skip_rest(empty, "period-start", pos)?;
                    start = a.iso_date;
                }
                BudgetPart::End => {
                    self.skip_rest(empty, "period-end", pos)?;
                    end = a.iso_date;
                }
                BudgetPart::Other => {}
            }
        }
        let day = |d: Option<String>| {
            d.and_then(|d| PartialDate::parse_iso(d.get(..10).unwrap_or(&d)).ok())
        };
        let (Some(start), Some(end)) = (day(start), day(end)) else {
            return Ok(None);
        };
        let Some(value) = value.and_then(|v| v.replace(',', "").parse::<f64>().ok()) else {
            return Ok(None);
        };
        Ok(Some(IatiBudget {
            start,
            end,
            value,
            currency: currency
                .filter(|c| !c.is_empty())
                .or(default_currency.map(str::to_string))
                .unwrap_or_default(),
            value_date: day(value_date).unwrap_or(start),
            revised,
        }))
    }

    /// The text of an element: its `<narrative>` children by language, and the text
    /// written straight inside it (1.0x), read until the element ends.
    fn texts(&mut self, name: &str, lang: Option<&str>) -> Result<Narratives, ReadError> {
        let _ = name;
        let mut out = Narratives::default();
        let mut depth = 0usize;
        let mut narrative: Option<(Class, String)> = None;
        let mut direct = String::new();
        loop {
            self.buf.clear();
            let event = self.reader.read_event_into(&mut self.buf);
            let pos = self.reader.buffer_position();
            let event = event.map_err(|e| ReadError::xml(pos, e))?;
            let target = match (&mut narrative, depth) {
                (Some((_, text)), 1) => Some(text),
                (_, 0) => Some(&mut direct),
                _ => None,
            };
            match event {
                Event::Start(e) => {
                    depth += 1;
                    if depth == 1 && e.name().as_ref() == "narrative" {
                        let own = attr(&e, "xml:lang", pos)?;
                        narrative = Some((Class::of(own.as_deref().or(lang)), String::new()));
                    }
                }
                Event::Text(t) => {
                    if let Some(target) = target {
                        target.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if let Some(target) = target {
                        target.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(target) = target {
                        push_ref(target, &r, pos)?;
                    }
                }
                Event::End(_) if depth == 0 => break,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        if let Some((class, text)) = narrative.take() {
                            out.add(class, text);
                        }
                    }
                }
                Event::Eof => return Err(ReadError::truncated(pos)),
                _ => {}
            }
        }
        out.add(Class::of(lang), direct.clone());
        out.direct = direct;
        Ok(out)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BudgetPart {
    Start,
    End,
    Value,
    Other,
}

impl BudgetPart {
    fn of(name: &str) -> Self {
        match name {
            "period-start" => Self::Start,
            "period-end" => Self::End,
            "value" => Self::Value,
            _ => Self::Other,
        }
    }
}
