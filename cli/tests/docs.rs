//! The docs that must follow the code: the READMEs' blocks generated from
//! the core (`paysel docs`), and ARCHITECTURE.md's file names and counts.

mod common;

use common::{paysel, repo_root, stdout};
use std::path::Path;

const READMES: &[&str] = &[
    "README.md",
    "bindings-wasm/npm/README.md",
    "bindings-mobile/README.md",
];

fn root() -> String {
    repo_root().to_str().unwrap().to_owned()
}

#[test]
fn readmes_are_what_the_core_says() {
    let out = paysel(&["docs", "--check", "--root", &root()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        common::stderr(&out)
    );
}

/// A repository under `dir` with the npm and mobile READMEs, the example
/// inputs, and a README with only the host table and one (quick) console
/// example: the full README's sweeps are checked above.
fn copy_of_the_docs(dir: &Path) {
    let root = repo_root();
    for file in &READMES[1..] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(file), to).unwrap();
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = |spec: &str| {
        let start = format!("<!-- paysel docs: {spec} -->");
        let body = readme
            .split(&start)
            .nth(1)
            .unwrap()
            .split("<!-- /paysel docs -->")
            .next()
            .unwrap();
        format!("{start}{body}<!-- /paysel docs -->\n")
    };
    let mini = block("hosts") + "\n" + &block("$ paysel decide --policy bad.json --context ctx.json");
    std::fs::write(dir.join("README.md"), mini).unwrap();
    let examples = dir.join("cli/tests/fixtures/readme");
    std::fs::create_dir_all(&examples).unwrap();
    for entry in std::fs::read_dir(root.join("cli/tests/fixtures/readme")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), examples.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_stale_block_fails_the_check_and_docs_rewrites_it() {
    let dir = common::temp_dir("stale-docs");
    copy_of_the_docs(&dir);
    let d = dir.to_str().unwrap();
    assert_eq!(paysel(&["docs", "--check", "--root", d]).status.code(), Some(0));
    // A host dropped from the README's host table, a launch mode from the
    // npm README's, an error code from the mobile README's list, and a
    // console example's input changed under it.
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("README.md", "| `whatsapp` | WhatsApp's in-app browser. |\n", "");
    edit("bindings-wasm/npm/README.md", "| `qr_code` |", "| `qr` |");
    edit("bindings-mobile/README.md", ", `RAIL_NOT_SHOWN`<!--", "<!--");
    edit("cli/tests/fixtures/readme/bad.json", "colour", "color");
    let out = paysel(&["docs", "--check", "--root", d]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for stale in [
        "stale: README.md: hosts",
        "stale: README.md: $ paysel decide --policy bad.json --context ctx.json",
        "stale: bindings-wasm/npm/README.md: launches",
        "stale: bindings-mobile/README.md: kotlin list error codes",
    ] {
        assert!(text.contains(stale), "{stale}: {text}");
    }
    assert_eq!(
        text.lines().filter(|l| l.starts_with("stale: ")).count(),
        4,
        "{text}"
    );
    // Writing them makes the check pass, and the README says `color` now.
    assert_eq!(paysel(&["docs", "--root", d]).status.code(), Some(0));
    assert_eq!(paysel(&["docs", "--check", "--root", d]).status.code(), Some(0));
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("| `whatsapp` | WhatsApp's in-app browser. |"));
    assert!(readme.contains("malformed at `rails[0].color`"));
}

#[test]
fn the_capability_section_is_paysel_capabilities_markdown() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let md = stdout(&paysel(&["capabilities", "--markdown"]));
    let start = "<!-- paysel docs: capabilities -->\n";
    let block = readme
        .split(start)
        .nth(1)
        .unwrap()
        .split("\n<!-- /paysel docs -->")
        .next()
        .unwrap();
    assert_eq!(block, md.trim_end());
}

/// The backticked names in ARCHITECTURE.md that look like files or
/// directories of the repository.
fn named_paths(text: &str) -> Vec<&str> {
    let extensions = [
        ".rs", ".json", ".ts", ".md", ".toml", ".snap", ".mjs", ".py", ".sh", ".jsonl",
    ];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.contains([' ', ':', '(', '*', '<']))
        .filter(|t| t.ends_with('/') || extensions.iter().any(|e| t.ends_with(e)))
        .collect()
}

#[test]
fn architecture_names_only_files_that_exist() {
    let root = repo_root();
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let paths = named_paths(&text);
    assert!(
        paths.contains(&"core/src/detect/tokens.rs"),
        "the host recipe names the token table"
    );
    assert!(
        paths.contains(&"bindings-mobile/tests/snapshots/api__api.snap"),
        "and the API snapshot"
    );
    // Short names are relative to the part of the tree the text is about.
    let bases = ["", "core/src", "core/src/capability", "cli/src", "bindings-wasm"];
    for path in paths {
        let found = bases.iter().any(|b| root.join(b).join(path).exists());
        assert!(found, "ARCHITECTURE.md names `{path}`, which does not exist");
    }
}

#[test]
fn architecture_counts_are_the_ones_tests_pin() {
    let root = repo_root();
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md"))
        .unwrap()
        .replace('\n', " ");
    // "(`FILE` pins N)": FILE asserts N.
    let pins: Vec<(&str, &str)> = text
        .split("(`")
        .skip(1)
        .filter_map(|part| {
            let (file, rest) = part.split_once("` pins ")?;
            Some((file, rest.split(')').next()?))
        })
        .collect();
    assert!(!pins.is_empty(), "ARCHITECTURE.md names no pinned count");
    for (file, count) in &pins {
        let source = std::fs::read_to_string(root.join(file)).unwrap();
        let pinned = source
            .lines()
            .any(|l| l.contains("assert") && l.split(|c: char| !c.is_ascii_digit()).any(|n| n == *count));
        assert!(pinned, "ARCHITECTURE.md says {file} pins {count}; it does not");
    }
    // And the environments pinned are the sweep's today.
    let environments = pins
        .iter()
        .find(|(f, _)| *f == "cli/tests/simulate.rs")
        .unwrap()
        .1;
    let out = paysel(&[
        "simulate",
        &common::fixture("readme", "alipay_only.json"),
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["environments"].to_string(), environments);
}
