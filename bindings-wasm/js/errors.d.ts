// The error type every paysel function throws, declared by hand: it is a
// JS Error with two more properties, which no Rust type describes. Added to
// the generated declarations by src/lib.rs.
/** The stable code of a {@link PayselError}: the core's `ErrorCode` wire names. */
export type PayselErrorCode = ErrorCode;

/**
 * Every paysel function throws this on bad input: a real `Error` whose
 * `name` is `"PayselError"`, with a stable `code` and the JSON `path` of the
 * offending value (empty for the whole input). Messages are for developers
 * and carry no personal data. Test with {@link isPayselError}.
 */
export interface PayselError extends Error {
  name: "PayselError";
  /** Stable, machine-readable code. */
  code: PayselErrorCode;
  /** JSON path into the input, e.g. `rails[2].currencies[0]` or `options.explain`; empty for the whole input. */
  path: string;
}
