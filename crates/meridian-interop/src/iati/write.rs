//! Streaming IATI 2.03 writer: one `<iati-activity>` at a time, elements in the order the
//! schema's sequence requires.
//!
//! Dates: IATI needs full dates. A year is written as its first day when it starts a
//! period and its last day when it ends one (`2003` → `2003-01-01` / `2003-12-31`), a
//! month likewise (`2018-05` → `2018-05-01` / `2018-05-31`), and the date as Meridian
//! knows it goes into the element's narrative (`<narrative xml:lang="en">2003</narrative>`)
//! so an import gets the precision back. The schema needs at least one activity-date: an
//! activity with no known date gets one dated `as_of` (the export's day) whose narratives
//! say the date is unknown (`UNKNOWN_DATE_EN`); the reader drops that date again.

use super::model::{IatiActivity, IatiBudget, IatiDate, IatiOrg};
use meridian_domain::{LocalizedText, PartialDate};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io::{self, Write};

pub const UNKNOWN_DATE_EN: &str = "Date unknown: the activity is recorded as of this date";
pub const UNKNOWN_DATE_ZH: &str = "日期不详：此为记录截至日期";

/// Writes an `<iati-activities version="2.03">` document.
pub struct IatiWriter<W: Write> {
    xml: Writer<W>,
    as_of: PartialDate,
}

type El<'a, W> = &'a mut Writer<W>;

impl<W: Write> IatiWriter<W> {
    /// Starts the document. `generated` (RFC 3339) becomes `generated-datetime`; `as_of`
    /// (a full date) dates activities whose dates are unknown.
    pub fn new(out: W, generated: Option<&str>, as_of: PartialDate) -> io::Result<Self> {
        let mut xml = Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = quick_xml::events::BytesStart::new("iati-activities");
        root.push_attribute(("version", "2.03"));
        if let Some(at) = generated {
            root.push_attribute(("generated-datetime", at));
        }
        xml.write_event(Event::Start(root))?;
        Ok(Self { xml, as_of })
    }

    pub fn activity(&mut self, a: &IatiActivity) -> io::Result<()> {
        let as_of = self.as_of;
        self.xml
            .create_element("iati-activity")
            .write_inner_content(|w| {
                w.create_element("iati-identifier")
                    .write_text_content(BytesText::new(&a.identifier))?;
                org(w, "reporting-org", &a.reporting_org, None)?;
                w.create_element("title")
                    .write_inner_content(|w| narratives(w, &a.title))?;
                w.create_element("description")
                    .with_attribute(("type", "1"))
                    .write_inner_content(|w| {
                        if a.description.is_empty() {
                            // The schema wants a description with a narrative; an empty
                            // one says there is none without inventing text.
                            w.create_element("narrative")
                                .with_attribute(("xml:lang", "en"))
                                .write_empty()?;
                            Ok(())
                        } else {
                            narratives(w, &a.description)
                        }
                    })?;
                for p in &a.participants {
                    org(w, "participating-org", &p.org, Some(&p.role))?;
                }
                let status = a.status.as_deref().unwrap_or("2");
                w.create_element("activity-status")
                    .with_attribute(("code", status))
                    .write_empty()?;
                dates(w, &a.dates, as_of)?;
                for c in &a.countries {
                    w.create_element("recipient-country")
                        .with_attribute(("code", c.as_str()))
                        .write_empty()?;
                }
                sectors(w, &a.sectors)?;
                for b in &a.budgets {
                    budget(w, b)?;
                }
                Ok(())
            })?;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.xml
            .write_event(Event::End(quick_xml::events::BytesEnd::new(
                "iati-activities",
            )))?;
        let mut out = self.xml.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(out)
    }
}

fn narratives<W: Write>(w: El<'_, W>, text: &LocalizedText) -> io::Result<()> {
    for (lang, value) in [("zh", &text.zh), ("en", &text.en)] {
        if let Some(value) = value {
            w.create_element("narrative")
                .with_attribute(("xml:lang", lang))
                .write_text_content(BytesText::new(value))?;
        }
    }
    Ok(())
}

