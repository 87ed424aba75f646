//! What each record kind's form holds: the schema of `meridian_domain::schema`, where the
//! field lists live so the flat file layout of imports and exports shares them.

pub use meridian_domain::schema::*;
