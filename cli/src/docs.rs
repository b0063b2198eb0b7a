//! `paysel docs [--check]`: the parts of the READMEs that come from the
//! core, rewritten between markers. A block starts with
//! `<!-- paysel docs: SPEC -->` and ends with `<!-- /paysel docs -->`; on one
//! line the block is inline (a list in a table cell), on several it is
//! whole lines. SPEC is one of:
//!
//! - `capabilities`: the capability table (`paysel capabilities --markdown`);
//! - `hosts`, `launches`, `placements`, `hidden reasons`, `error codes`: a
//!   table of the wire enum's values with their `///` docs;
//! - `list NAME` (`platforms`, `form factors`, `browsers`, `wallet apps`,
//!   `availability`, `readiness`, `preselect`, `built-in rails`, and the
//!   enums above): the values, inline; `kotlin list NAME` the same in
//!   upper snake case, as Kotlin and Swift name them;
//! - `$ paysel ARGS [| head -N]` (several joined by `;`, and `$ cat FILE`):
//!   a console example, run by this very binary in a copy of
//!   `cli/tests/fixtures/readme/` beside `default.json`.
//!
//! `--check` changes nothing and fails, naming each stale block, when a
//! file differs from what it would write (`cli/tests/docs.rs` runs it).

use crate::io::print;
use crate::CmdResult;
use clap::Args;
use paysel_core::capability::{table_view, BuiltinRail};
use paysel_core::policy::Preselect;
use paysel_core::wire::WireDoc;
use paysel_core::{
    Availability, BrowserFamily, ErrorCode, FormFactor, HiddenReason, Host, Launch, Placement, Platform,
    Readiness, WalletApp, WireEnum,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The files with generated blocks, from the repository's root.
pub const FILES: &[&str] = &[
    "README.md",
    "bindings-wasm/npm/README.md",
    "bindings-mobile/README.md",
];

/// Where the console examples' input files live, from the root.
const EXAMPLES: &str = "cli/tests/fixtures/readme";

const START: &str = "<!-- paysel docs: ";
const END: &str = "<!-- /paysel docs -->";

/// Arguments of `paysel docs`.
#[derive(Args)]
pub struct DocsArgs {
    /// Write nothing; exit 1 naming every block that is not what the core
    /// says.
    #[arg(long)]
    check: bool,
    /// The repository's root.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

/// Regenerates (or checks) every block of every file.
pub fn run(args: DocsArgs) -> CmdResult {
    let mut texts = Vec::new();
    for file in FILES {
        texts.push(crate::io::read(&args.root.join(file))?);
    }
    let mut examples = Examples::new(&args.root)?;
    examples.run_all(&texts)?;
    let mut stale = Vec::new();
    for (file, text) in FILES.iter().zip(texts) {
        let path = args.root.join(file);
        let (new, changed) = generate(&text, &examples).map_err(|e| format!("{file}: {e}"))?;
        if changed.is_empty() {
            continue;
        }
        if args.check {
            stale.extend(changed.into_iter().map(|spec| format!("{file}: {spec}")));
        } else {
            std::fs::write(&path, new).map_err(|e| format!("{}: {e}", path.display()))?;
            print(&format!("{file}: {} blocks rewritten", changed.len()))?;
        }
    }
    if stale.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for s in &stale {
        print(&format!("stale: {s}"))?;
    }
    print("run `cargo run -p paysel-cli -- docs` from the repository's root to regenerate them")?;
    Ok(ExitCode::FAILURE)
}

/// The text with every block regenerated, and the specs of those that
/// changed.
fn generate(text: &str, examples: &Examples) -> Result<(String, Vec<String>), String> {
    let mut out = String::new();
    let mut changed = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(START) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let close = from.find(" -->").ok_or("a `paysel docs` marker is not closed")?;
        let spec = from.get(START.len()..close).unwrap_or_default();
        let body_at = close + " -->".len();
        let end = from
            .find(END)
            .ok_or_else(|| format!("the block `{spec}` has no end marker"))?;
        let old = from.get(body_at..end).unwrap_or_default();
        let inline = !old.contains('\n');
        let content = block(spec, examples)?;
        let new = if inline {
            content
        } else {
            format!("\n{}\n", content.trim_end())
        };
        if new != old {
            changed.push(spec.to_owned());
        }
        out.push_str(from.get(..body_at).unwrap_or_default());
        out.push_str(&new);
        out.push_str(END);
        rest = from.get(end + END.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok((out, changed))
}

/// The content of one block.
fn block(spec: &str, examples: &Examples) -> Result<String, String> {
    if spec.starts_with("$ ") {
        return examples
            .done
            .get(spec)
            .cloned()
            .ok_or_else(|| format!("`{spec}` was not run"));
    }
    if let Some(name) = spec.strip_prefix("list ") {
        return list(name).ok_or_else(|| format!("no list `{name}`"));
    }
    // Kotlin and Swift enum values: the wire names in upper snake case.
    if let Some(name) = spec.strip_prefix("kotlin list ") {
        return list(name)
            .map(|l| l.to_uppercase())
            .ok_or_else(|| format!("no list `{name}`"));
    }
    Ok(match spec {
        "capabilities" => crate::capabilities::markdown(&table_view()),
        "hosts" => table::<Host>("host"),
        "launches" => table::<Launch>("launch"),
        "placements" => table::<Placement>("placement"),
        "hidden reasons" => table::<HiddenReason>("reason"),
        "error codes" => table::<ErrorCode>("code"),
        _ => return Err(format!("unknown block `{spec}`")),
    })
}

/// `` `a`, `b`, `c` ``.
fn names(values: impl Iterator<Item = impl std::fmt::Display>) -> String {
    values.map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

fn wire<T: WireEnum>() -> String {
    names(T::ALL.iter().map(|v| v.as_str()))
}

fn list(name: &str) -> Option<String> {
    Some(match name {
        "hosts" => wire::<Host>(),
        "platforms" => wire::<Platform>(),
        "form factors" => wire::<FormFactor>(),
        "browsers" => wire::<BrowserFamily>(),
        "wallet apps" => wire::<WalletApp>(),
        "availability" => wire::<Availability>(),
        "readiness" => wire::<Readiness>(),
        "preselect" => wire::<Preselect>(),
        "built-in rails" => wire::<BuiltinRail>(),
        "launches" => wire::<Launch>(),
        "placements" => wire::<Placement>(),
        "hidden reasons" => wire::<HiddenReason>(),
        "error codes" => wire::<ErrorCode>(),
        _ => return None,
    })
}

/// A table of a wire enum: each value with its doc, in declaration order.
fn table<T: WireDoc>(what: &str) -> String {
    let mut out = format!("| {what} | meaning |\n|---|---|\n");
    for v in T::ALL {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            v.as_str(),
            v.doc().replace('|', "\\|")
        ));
    }
    out
}

/// A working copy of the examples' inputs, with the default policy beside
/// them as `default.json`, and the console blocks' contents.
struct Examples {
    dir: PathBuf,
    done: BTreeMap<String, String>,
}

impl Examples {
    fn new(root: &Path) -> Result<Examples, String> {
        let dir = std::env::temp_dir().join(format!("paysel-docs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let from = root.join(EXAMPLES);
        let entries = std::fs::read_dir(&from).map_err(|e| format!("{}: {e}", from.display()))?;
        for entry in entries.flatten() {
            let to = dir.join(entry.file_name());
            std::fs::copy(entry.path(), &to).map_err(|e| format!("{}: {e}", to.display()))?;
        }
        let default = paysel_core::DEFAULT_POLICY_JSON;
        std::fs::write(dir.join("default.json"), default).map_err(|e| e.to_string())?;
        Ok(Examples {
            dir,
            done: BTreeMap::new(),
        })
    }

    /// Runs the console blocks of `texts`, a few at a time (the sweeps
    /// take seconds each in a debug build).
    fn run_all(&mut self, texts: &[String]) -> Result<(), String> {
        let mut specs: Vec<&str> = Vec::new();
        for text in texts {
            for part in text.split(START).skip(1) {
                let spec = part.split(" -->").next().unwrap_or_default();
                if spec.starts_with("$ ") && !specs.contains(&spec) {
                    specs.push(spec);
                }
            }
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        for chunk in specs.chunks(threads) {
            let results: Vec<Result<String, String>> = std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .iter()
                    .map(|spec| scope.spawn(|| self.console(spec)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| Err("an example panicked".to_owned())))
                    .collect()
            });
            for (spec, result) in chunk.iter().zip(results) {
                self.done.insert((*spec).to_owned(), result?);
            }
        }
        Ok(())
    }

    /// A console block: each `$ ...` command of the spec, then its output.
    fn console(&self, spec: &str) -> Result<String, String> {
        let mut out = String::from("```console\n");
        for command in spec.split("; ") {
            let command = command
                .strip_prefix("$ ")
                .ok_or("each command starts with `$ `")?;
            let (command, head) = match command.split_once(" | head -") {
                Some((c, n)) => (c, Some(n.parse::<usize>().map_err(|e| e.to_string())?)),
                None => (command, None),
            };
            out.push_str(&format!("$ {command}\n"));
            let text = self.output(command)?;
            let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
            let shown = head.unwrap_or(lines.len()).min(lines.len());
            for line in lines.iter().take(shown) {
                out.push_str(line);
                out.push('\n');
            }
            if shown < lines.len() {
                out.push_str("...\n");
            }
        }
        out.push_str("```\n");
        Ok(out)
    }

    /// What a command prints, standard output then standard error.
    fn output(&self, command: &str) -> Result<String, String> {
        let words: Vec<&str> = command.split_whitespace().collect();
        match words.as_slice() {
            ["cat", file] => crate::io::read(&self.dir.join(file)),
            ["paysel", args @ ..] => {
                let exe = std::env::current_exe().map_err(|e| e.to_string())?;
                let out = Command::new(exe)
                    .args(args)
                    .current_dir(&self.dir)
                    .output()
                    .map_err(|e| format!("{command}: {e}"))?;
                Ok(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
            }
            _ => Err(format!("`{command}`: only `paysel ...` and `cat FILE` run here")),
        }
    }
}

impl Drop for Examples {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
