//! The workspace's `uniffi-bindgen-swift`, used by
//! `bindings-mobile/ios/build-xcframework.sh` to write the FFI headers of
//! every namespace and one XCFramework modulemap (`module PayselFFI`):
//!
//! ```text
//! cargo run -p uniffi-bindgen --bin uniffi-bindgen-swift -- --headers --modulemap --xcframework \
//!     --module-name PayselFFI --modulemap-filename module.modulemap LIBRARY OUT_DIR
//! ```

fn main() {
    uniffi::uniffi_bindgen_swift()
}
