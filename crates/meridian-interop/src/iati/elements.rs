//! The inner parts of an activity the reader collects whole: an element's text
//! (narratives by language, or 1.0x text straight inside) and a budget.

use super::model::IatiBudget;
use super::read::{attr, attrs, Ctx};
use super::text::{Class, Narratives};
use super::ReadError;
use meridian_domain::PartialDate;
use quick_xml::events::{BytesRef, Event};

/// Appends the character or predefined entity a reference stands for.
fn push_ref(out: &mut String, r: &BytesRef<'_>, pos: u64) -> Result<(), ReadError> {
    if r.is_char_ref() {
        match r.resolve_char_ref().map_err(|e| ReadError::xml(pos, e))? {
            Some(c) => out.push(c),
            None => {
                return Err(ReadError::xml_text(
                    pos,
                    "a character reference to nothing",
                    "字符引用没有指向任何字符",
                ))
            }
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
                &format!("实体 &{name}; 未声明"),
            ))
        }
    }
    Ok(())
}

impl Ctx<'_> {
    /// A budget's period and value; `None` when one of them is missing or unreadable.
    pub(super) fn budget(
        &mut self,
        revised: bool,
        default_currency: Option<&str>,
    ) -> Result<Option<IatiBudget>, ReadError> {
        let (mut start, mut end, mut value) = (None, None, None);
        let (mut currency, mut value_date) = (None, None);
        loop {
            let event = self.reader.read_event();
            let pos = self.reader.buffer_position();
            let (name, a, empty) = match event.map_err(|e| ReadError::xml(pos, e))? {
                Event::Start(e) => {
                    let name = BudgetPart::of(e.name().as_ref());
                    if name == BudgetPart::Other {
                        self.reader
                            .read_to_end(e.name())
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
                        value = Some(self.texts(None)?.direct_text());
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
    pub(super) fn texts(&mut self, lang: Option<&str>) -> Result<Narratives, ReadError> {
        let mut out = Narratives::default();
        let mut depth = 0usize;
        let mut narrative: Option<(Class, String)> = None;
        let mut direct = String::new();
        loop {
            let event = self.reader.read_event();
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
