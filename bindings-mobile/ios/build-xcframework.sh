#!/usr/bin/env bash
# Builds the paysel Swift package inputs, on a Mac with Xcode:
#
#   PayselFFI.xcframework   static libpaysel_mobile.a for
#                             ios-arm64                 (aarch64-apple-ios)
#                             ios-arm64_x86_64-simulator (aarch64-apple-ios-sim + x86_64-apple-ios, lipo)
#                             macos-arm64_x86_64        (aarch64-apple-darwin + x86_64-apple-darwin, lipo)
#                           with the C headers of both UniFFI namespaces and one
#                           modulemap (`module PayselFFI`)
#   Sources/Paysel/         Paysel.swift and PayselCore.swift, generated
#
# PROFILE=debug builds unoptimized.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
profile="${PROFILE:-release}"
cd "$root"

if ! command -v xcodebuild >/dev/null 2>&1; then
    echo "xcodebuild is missing: this script needs macOS with Xcode" >&2
    exit 1
fi

device=aarch64-apple-ios
simulators=(aarch64-apple-ios-sim x86_64-apple-ios)
macs=(aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "$device" "${simulators[@]}" "${macs[@]}"

profile_flag=()
if [[ "$profile" == "release" ]]; then
    profile_flag=(--release)
fi
for target in "$device" "${simulators[@]}" "${macs[@]}"; do
    cargo build "${profile_flag[@]}" -p paysel-mobile --target "$target"
done
lib() { echo "target/$1/$profile/libpaysel_mobile.a"; }

work="target/xcframework"
rm -rf "$work"
mkdir -p "$work/ios" "$work/ios-simulator" "$work/macos"
cp "$(lib "$device")" "$work/ios/"
lipo -create "$(lib "${simulators[0]}")" "$(lib "${simulators[1]}")" -output "$work/ios-simulator/libpaysel_mobile.a"
lipo -create "$(lib "${macs[0]}")" "$(lib "${macs[1]}")" -output "$work/macos/libpaysel_mobile.a"

# The headers of both namespaces (paysel_coreFFI.h, paysel_mobileFFI.h) and one
# modulemap for them, in a folder named after the module so that it cannot
# clash with another XCFramework's module.modulemap.
headers="$work/headers/PayselFFI"
cargo run --quiet -p uniffi-bindgen --bin uniffi-bindgen-swift -- \
    --headers --modulemap --module-name PayselFFI --modulemap-filename module.modulemap \
    "$(lib "$device")" "$headers"

rm -rf "$here/PayselFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$work/ios/libpaysel_mobile.a" -headers "$work/headers" \
    -library "$work/ios-simulator/libpaysel_mobile.a" -headers "$work/headers" \
    -library "$work/macos/libpaysel_mobile.a" -headers "$work/headers" \
    -output "$here/PayselFFI.xcframework"

# The Swift sources, compiled by SwiftPM into the one module `Paysel`.
find "$here/Sources/Paysel" -name '*.swift' -delete
cargo run --quiet -p uniffi-bindgen --bin uniffi-bindgen-swift -- \
    --swift-sources "$(lib "$device")" "$here/Sources/Paysel"

echo "Swift package ready in $here: PayselFFI.xcframework, Sources/Paysel/{Paysel,PayselCore}.swift"
echo "Run the tests on this Mac with: (cd $here && swift test)"
