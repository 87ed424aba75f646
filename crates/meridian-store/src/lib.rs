//! Storage traits per capability, stored-record types, filters and errors. No SQL.
