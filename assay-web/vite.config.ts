import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { PAGE_ROOTS } from "./src/areas";

// The server to proxy API calls to in `npm run dev` (a running `./assay server`).
const server = process.env.ASSAY_URL ?? "http://127.0.0.1:6006";

/** Writes page-roots.txt: the URL prefixes under which the server answers deep links with index.html. */
function pageRoots(): Plugin {
  return {
    name: "assay-page-roots",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "page-roots.txt", source: PAGE_ROOTS.join("\n") + "\n" });
    },
  };
}

export default defineConfig({
  plugins: [react(), pageRoots()],
  build: {
    // Maven packages target/classes into the assay-web jar; the server serves it from the classpath.
    outDir: "target/classes/assay-web",
    emptyOutDir: true,
    assetsDir: "assets",
  },
  server: {
    proxy: {
      "/v1": server,
      "/v2": server,
      "/healthz": server,
      "/readyz": server,
      "/auth": server,
    },
  },
});
