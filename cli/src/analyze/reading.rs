//! Reading event lines in one streaming pass.
//!
//! One thread reads each input in blocks of whole lines and numbers them;
//! one worker per core parses the blocks' lines (through the core's
//! borrowed `EventView`) into its own tally; the tallies are merged at the
//! end. Memory is a few blocks plus the cohorts, whatever the input size.
//! A line longer than the limit is never held in memory: the reader skips
//! to its end and reports it, like any line that is not an event.

use super::state::Tally;
use paysel_core::event::EventView;
use std::io::Read;
use std::sync::mpsc;
use std::sync::Mutex;

/// The default size limit of one line, in bytes (an exposure of 32 shown
/// rails with 64-byte ids and 8 experiments is about 8 KiB).
pub const DEFAULT_MAX_LINE_BYTES: usize = 65_536;

/// How much is read at a time.
const READ_BYTES: usize = 1 << 20;

/// One input.
pub struct Source {
    /// Its name in reports: the path, or `-` for standard input.
    pub name: String,
    /// Its bytes.
    pub reader: Box<dyn Read + Send>,
}

/// Whole lines of one source, starting at line `first_line`.
struct Block {
    source: usize,
    first_line: u64,
    bytes: Vec<u8>,
}

/// Reads every source and tallies its lines, with `workers` parsing threads.
pub fn read_all(sources: Vec<Source>, max_line: usize, workers: usize) -> Result<Tally, String> {
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let (send, receive) = mpsc::sync_channel::<Block>(2 * workers.max(1));
    let receive = Mutex::new(receive);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.max(1))
            .map(|_| scope.spawn(|| work(&receive, &names, max_line)))
            .collect();
        let mut tally = Tally::default();
        let mut failure = None;
        for (index, source) in sources.into_iter().enumerate() {
            match split(index, source.reader, max_line, &send) {
                Ok(oversized) => {
                    for line in oversized {
                        tally.add_malformed(
                            &source.name,
                            line,
                            format!("line is over the limit of {max_line} bytes"),
                        );
                    }
                }
                Err(e) => {
                    failure = Some(format!("{}: {e}", source.name));
                    break;
                }
            }
        }
        drop(send);
        for handle in handles {
            match handle.join() {
                Ok(t) => tally.merge(t),
                Err(_) => failure = Some("a reading thread stopped".to_owned()),
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(tally),
        }
    })
}

/// Cuts one source into blocks of whole lines and sends them; returns the
/// numbers of the lines over `max_line` bytes, which it skipped.
fn split(
    source: usize,
    mut input: Box<dyn Read + Send>,
    max_line: usize,
    send: &mpsc::SyncSender<Block>,
) -> std::io::Result<Vec<u64>> {
    let mut oversized = Vec::new();
    let mut next_line: u64 = 1;
    let mut buf: Vec<u8> = Vec::with_capacity(READ_BYTES + max_line);
    let mut skipping = false;
    loop {
        // `read_to_end` appends into spare capacity without zeroing it first.
        let n = input.by_ref().take(READ_BYTES as u64).read_to_end(&mut buf)?;
        if n == 0 {
            // End of input: a last line without a newline.
            if !buf.is_empty() && !skipping {
                let bytes = std::mem::take(&mut buf);
                let _ = send.send(Block {
                    source,
                    first_line: next_line,
                    bytes,
                });
            }
            return Ok(oversized);
        }
        if skipping {
            // Drop the rest of an oversized line, up to its newline.
            match memchr::memchr(b'\n', &buf) {
                Some(end) => {
                    buf.drain(..=end);
                    skipping = false;
                    next_line += 1;
                }
                None => {
                    buf.clear();
                    continue;
                }
            }
        }
        if let Some(last) = memchr::memrchr(b'\n', &buf) {
            let mut bytes = std::mem::replace(&mut buf, Vec::with_capacity(READ_BYTES + max_line));
            buf.extend_from_slice(bytes.get(last + 1..).unwrap_or_default());
            bytes.truncate(last + 1);
            let lines = memchr::memchr_iter(b'\n', &bytes).count() as u64;
            let block = Block {
                source,
                first_line: next_line,
                bytes,
            };
            if send.send(block).is_err() {
                return Ok(oversized);
            }
            next_line += lines;
        }
        // What is left is one partial line: refuse it once it is too long.
        if buf.len() > max_line {
            oversized.push(next_line);
            buf.clear();
            skipping = true;
        }
    }
}

/// A worker: parses the lines of the blocks it receives into a tally.
fn work(receive: &Mutex<mpsc::Receiver<Block>>, names: &[String], max_line: usize) -> Tally {
    let mut tally = Tally::default();
    loop {
        let block = match receive.lock() {
            Ok(r) => match r.recv() {
                Ok(b) => b,
                Err(_) => break,
            },
            Err(_) => break,
        };
        let name = names.get(block.source).map_or("-", String::as_str);
        // Checking UTF-8 once per block is much cheaper than per string; a
        // block that is not UTF-8 is read line by line, so that the bad line
        // is the one reported.
        match std::str::from_utf8(&block.bytes) {
            Ok(text) => {
                for (number, line) in (block.first_line..).zip(text.split_inclusive('\n')) {
                    let line = line.strip_suffix('\n').unwrap_or(line);
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    read_line(&mut tally, name, number, line.as_bytes(), max_line, || {
                        serde_json::from_str(line)
                    });
                }
            }
            Err(_) => {
                let lines = block.bytes.split_inclusive(|&b| b == b'\n');
                for (number, line) in (block.first_line..).zip(lines) {
                    let line = line.strip_suffix(b"\n").unwrap_or(line);
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    read_line(&mut tally, name, number, line, max_line, || {
                        serde_json::from_slice(line)
                    });
                }
            }
        }
    }
    tally
}

