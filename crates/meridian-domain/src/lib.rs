//! Meridian's domain: every record kind the product holds, the value types they are built
//! from (bilingual text, partial dates, quantities with qualifiers), and validation that
//! reports every problem at once. No IO, no async, no SQL, no HTTP.

pub mod codes;
pub mod date;
pub mod facts;
pub mod id;
pub mod phrase;
pub mod problems;
pub mod quantity;
pub mod record;
pub mod records;
pub mod schema;
pub mod text;
pub mod user;

pub use codes::Code;
pub use date::{civil_day, PartialDate, Period};
pub use id::{RecordId, RecordKind};
// `quantity` and `number` are renamed here: the crate root already has the `quantity` module.
pub use phrase::{
    check as check_template, fill, number as phrase_number, placeholders, plain_text,
    quantity as phrase_quantity, quantity_with_unit, round_count, Segment, TemplateError,
};
pub use problems::{FieldError, Problems, Reason};
pub use quantity::{Money, Qualifier, Quantity};
pub use record::{Approval, RecordBody, Reference, ValidationContext, MAIN_DATE_FIELDS};
pub use text::{Lang, LocalizedText};
