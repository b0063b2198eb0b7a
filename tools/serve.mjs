// Serves a folder on 127.0.0.1 until stopped: `cargo xtask demo` runs
// `node tools/serve.mjs demo-web/dist 8080`. Port 0 picks a free one.
import { serveStatic } from "./browser.mjs";

const [root, port = "8080"] = process.argv.slice(2);
if (!root || !/^\d+$/.test(port)) {
  console.error("usage: node tools/serve.mjs FOLDER [PORT]");
  process.exit(2);
}
try {
  const { url } = await serveStatic(root, { port: Number(port) });
  console.log(`${url}/ serves ${root} (Ctrl-C to stop)`);
} catch (e) {
  console.error(`cannot serve ${root} on 127.0.0.1:${port}: ${e.message}`);
  process.exit(1);
}
