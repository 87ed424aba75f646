//! No library code: the end-to-end tests live in `tests/it/`. They run the `meridian`
//! binary that the workspace build produces and drive it through headless Chromium.
