package dev.assay.webhooks;

/** How a delivery proves it comes from Assay. */
public enum WebhookAuthType {
  /** No credentials beyond the webhook's own headers. */
  NONE,
  /** {@code Authorization: Bearer <auth token>}. */
  BEARER,
  /**
   * {@code X-Assay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(auth token, t + "." + body)>}: the receiver checks
   * the signature and rejects old timestamps, so a captured delivery cannot be replayed later.
   */
  HMAC_SHA256
}
