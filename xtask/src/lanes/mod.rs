//! The test lanes, one module per platform.

pub mod core;
pub mod demo;
pub mod mobile;
pub mod wasm;
