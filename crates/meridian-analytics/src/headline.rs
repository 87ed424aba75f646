//! Headline sentences: an indicator's template filled with figures (see
//! `Indicator::headline`). Filled in once the phrasing module lands.
