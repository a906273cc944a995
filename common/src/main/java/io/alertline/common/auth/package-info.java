/**
 * Authentication of inbound webhooks. Verifiers return a {@link io.alertline.common.auth.Verification}
 * instead of throwing, because the inputs are untrusted headers and rejection is a normal outcome.
 */
package io.alertline.common.auth;
