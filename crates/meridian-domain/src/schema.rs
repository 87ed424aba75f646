//! The schema of every record kind: its fields in order, each with a widget (its type as a
//! person enters it). Field names are the stored JSON paths, so validation errors
//! (`membership.joined`) land on the field that caused them. Forms (meridian-web) and the
//! flat file layout (meridian-interop) are both drawn from it.

use crate::codes::{Code, LifecycleStatus};
use crate::records::*;
use crate::{Lang, RecordKind};

/// Options of a code list, in a language.
pub type Options = fn(Lang) -> Vec<(&'static str, &'static str)>;

fn options<C: Code>(lang: Lang) -> Vec<(&'static str, &'static str)> {
    C::all()
        .iter()
        .map(|c| (c.as_str(), c.label(lang)))
        .collect()
}

/// Qualifier codes with their labels, in a language.
pub fn qualifiers(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let zh = [
        ("exact", "确数"),
        ("more_than", "多于（…多）"),
        ("at_least", "至少"),
        ("nearly", "近"),
        ("about", "约"),
        ("less_than", "少于"),
    ];
    let en = [
        ("exact", "exactly"),
        ("more_than", "more than"),
        ("at_least", "at least"),
        ("nearly", "nearly"),
        ("about", "about"),
        ("less_than", "fewer than"),
    ];
    (if lang == Lang::Zh { zh } else { en }).to_vec()
}

pub fn languages(_: Lang) -> Vec<(&'static str, &'static str)> {
    vec![("zh", "中文 Chinese"), ("en", "English 英文")]
}

