//! The API the mobile bindings export, read by uniffi's own bindgen from the
//! built `libpaysel_mobile` (library mode, exactly as the Kotlin and Swift
//! are generated), against reviewed snapshots in `tests/snapshots/`:
//!
//! - `api`: every namespace's objects, records, enums, errors and functions,
//!   with their signatures, defaults and docs;
//! - `every_export_is_documented`: the `///` docs that become KDoc and Swift
//!   docs are on every exported item;
//! - `kotlin_package`: the Kotlin files, their packages (`dev.paysel`,
//!   `dev.paysel.core`) and what they import (JNA; no coroutines);
//! - `swift_package`: the Swift files, the FFI headers and the one C module
//!   `PayselFFI` that `ios/Package.swift` builds on.
//!
//! The generated Kotlin and Swift are rendered by the pinned uniffi-bindgen
//! from exactly this interface and the crates' `uniffi.toml`, so a change to
//! either API shows up here first.
//!
//! After an intended API change, accept the new snapshots in one command and
//! review the diff before committing:
//! `INSTA_UPDATE=always cargo test -p paysel-mobile --test api`
//! (or `cargo insta test -p paysel-mobile --test api --review`).

use camino::{Utf8Path, Utf8PathBuf};
use uniffi_bindgen::bindings::{generate, GenerateOptions, TargetLanguage};
use uniffi_bindgen::bindings::{generate_swift_bindings, SwiftBindingsOptions};
use uniffi_bindgen::interface::{Argument, AsType, ComponentInterface, DefaultValue, Literal, Type};
use uniffi_bindgen::{BindgenLoader, BindgenPaths, GlobalConfig};

