/** The server's password rule (min 12, max 256 characters), checked here too so a typo costs no round trip. */
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 256;

/** What is wrong with a new password and its confirmation, or null. */
export function passwordProblem(password: string, confirmation: string): string | null {
  if (password.length < MIN_PASSWORD) return `The password needs at least ${MIN_PASSWORD} characters.`;
  if (password.length > MAX_PASSWORD) return `The password may have at most ${MAX_PASSWORD} characters.`;
  if (password !== confirmation) return "The two passwords differ.";
  return null;
}
