//! The test kit's own tests, one module per behaviour, all linked into one
//! test binary (a binary per file costs two seconds of linking each on a
//! small machine).

mod intro_claims;
mod watchdog;