#[derive(Debug, Clone, Copy)]
pub enum Widget {
    /// Chinese and English side by side, one line each.
    Bilingual,
    /// Chinese and English side by side, several lines each.
    BilingualArea,
    /// One line of text; blank means absent.
    Text,
    /// Several lines of text.
    Area,
    /// A list of strings, one per line.
    Lines,
    /// Names in either language, one per line in each column.
    BilingualLines,
    /// A date as a person writes it: 2019, 2019-05, 2019-05-11, May 2018.
    Date,
    /// A start and an end date, either may be blank.
    Period,
    Code(Options),
    /// A link to one record of these kinds.
    Link(&'static [RecordKind]),
    /// Links to several records, one per row.
    Links(&'static [RecordKind]),
    Country,
    /// Country codes separated by spaces or commas.
    Countries,
    /// A number with a qualifier (more than, nearly, about).
    Quantity,
    /// A whole number.
    Count,
    /// Repeated rows of sub-fields; blank rows are ignored.
    Rows(&'static [Field]),
    /// A group of sub-fields; optional groups left blank are absent.
    Group(&'static [Field]),
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub widget: Widget,
    pub required: bool,
}

const fn f(name: &'static str, widget: Widget) -> Field {
    Field {
        name,
        widget,
        required: false,
    }
}

const fn req(name: &'static str, widget: Widget) -> Field {
    Field {
        name,
        widget,
        required: true,
    }
}

use Widget::*;

const ORG: &[RecordKind] = &[RecordKind::Organization];
const ANY: &[RecordKind] = RecordKind::ALL;

const PARTICIPANT: &[Field] = &[
    req("organization", Link(ORG)),
    req("role", Code(options::<ParticipantRole>)),
];
const SECTION: &[Field] = &[f("title", Bilingual), req("text", BilingualArea)];
const MONEY: &[Field] = &[req("amount", Quantity), req("currency", Text)];

const COUNTRY_GROUP: &[Field] = &[
    req("code", Text),
    req("name", Bilingual),
    f("acronym", Text),
    req("group_type", Code(options::<GroupType>)),
    f("members", Countries),
    f("description", BilingualArea),
];
const ORGANIZATION: &[Field] = &[
    req("name", Bilingual),
    f("aliases", BilingualLines),
    f("acronyms", Lines),
    req("org_type", Code(options::<OrgType>)),
    f("country", Country),
    f("city", Bilingual),
    f("parent", Link(ORG)),
    f("website", Text),
    f("ror", Text),
    f("iati_identifier", Text),
    f("founders", Links(ORG)),
    f("founded", Date),
    f("member_countries", Countries),
    f(
        "member_counts",
        Rows(&[
            req("value", Quantity),
            f("counted", Bilingual),
            f("as_of", Date),
        ]),
    ),
    f("introduction", BilingualArea),
];
const MEMBERSHIP: &[Field] = &[
    req("member", Link(ORG)),
    req("organization", Link(ORG)),
    f("joined", Date),
    f("joined_as_given", Bilingual),
    f("left", Date),
    f("role", Code(options::<MembershipRole>)),
    req("status", Code(options::<MembershipStatus>)),
    f("note", BilingualArea),
];
const PARTNERSHIP: &[Field] = &[
    req("organization", Link(ORG)),
    req("partner", Link(ORG)),
    req("area", Code(options::<CooperationArea>)),
    f("scope", BilingualArea),
    f("since", Date),
    req("status", Code(options::<LifecycleStatus>)),
];
const AGREEMENT: &[Field] = &[
    req("title", Bilingual),
    req("kind", Code(options::<AgreementKind>)),
    req("parties", Links(ORG)),
    f("signed", Date),
    f("effective", Date),
    f("expires", Date),
    req("status", Code(options::<LifecycleStatus>)),
    f("area", Code(options::<CooperationArea>)),
    f("countries", Countries),
    f("summary", BilingualArea),
];
const PROJECT: &[Field] = &[
    req("title", Bilingual),
    req("kind", Code(options::<ProjectKind>)),
    f("participants", Rows(PARTICIPANT)),
    f("countries", Countries),
    f("mechanism", Link(&[RecordKind::CountryGroup])),
    f("period", Period),
    req("status", Code(options::<LifecycleStatus>)),
    f("budget", Group(MONEY)),
    f("themes", Lines),
    f("agreements", Links(&[RecordKind::Agreement])),
    f("area", Code(options::<CooperationArea>)),
    f("iati_identifier", Text),
    f("description", BilingualArea),
];
const CENTRE: &[Field] = &[
    req("name", Bilingual),
    req("kind", Code(options::<CentreKind>)),
    f("host", Link(ORG)),
    f("partners", Links(ORG)),
    f("country", Country),
    f("city", Bilingual),
    f("level", Code(options::<Level>)),
    f("designated_by", Link(ORG)),
    f("designated", Date),
    f("term_years", Count),
    f("term_ends", Date),
    req("status", Code(options::<LifecycleStatus>)),
    f("area", Code(options::<CooperationArea>)),
    f("description", BilingualArea),
];
const ACTIVITY: &[Field] = &[
    req("title", Bilingual),
    req("kind", Code(options::<ActivityKind>)),
    f("period", Period),
    f("countries", Countries),
    f("places", Bilingual),
    f("organizations", Rows(PARTICIPANT)),
    f(
        "counts",
        Rows(&[
            req("measure", Code(options::<Measure>)),
            req("value", Quantity),
            f("topic", Bilingual),
        ]),
    ),
    f("amount", Group(MONEY)),
    f("description", BilingualArea),
];
const OUTPUT: &[Field] = &[
    req("title", Bilingual),
    req("kind", Code(options::<OutputKind>)),
    f("reference", Text),
    f("issued_by", Link(ORG)),
    f("organizations", Rows(PARTICIPANT)),
    f("published", Date),
    f("languages", Lines),
    f(
        "registration",
        Group(&[
            req("product", Bilingual),
            req("country", Country),
            req("category", Code(options::<RegistrationCategory>)),
            req("status", Code(options::<RegistrationStatus>)),
        ]),
    ),
    f("description", BilingualArea),
];
fn record_kinds(lang: Lang) -> Vec<(&'static str, &'static str)> {
    RecordKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label(lang)))
        .collect()
}

const INDICATOR: &[Field] = &[
    req("code", Text),
    req("name", Bilingual),
    f("unit", Bilingual),
    req("method", Code(options::<IndicatorMethod>)),
    req("accumulation", Code(options::<Accumulation>)),
    f(
        "computation",
        Group(&[
            req("kind", Code(record_kinds)),
            f("filters", Rows(&[req("field", Text), req("value", Text)])),
            f("organizations", Links(ORG)),
            f("country_group", Link(&[RecordKind::CountryGroup])),
            f("date_field", Text),
            req("counts", Code(options::<Counted>)),
        ]),
    ),
    f("headline", BilingualArea),
    f("description", BilingualArea),
];
const FIGURE: &[Field] = &[
    req("indicator", Link(&[RecordKind::Indicator])),
    req("reporting_unit", Link(ORG)),
    f("period", Period),
    f("period_label", Bilingual),
    req("value", Quantity),
    f("countries", Countries),
    req(
        "source",
        Group(&[
            f("document", Link(&[RecordKind::News])),
            f("citation", Bilingual),
        ]),
    ),
    f("note", BilingualArea),
];
const PLAN: &[Field] = &[
    f("document_number", Text),
    req("title", Bilingual),
    f("issuing_bodies", Links(ORG)),
    f("issued", Date),
    req("period", Period),
    f("addressees", BilingualArea),
    f("background", Rows(SECTION)),
    f("principles", Rows(SECTION)),
    f("goals", BilingualArea),
    f("vision", Group(SECTION)),
    f(
        "indicators",
        Rows(&[
            req("indicator", Link(&[RecordKind::Indicator])),
            f(
                "baseline",
                Group(&[req("value", Quantity), f("period", Period)]),
            ),
            f(
                "targets",
                Rows(&[
                    req("period", Period),
                    f("reporting_unit", Link(ORG)),
                    f("value", Quantity),
                    f("text", Bilingual),
                ]),
            ),
            f("responsible", Links(ORG)),
        ]),
    ),
    f(
        "task_areas",
        Rows(&[
            req("number", Text),
            req("title", Bilingual),
            f(
                "tasks",
                Rows(&[
                    req("number", Text),
                    req("title", Bilingual),
                    f("text", BilingualArea),
                    f("responsible", Links(ORG)),
                ]),
            ),
        ]),
    ),
    f("safeguards", Rows(SECTION)),
];
const NEWS: &[Field] = &[
    req("title", Bilingual),
    req("kind", Code(options::<NewsKind>)),
    f("published", Date),
    f("publisher", Link(ORG)),
    f("url", Text),
    f("summary", BilingualArea),
    f("area", Code(options::<CooperationArea>)),
    f("related", Links(ANY)),
];
const CONTACT: &[Field] = &[
    req("organization", Link(ORG)),
    req("office", Bilingual),
    f("address", BilingualArea),
    f("postcode", Text),
    f("phones", Lines),
    f("emails", Lines),
    f("website", Text),
    f("invitation", BilingualArea),
];
const INQUIRY: &[Field] = &[
    req("name", Text),
    f("organization_name", Text),
    req("email", Text),
    f("country", Country),
    f("interest", Code(options::<CooperationArea>)),
    req("message", Area),
    req("language", Code(languages)),
    req("received", Date),
    req("status", Code(options::<InquiryStatus>)),
    f("outcome", Link(ANY)),
];

/// The form of a kind.
pub fn fields(kind: RecordKind) -> &'static [Field] {
    match kind {
        RecordKind::CountryGroup => COUNTRY_GROUP,
        RecordKind::Organization => ORGANIZATION,
        RecordKind::Membership => MEMBERSHIP,
        RecordKind::Partnership => PARTNERSHIP,
        RecordKind::Agreement => AGREEMENT,
        RecordKind::Project => PROJECT,
        RecordKind::Centre => CENTRE,
        RecordKind::Activity => ACTIVITY,
        RecordKind::Output => OUTPUT,
        RecordKind::Indicator => INDICATOR,
        RecordKind::Figure => FIGURE,
        RecordKind::Plan => PLAN,
        RecordKind::News => NEWS,
        RecordKind::Contact => CONTACT,
        RecordKind::Inquiry => INQUIRY,
    }
}

pub fn qualifier_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    qualifiers(lang)
}
