#!/usr/bin/env bash
# Builds libpaysel_mobile.so for the Android ABIs and generates the Kotlin
# bindings, into the Android library module next to this script:
#
#   src/main/jniLibs/{arm64-v8a,armeabi-v7a,x86_64}/libpaysel_mobile.so
#   src/main/kotlin/dev/paysel/paysel_mobile.kt
#   src/main/kotlin/dev/paysel/core/paysel_core.kt
#
# Needs the Android NDK (ANDROID_NDK_HOME, or ANDROID_HOME/ndk/<version>) and
# cargo-ndk (`cargo install cargo-ndk`). PROFILE=debug builds unoptimized.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
profile="${PROFILE:-release}"
cd "$root"

if ! command -v cargo-ndk >/dev/null 2>&1; then
    echo "cargo-ndk is missing: cargo install cargo-ndk" >&2
    exit 1
fi
if [[ -z "${ANDROID_NDK_HOME:-}" && -z "${ANDROID_NDK_ROOT:-}" && -z "${ANDROID_HOME:-}" ]]; then
    echo "the Android NDK is missing: set ANDROID_NDK_HOME (or ANDROID_HOME with an ndk/ folder)" >&2
    exit 1
fi

rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android

# 16 KB page alignment, required of native libraries on Android 15+ devices
# with 16 KB pages (and by Google Play for apps targeting Android 15).
for target in AARCH64_LINUX_ANDROID ARMV7_LINUX_ANDROIDEABI X86_64_LINUX_ANDROID; do
    export "CARGO_TARGET_${target}_RUSTFLAGS=-C link-arg=-Wl,-z,max-page-size=16384"
done

profile_flag=()
if [[ "$profile" == "release" ]]; then
    profile_flag=(--release)
fi

jni="$here/src/main/jniLibs"
rm -rf "$jni"
cargo ndk \
    -t arm64-v8a -t armeabi-v7a -t x86_64 \
    --platform 24 \
    -o "$jni" \
    build "${profile_flag[@]}" -p paysel-mobile

# Library mode reads the UniFFI metadata from any built copy of the library.
kotlin="$here/src/main/kotlin"
rm -rf "$kotlin"
cargo run --quiet -p uniffi-bindgen --bin uniffi-bindgen -- generate \
    --library "target/aarch64-linux-android/$profile/libpaysel_mobile.so" \
    --language kotlin --no-format --out-dir "$kotlin"

echo "Android library ready in $here:"
find "$jni" "$kotlin" -type f | sed "s|^$here/|  |"