/// Tallies one line (`parse` reads it), or reports why it is not an event.
fn read_line<'a>(
    tally: &mut Tally,
    source: &str,
    number: u64,
    line: &'a [u8],
    max_line: usize,
    parse: impl FnOnce() -> serde_json::Result<EventView<'a>>,
) {
    if line.len() > max_line {
        tally.add_malformed(
            source,
            number,
            format!("line is over the limit of {max_line} bytes"),
        );
        return;
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        tally.add_malformed(source, number, "empty line".to_owned());
        return;
    }
    match parse() {
        Ok(event) => match event.missing() {
            None => tally.add(&event),
            Some(field) => tally.add_malformed(
                source,
                number,
                format!("a {} event needs `{field}`", kind_name(&event)),
            ),
        },
        Err(e) => tally.add_malformed(source, number, e.to_string()),
    }
}

fn kind_name(event: &EventView<'_>) -> &'static str {
    match event.kind {
        paysel_core::EventKind::Exposure => "exposure",
        paysel_core::EventKind::Selection => "selection",
        paysel_core::EventKind::Outcome => "outcome",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPOSURE: &str = r#"{"type":"exposure","checkout_id":null,"policy_version":1,"environment":{"platform":"ios","form_factor":"mobile","host":"wechat"},"experiments":[],"shown":[],"preselected":null,"hidden":[]}"#;

    fn tally(text: String, max_line: usize, workers: usize) -> Tally {
        let source = Source {
            name: "t.jsonl".into(),
            reader: Box::new(std::io::Cursor::new(text.into_bytes())),
        };
        read_all(vec![source], max_line, workers).unwrap()
    }

    #[test]
    fn numbers_malformed_lines_across_blocks_and_threads() {
        let mut text = String::new();
        let mut bad = Vec::new();
        for i in 1..=60_000u64 {
            if i % 9_999 == 0 {
                text.push_str("{not json\n");
                bad.push(i);
            } else {
                text.push_str(EXPOSURE);
                text.push('\n');
            }
        }
        let t = tally(text, DEFAULT_MAX_LINE_BYTES, 3);
        assert_eq!(t.lines.lines, 60_000);
        assert_eq!(t.lines.malformed, bad.len() as u64);
        assert_eq!(t.malformed.iter().map(|m| m.line).collect::<Vec<_>>(), bad);
        assert_eq!(t.lines.exposures, 60_000 - bad.len() as u64);
    }

    #[test]
    fn refuses_long_lines_without_holding_them() {
        let long = format!("{{\"x\":\"{}\"}}", "a".repeat(3 * READ_BYTES));
        let text = format!(
            "{EXPOSURE}\n{long}\n{EXPOSURE}\n{}\n\n{EXPOSURE}",
            "b".repeat(300)
        );
        let t = tally(text, 200, 2);
        let listed: Vec<(u64, &str)> = t.malformed.iter().map(|m| (m.line, m.error.as_str())).collect();
        assert_eq!(
            listed,
            vec![
                (2, "line is over the limit of 200 bytes"),
                (4, "line is over the limit of 200 bytes"),
                (5, "empty line"),
            ]
        );
        // The last line has no newline and is still read.
        assert_eq!((t.lines.lines, t.lines.exposures), (6, 3));
    }

    #[test]
    fn a_block_that_is_not_utf8_is_read_line_by_line() {
        let mut bytes = format!("{EXPOSURE}\n").into_bytes();
        bytes.extend_from_slice(b"\xff\xfe\n");
        bytes.extend_from_slice(format!("{EXPOSURE}\n").as_bytes());
        let source = Source {
            name: "t".into(),
            reader: Box::new(std::io::Cursor::new(bytes)),
        };
        let t = read_all(vec![source], 1_000, 1).unwrap();
        assert_eq!((t.lines.exposures, t.lines.malformed), (2, 1));
        assert_eq!(t.malformed[0].line, 2);
    }

    #[test]
    fn names_what_a_line_lacks() {
        let mut t = Tally::default();
        let line = EXPOSURE.replace("exposure", "selection");
        read_line(&mut t, "f", 3, line.as_bytes(), 1_000, || {
            serde_json::from_str(&line)
        });
        let refund = br#"{"type":"refund"}"#;
        read_line(&mut t, "f", 4, refund, 1_000, || serde_json::from_slice(refund));
        let latin1 = [EXPOSURE
            .replace(
                "[],\"shown\"",
                "[{\"experiment\":\"\u{1}\",\"variant\":\"v\"}],\"shown\"",
            )
            .as_bytes()]
        .concat()
        .iter()
        .map(|&b| if b == 1 { 0xe9 } else { b })
        .collect::<Vec<u8>>();
        let latin1 = latin1.as_slice();
        read_line(&mut t, "f", 5, latin1, 1_000, || serde_json::from_slice(latin1));
        assert_eq!(t.malformed[0].error, "a selection event needs `rail`");
        assert!(
            t.malformed[1].error.contains("unknown variant `refund`"),
            "{}",
            t.malformed[1].error
        );
        assert!(
            t.malformed[2].error.contains("invalid unicode"),
            "{}",
            t.malformed[2].error
        );
        assert_eq!(t.lines.malformed, 3);
    }
}