fn org<W: Write>(w: El<'_, W>, name: &str, o: &IatiOrg, role: Option<&str>) -> io::Result<()> {
    let mut el = w.create_element(name);
    if let Some(r) = &o.reference {
        el = el.with_attribute(("ref", r.as_str()));
    }
    if let Some(role) = role {
        el = el.with_attribute(("role", role));
    }
    if let Some(t) = &o.org_type {
        el = el.with_attribute(("type", t.as_str()));
    }
    el.write_inner_content(|w| narratives(w, &o.name))?;
    Ok(())
}

/// `2003-01-01` for a start, `2003-12-31` for an end.
pub fn full_date(d: &PartialDate, start: bool) -> String {
    let (y, m, d) = if start { d.earliest() } else { d.latest() };
    format!("{y:04}-{m:02}-{d:02}")
}

fn dates<W: Write>(w: El<'_, W>, list: &[IatiDate], as_of: PartialDate) -> io::Result<()> {
    if list.is_empty() {
        return w
            .create_element("activity-date")
            .with_attribute(("type", "2"))
            .with_attribute(("iso-date", full_date(&as_of, true).as_str()))
            .write_inner_content(|w| {
                let text = LocalizedText::new(UNKNOWN_DATE_ZH, UNKNOWN_DATE_EN);
                narratives(w, &text)
            })
            .map(|_| ());
    }
    for d in list {
        let code = d.kind.code().to_string();
        let iso = full_date(&d.date, d.kind.is_start());
        let el = w
            .create_element("activity-date")
            .with_attribute(("type", code.as_str()))
            .with_attribute(("iso-date", iso.as_str()));
        if d.date.day.is_some() {
            el.write_empty()?;
        } else {
            el.write_inner_content(|w| {
                w.create_element("narrative")
                    .with_attribute(("xml:lang", "en"))
                    .write_text_content(BytesText::new(&d.date.to_string()))?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// Sectors share 100 percent equally (in hundredths; the last takes the remainder), as
/// IATI asks when several sectors of one vocabulary are given.
fn sectors<W: Write>(w: El<'_, W>, codes: &[String]) -> io::Result<()> {
    let n = codes.len() as u32;
    for (i, code) in codes.iter().enumerate() {
        let share = 10_000 / n.max(1);
        let hundredths = if i as u32 + 1 == n {
            10_000 - share * (n - 1)
        } else {
            share
        };
        let pct = if hundredths % 100 == 0 {
            (hundredths / 100).to_string()
        } else {
            format!("{}.{:02}", hundredths / 100, hundredths % 100)
        };
        w.create_element("sector")
            .with_attribute(("vocabulary", "1"))
            .with_attribute(("code", code.as_str()))
            .with_attribute(("percentage", pct.as_str()))
            .write_empty()?;
    }
    Ok(())
}

fn budget<W: Write>(w: El<'_, W>, b: &IatiBudget) -> io::Result<()> {
    w.create_element("budget")
        .with_attribute(("type", "1"))
        .with_attribute(("status", "1"))
        .write_inner_content(|w| {
            let start = full_date(&b.start, true);
            let end = full_date(&b.end, false);
            w.create_element("period-start")
                .with_attribute(("iso-date", start.as_str()))
                .write_empty()?;
            w.create_element("period-end")
                .with_attribute(("iso-date", end.as_str()))
                .write_empty()?;
            let value = b.value.to_string();
            let value_date = full_date(&b.value_date, true);
            let mut el = w.create_element("value");
            if !b.currency.is_empty() {
                el = el.with_attribute(("currency", b.currency.as_str()));
            }
            el.with_attribute(("value-date", value_date.as_str()))
                .write_text_content(BytesText::new(&value))?;
            Ok(())
        })?;
    Ok(())
}
