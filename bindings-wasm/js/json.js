// The JSON text of a JS value, for the core to read: what `JSON.stringify`
// writes, except that a value JSON cannot carry is refused where
// `JSON.stringify` would drop it, write `null` or throw without a path.
// A refusal is thrown as `{ path, message }` with the JSON path of the value
// (`rails[2].currencies[0]`); the binding makes it the PayselError of the
// argument it was reading. Refused: NaN and ±Infinity, BigInt, functions,
// symbols, a cycle, a getter or proxy that throws, `undefined` as the whole
// value, and nesting deeper than MAX_DEPTH. As in `JSON.stringify`,
// `undefined` in an object drops its key and in a list is `null`, and
// `toJSON` is honoured.

// Deeper than any paysel input (serde_json reads 128 levels) and shallow
// enough for every engine's stack, so that deep input fails alike everywhere.
const MAX_DEPTH = 1000;

class Refusal {
  constructor(path, message) {
    this.path = path;
    this.message = message;
  }
}

// A string argument (JSON text, a User-Agent, a rail) as it is: a lone
// surrogate, which would reach Rust as U+FFFD, is refused.
export function text(value) {
  if (typeof value !== "string") throw new Refusal("", "expected a string");
  if (/\p{Cs}/u.test(value)) throw new Refusal("", "a string with a lone surrogate");
  return value;
}

const join = (path, key, array) => (array ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`);

export function json(root) {
  // Most values are plain data: written by JSON.stringify with a replacer
  // that only checks each value, and only when that refuses or throws,
  // written again by `located`, which finds where.
  try {
    const text = JSON.stringify(root, check);
    if (typeof text === "string") return text;
  } catch {
    // Found below, with its path.
  } finally {
    open.length = 0;
  }
  return located(root);
}

// The objects being written, outermost first: the replacer sees each value
// after its holder, so the holders still open are the top of this stack.
const open = [];
const refused = new Refusal("", "");

function check(key, value) {
  while (open.length > 0 && open[open.length - 1] !== this) open.pop();
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw refused;
      break;
    case "bigint":
    case "function":
    case "symbol":
      throw refused;
    case "object":
      if (value === null) break;
      if (open.length > MAX_DEPTH) throw refused;
      open.push(value);
  }
  return value;
}

function located(root) {
  // JSON.stringify writes each object from a copy the replacer makes, so
  // that what throws while it is read is known: copy -> [path, original,
  // the copy holding it, depth].
  const copies = new Map();
  function replacer(key, value) {
    const holder = copies.get(this);
    const path = () => (holder === undefined ? "" : join(holder[0], key, Array.isArray(this)));
    if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value)) throw new Refusal(path(), `${value} is not a JSON number`);
        return value;
      case "bigint":
        throw new Refusal(path(), "a BigInt is not a JSON number");
      case "function":
      case "symbol":
        throw new Refusal(path(), `a ${typeof value} is not a JSON value`);
      case "object":
        return value === null ? value : copy(value, path(), holder, this);
      default:
        return value;
    }
  }
  function copy(value, path, holder, parent) {
    const depth = holder === undefined ? 0 : holder[3] + 1;
    if (depth > MAX_DEPTH) throw new Refusal(path, `nested deeper than ${MAX_DEPTH} levels`);
    for (let h = holder; h !== undefined; h = copies.get(h[2])) {
      if (h[1] === value) throw new Refusal(path, "a cycle: this object contains itself");
    }
    const array = Array.isArray(value);
    let out;
    // A member whose toJSON lookup throws (JSON.stringify makes it before
    // the replacer sees the member) is refused at its own path; any other
    // throw while reading, at this object's.
    let member;
    try {
      out = array ? new Array(value.length) : Object.create(null);
      for (const k of array ? out.keys() : Object.keys(value)) {
        const v = value[k];
        out[k] = v;
        if (typeof v === "object" && v !== null) {
          member = k;
          void v.toJSON;
          member = undefined;
        }
      }
    } catch {
      const at = member === undefined ? path : join(path, member, array);
      throw new Refusal(at, "reading its properties threw an exception");
    }
    copies.set(out, [path, value, parent, depth]);
    return out;
  }
  let text;
  try {
    text = JSON.stringify(root, replacer);
  } catch (e) {
    if (e instanceof Refusal) throw e;
    // The root's toJSON lookup, or a toJSON call, threw.
    throw new Refusal("", "its toJSON threw an exception");
  }
  if (typeof text !== "string") throw new Refusal("", "undefined is not a JSON value");
  return text;
}
