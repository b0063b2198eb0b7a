//! `paysel policy`: the default policy, signing keys, signing and verifying.
//!
//! # Key files
//!
//! `paysel policy keygen --out PREFIX` writes two JSON files:
//!
//! - `PREFIX`, the **secret** key, mode 0600 on Unix:
//!   `{"key_id": "<id>", "secret_key": "<base64 of the 32-byte Ed25519 seed>"}`.
//!   Keep it offline or in a secret store; whoever holds it can sign policies
//!   every app pinned to its public key accepts.
//! - `PREFIX.pub`, the **public** key, in exactly the shape apps pin
//!   ([`paysel_core::TrustedKey`]):
//!   `{"key_id": "<id>", "public_key": "<base64 of the 32-byte public key>"}`.
//!
//! The key id is `--key-id` when given, otherwise the first 8 bytes of the
//! SHA-256 of the public key in lower-case hex (16 characters). keygen never
//! overwrites an existing file.

use crate::io::{located, pretty, print, read};
use crate::CmdResult;
use clap::{Args, Subcommand};
use ed25519_dalek::{Signer, SigningKey};
use paysel_core::envelope::{self, Envelope, TrustedKey, VerifyOptions};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Subcommands of `paysel policy`.
#[derive(Subcommand)]
pub enum PolicyCommand {
    /// Print the embedded default policy, a starting point for your own.
    Default,
    /// Create an Ed25519 signing key: the secret key in PREFIX (mode 0600),
    /// the public key to pin in apps in PREFIX.pub.
    Keygen(KeygenArgs),
    /// Sign a policy file and print the signed envelope.
    Sign(SignArgs),
    /// Verify a signed envelope: exit 0 when valid, otherwise 1 with the
    /// reason code and message.
    Verify(VerifyArgs),
}

/// Arguments of `paysel policy keygen`.
#[derive(Args)]
pub struct KeygenArgs {
    /// Where to write the key: the secret key to PREFIX, the public key to PREFIX.pub.
    #[arg(long, value_name = "PREFIX")]
    out: PathBuf,
    /// The key id envelopes name (at most 64 bytes); derived from the public
    /// key when absent.
    #[arg(long, value_name = "ID")]
    key_id: Option<String>,
}

/// Arguments of `paysel policy sign`.
#[derive(Args)]
pub struct SignArgs {
    /// The secret key file written by keygen (PREFIX).
    #[arg(long, value_name = "PREFIX")]
    key: PathBuf,
    /// The policy JSON file; its exact bytes are signed.
    policy: PathBuf,
    /// Sign even when the policy does not validate (apps will refuse it):
    /// for building test vectors only.
    #[arg(long)]
    unchecked: bool,
}

/// Arguments of `paysel policy verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// A trusted public key file (PREFIX.pub); repeat to trust several.
    #[arg(long, value_name = "FILE", required = true)]
    pubkey: Vec<PathBuf>,
    /// The signed envelope JSON file.
    envelope: PathBuf,
    /// The current time in Unix seconds (default: the system clock).
    #[arg(long, value_name = "SECS")]
    now: Option<i64>,
    /// Refuse policies whose version is below this (rollback protection).
    #[arg(long, value_name = "N")]
    min_version: Option<i64>,
}

/// The secret key file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretKeyFile {
    key_id: String,
    secret_key: String,
}

