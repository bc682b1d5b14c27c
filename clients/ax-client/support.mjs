// Shared set-up for the AX client tests: the real @arizeai/ax-client, pointed at the Assay server in ASSAY_URL.
import { createClient } from "@arizeai/ax-client";

// Every wrapper otherwise prints a one-time "[BETA] … may change without notice" line.
process.env.DISABLE_PRERELEASE_WARNING ??= "true";

const baseUrl = process.env.ASSAY_URL;
if (!baseUrl) {
  throw new Error("ASSAY_URL must name a running Assay server, e.g. ASSAY_URL=http://127.0.0.1:6006");
}

/** The client as AX users create it: an API key is mandatory and sent as a bearer token; Assay ignores it while auth is off. */
export const client = createClient({ apiKey: "assay-ax-client-test", baseUrl });

/** A prefix unique to this test process, so names never collide with other files or earlier runs. */
export const unique = (label) => `ax-${label}-${process.pid}-${Date.now().toString(36)}`;

/** An AX-style id (base64 of "<Type>:<id>") that no resource has. */
export const missingId = (type) => Buffer.from(`${type}:00000000-0000-7000-8000-00000000dead`).toString("base64");