/// The cdylib cargo built beside this test (integration tests link the
/// library, so cargo builds all its crate types first).
fn library() -> Utf8PathBuf {
    let exe = std::env::current_exe().unwrap();
    let name = format!(
        "{}paysel_mobile{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    Utf8PathBuf::from_path_buf(exe.parent().unwrap().join(name)).unwrap()
}

/// Every namespace of the library, sorted by crate name.
fn components() -> Vec<ComponentInterface> {
    let loader = BindgenLoader::new(BindgenPaths::default(), GlobalConfig::default());
    let mut cis = loader
        .load_cis(loader.load_metadata(&library()).unwrap())
        .unwrap();
    cis.sort_by(|a, b| a.crate_name().cmp(b.crate_name()));
    assert_eq!(cis.len(), 2, "the paysel_core and paysel_mobile namespaces");
    cis
}

/// One exported item: its kind and signature, and its docs.
struct Item {
    depth: usize,
    signature: String,
    docs: Option<String>,
}

fn item(depth: usize, signature: String, docs: Option<&str>) -> Item {
    Item {
        depth,
        signature,
        docs: docs.map(str::to_owned),
    }
}

fn ty(t: &Type) -> String {
    match t {
        Type::Optional { inner_type } => format!("{}?", ty(inner_type)),
        Type::Sequence { inner_type } => format!("[{}]", ty(inner_type)),
        Type::Set { inner_type } => format!("set[{}]", ty(inner_type)),
        Type::Map { key_type, value_type } => format!("{{{}: {}}}", ty(key_type), ty(value_type)),
        Type::Box { inner_type } => ty(inner_type),
        Type::Object { name, .. }
        | Type::Record { name, .. }
        | Type::Enum { name, .. }
        | Type::CallbackInterface { name, .. }
        | Type::Custom { name, .. } => name.clone(),
        primitive => format!("{primitive:?}"),
    }
}

/// A default as the snapshot shows it: `false`, `"paysel.policy/1"`, `[]`,
/// `null`, or `default` for the type's own default.
fn default(d: &DefaultValue) -> String {
    match d {
        DefaultValue::Default => "default".to_owned(),
        DefaultValue::Literal(l) => match l {
            Literal::Boolean(b) => b.to_string(),
            Literal::String(s) => format!("{s:?}"),
            Literal::UInt(v, ..) => v.to_string(),
            Literal::Int(v, ..) => v.to_string(),
            Literal::Float(v, _) | Literal::Enum(v, _) => v.clone(),
            Literal::EmptySequence | Literal::EmptySet => "[]".to_owned(),
            Literal::EmptyMap => "{}".to_owned(),
            Literal::None => "null".to_owned(),
            Literal::Some { inner } => default(inner),
        },
    }
}

/// `name: type`, with ` = default` when it has one.
fn typed(name: &str, t: &Type, d: Option<&DefaultValue>) -> String {
    match d {
        Some(d) => format!("{name}: {} = {}", ty(t), default(d)),
        None => format!("{name}: {}", ty(t)),
    }
}

fn callable(name: &str, args: &[&Argument], returns: Option<&Type>, throws: Option<&Type>) -> String {
    let args: Vec<String> = args
        .iter()
        .map(|a| typed(a.name(), &a.as_type(), a.default_value()))
        .collect();
    let mut out = format!("{name}({})", args.join(", "));
    if let Some(r) = returns {
        out += &format!(" -> {}", ty(r));
    }
    if let Some(e) = throws {
        out += &format!(" throws {}", ty(e));
    }
    out
}

/// Every exported item of one namespace, in declaration order.
fn items(ci: &ComponentInterface) -> Vec<Item> {
    let mut out = vec![item(0, format!("namespace {}", ci.namespace()), None)];
    for o in ci.object_definitions() {
        out.push(item(1, format!("object {}", o.name()), o.docstring()));
        for c in o.constructors() {
            let sig = callable(c.name(), &c.arguments(), None, c.throws_type());
            out.push(item(2, format!("constructor {sig}"), c.docstring()));
        }
        for m in o.methods() {
            let sig = callable(m.name(), &m.arguments(), m.return_type(), m.throws_type());
            out.push(item(2, format!("method {sig}"), m.docstring()));
        }
    }
    for r in ci.record_definitions() {
        out.push(item(1, format!("record {}", r.name()), r.docstring()));
        for f in r.fields() {
            let sig = format!("field {}", typed(f.name(), &f.as_type(), f.default_value()));
            out.push(item(2, sig, f.docstring()));
        }
    }
    for e in ci.enum_definitions() {
        let kind = if ci.is_name_used_as_error(e.name()) {
            "error"
        } else {
            "enum"
        };
        out.push(item(1, format!("{kind} {}", e.name()), e.docstring()));
        for v in e.variants() {
            out.push(item(2, format!("variant {}", v.name()), v.docstring()));
            for f in v.fields() {
                let sig = format!("field {}", typed(f.name(), &f.as_type(), f.default_value()));
                out.push(item(3, sig, f.docstring()));
            }
        }
    }
    for f in ci.function_definitions() {
        let sig = callable(f.name(), &f.arguments(), f.return_type(), f.throws_type());
        out.push(item(1, format!("function {sig}"), f.docstring()));
    }
    for c in ci.callback_interface_definitions() {
        out.push(item(1, format!("callback {}", c.name()), c.docstring()));
    }
    out
}

#[test]
fn api() {
    let mut text = String::new();
    for ci in components() {
        for i in items(&ci) {
            let indent = "  ".repeat(i.depth);
            text += &format!("{indent}{}\n", i.signature);
            for line in i.docs.iter().flat_map(|d| d.lines()) {
                text += format!("{indent}  /// {line}").trim_end();
                text += "\n";
            }
        }
    }
    insta::assert_snapshot!(text);
}

#[test]
fn every_export_is_documented() {
    let mut checked = 0;
    let mut undocumented = Vec::new();
    for ci in components() {
        for i in items(&ci).into_iter().filter(|i| i.depth > 0) {
            checked += 1;
            if i.docs.as_deref().is_none_or(|d| d.trim().is_empty()) {
                undocumented.push(format!("{}: {}", ci.namespace(), i.signature));
            }
        }
    }
    assert!(checked > 100, "only {checked} exported items found");
    assert!(
        undocumented.is_empty(),
        "exported without `///` docs (they become the KDoc and Swift docs):\n  {}",
        undocumented.join("\n  ")
    );
}

/// Each file, with the lines of it that `keep` selects.
fn listing(root: &Utf8Path, keep: impl Fn(&str, &str) -> bool) -> String {
    let mut files: Vec<Utf8PathBuf> = Vec::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in dir.read_dir_utf8().unwrap() {
            let path = entry.unwrap().into_path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut text = String::new();
    for file in files {
        let content = std::fs::read_to_string(&file).unwrap();
        text += &format!("{}\n", file.strip_prefix(root).unwrap());
        for line in content.lines().filter(|l| keep(file.as_str(), l)) {
            text += &format!("  {line}\n");
        }
    }
    text
}

/// The Kotlin sources as `uniffi-bindgen generate --language kotlin` writes
/// them (the `kotlin` lane compiles the same), with their package and
/// imports.
#[test]
fn kotlin_package() {
    let out = Utf8PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kotlin-package");
    let _ = std::fs::remove_dir_all(&out);
    generate(GenerateOptions {
        languages: vec![TargetLanguage::Kotlin],
        source: library(),
        out_dir: out.clone(),
        config_override: None,
        format: false,
        crate_filter: None,
        metadata_no_deps: false,
    })
    .unwrap();
    let text = listing(&out, |_, l| l.starts_with("package ") || l.starts_with("import "));
    insta::assert_snapshot!(text);
}

/// The Swift sources, and the headers and modulemap exactly as
/// `ios/build-xcframework.sh` writes them.
#[test]
fn swift_package() {
    let out = Utf8PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("swift-package");
    let _ = std::fs::remove_dir_all(&out);
    let options = |dir: &Utf8Path, sources: bool| SwiftBindingsOptions {
        generate_swift_sources: sources,
        generate_headers: !sources,
        generate_modulemap: !sources,
        source: library(),
        out_dir: dir.to_owned(),
        xcframework: false,
        module_name: (!sources).then(|| "PayselFFI".to_owned()),
        modulemap_filename: (!sources).then(|| "module.modulemap".to_owned()),
        metadata_no_deps: false,
        link_frameworks: Vec::new(),
        config: None,
    };
    generate_swift_bindings(options(&out.join("Sources/Paysel"), true)).unwrap();
    generate_swift_bindings(options(&out.join("headers/PayselFFI"), false)).unwrap();

    // What each file brings in: the Swift imports, or the whole modulemap.
    let text = listing(&out, |file, line| {
        file.ends_with("module.modulemap") || (file.ends_with(".swift") && line.starts_with("import "))
    });
    insta::assert_snapshot!(text);

    // The Swift package builds the module `Paysel` on that C module.
    let package = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/ios/Package.swift")).unwrap();
    assert!(package.contains(r#".binaryTarget(name: "PayselFFI", path: "PayselFFI.xcframework")"#));
    assert!(package.contains(r#".target(name: "Paysel", dependencies: ["PayselFFI"]"#));
}
