// The public types of the npm package may not say `any`: typescript-eslint's
// no-explicit-any over every declaration file the package ships. Run by
// `cargo xtask test wasm` after the build, as
// `eslint --no-inline-config --max-warnings 0 "pkg/**/*.d.ts" "pkg/**/*.d.mts"`
// in bindings-wasm/:
// wasm-bindgen opens its declarations with `/* eslint-disable */`, which
// --no-inline-config overrides.
import tseslint from "typescript-eslint";

export default [
  {
    files: ["pkg/**/*.d.ts", "pkg/**/*.d.mts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
];
