//! paysel for the web.
