//! The workspace's `uniffi-bindgen`, used in library mode against the built
//! `paysel_mobile` cdylib:
//!
//! ```text
//! cargo run -p uniffi-bindgen -- generate --library target/debug/libpaysel_mobile.so \
//!     --language kotlin --no-format --out-dir target/uniffi/kotlin
//! ```
//!
//! It is built from the same UniFFI version as `bindings-mobile`, so the
//! generated code always matches the scaffolding in the library.

fn main() {
    uniffi::uniffi_bindgen_main()
}
