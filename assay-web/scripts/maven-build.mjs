// Run by Maven (exec-maven-plugin, generate-resources) with the machine's Node.js and npm: installs the
// locked dependencies when node_modules is missing or older than package-lock.json, then type-checks and
// builds the UI into target/classes/assay-web, which the assay-web jar carries.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";

const npm = (...args) => {
  const result = spawnSync("npm", args, { stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) {
    console.error(`assay-web: cannot run npm (${result.error.message}); install Node.js 20.19+ with npm 11`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`assay-web: npm ${args.join(" ")} failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
};

const modified = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

// npm writes node_modules/.package-lock.json after every install, so it dates the installed tree.
if (modified("node_modules/.package-lock.json") < modified("package-lock.json")) {
  npm("ci", "--no-audit", "--no-fund");
}
npm("run", "build");