/// Runs a policy subcommand.
pub fn run(cmd: PolicyCommand) -> CmdResult {
    match cmd {
        PolicyCommand::Default => print(paysel_core::DEFAULT_POLICY_JSON.trim_end())?,
        PolicyCommand::Keygen(args) => keygen(&args)?,
        PolicyCommand::Sign(args) => sign(&args)?,
        PolicyCommand::Verify(args) => verify(&args)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The default key id: the first 8 bytes of SHA-256 of the public key, in hex.
fn derived_key_id(public_key: &[u8; 32]) -> String {
    Sha256::digest(public_key)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn keygen(args: &KeygenArgs) -> Result<(), String> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| format!("no system randomness: {e}"))?;
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    let public = key.verifying_key().to_bytes();
    let key_id = args.key_id.clone().unwrap_or_else(|| derived_key_id(&public));
    if key_id.is_empty() || key_id.len() > paysel_core::limits::MAX_ID_BYTES {
        return Err(format!(
            "--key-id must be 1 to {} bytes",
            paysel_core::limits::MAX_ID_BYTES
        ));
    }
    let secret = SecretKeyFile {
        key_id: key_id.clone(),
        secret_key: envelope::encode_base64(key.as_bytes()),
    };
    let trusted = TrustedKey {
        key_id,
        public_key: envelope::encode_base64(&public),
    };
    let pub_path = public_path(&args.out);
    for path in [&args.out, &pub_path] {
        if path.exists() {
            return Err(format!(
                "{}: already exists; keygen never overwrites a key",
                path.display()
            ));
        }
    }
    write_new(&args.out, &json_line(&secret)?, true)?;
    write_new(&pub_path, &json_line(&trusted)?, false)?;
    eprintln!(
        "paysel: wrote the secret key to {} (keep it secret) and the public key `{}` to {} (pin it in apps)",
        args.out.display(),
        trusted.key_id,
        pub_path.display()
    );
    Ok(())
}

fn sign(args: &SignArgs) -> Result<(), String> {
    let secret: SecretKeyFile = serde_json::from_str(&read(&args.key)?)
        .map_err(|e| format!("{}: not a secret key file: {e}", args.key.display()))?;
    let seed = envelope::decode_bytes::<32>(&secret.secret_key).ok_or_else(|| {
        format!(
            "{}: `secret_key` is not 32 bytes of base64 or hex",
            args.key.display()
        )
    })?;
    let key = SigningKey::from_bytes(&seed);
    let policy = read(&args.policy)?;
    // Refuse to sign what apps would refuse to load.
    if !args.unchecked {
        paysel_core::parse_policy(&policy).map_err(|e| located(&args.policy, &e))?;
    }
    let signature = key.sign(policy.as_bytes());
    let env = Envelope {
        policy,
        key_id: secret.key_id,
        signature: envelope::encode_base64(&signature.to_bytes()),
    };
    let json = env.to_json();
    if json.len() > paysel_core::limits::MAX_ENVELOPE_BYTES {
        return Err(format!(
            "{}: the envelope would be {} bytes, above the limit of {}",
            args.policy.display(),
            json.len(),
            paysel_core::limits::MAX_ENVELOPE_BYTES
        ));
    }
    print(&json)
}

fn verify(args: &VerifyArgs) -> Result<(), String> {
    let mut trusted = Vec::new();
    for path in &args.pubkey {
        let key: TrustedKey = serde_json::from_str(&read(path)?)
            .map_err(|e| format!("{}: not a public key file: {e}", path.display()))?;
        trusted.push(key);
    }
    let now = match args.now {
        Some(now) => now,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| format!("system clock: {e}"))
            .and_then(|d| i64::try_from(d.as_secs()).map_err(|e| format!("system clock: {e}")))?,
    };
    let options = VerifyOptions {
        now_unix_seconds: now,
        min_version: args.min_version,
    };
    let text = read(&args.envelope)?;
    let verified = envelope::verify(&text, &trusted, &options).map_err(|e| located(&args.envelope, &e))?;
    print(&pretty(&Verified {
        valid: true,
        key_id: &verified.key_id,
        version: verified.policy.version,
        not_after: verified.policy.not_after,
    })?)
}

/// What `paysel policy verify` prints for a valid envelope.
#[derive(Serialize)]
struct Verified<'a> {
    valid: bool,
    key_id: &'a str,
    version: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_after: Option<i64>,
}

fn public_path(prefix: &Path) -> PathBuf {
    let mut name = prefix.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

fn json_line<T: Serialize>(value: &T) -> Result<String, String> {
    let mut s = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}

/// Creates `path` (never overwriting), private to the owner when `secret`.
fn write_new(path: &Path, content: &str, secret: bool) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if secret { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(content.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}
