// Two pages, one per npm entry. No plugin: the package needs none.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  logLevel: "warn",
  build: {
    outDir: resolve(here, "../../../target/vite-app"),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(here, "index.html"), signed: resolve(here, "signed.html") } },
  },
});
