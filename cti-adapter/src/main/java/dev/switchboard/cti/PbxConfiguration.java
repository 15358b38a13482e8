package dev.switchboard.cti;

import java.util.Objects;

/**
 * One Asterisk PBX the adapter connects to over AMI.
 *
 * @param id the PBX id that scopes contact ids ({@code id + ":" + Uniqueid}) and agent devices
 * @param host the AMI host
 * @param port the AMI port (5038 by default on Asterisk)
 * @param username the AMI user ({@code manager.conf} section)
 * @param secret the AMI secret; never logged, and masked in {@link #toString()}
 * @param waitContext the dialplan context callers wait in (music on hold)
 * @param connectContext the context whose extension {@code Dial}s an agent
 * @param overflowContext the context that takes overflowed callers ({@code exten} = number or
 *     {@code hangup})
 * @param callbackOfferContext the context that runs the callback-offer AGI script
 * @param reconnectMinMs the first reconnect delay after the link drops
 * @param reconnectMaxMs the cap of the exponential reconnect back-off
 */
public record PbxConfiguration(
    String id,
    String host,
    int port,
    String username,
    String secret,
    String waitContext,
    String connectContext,
    String overflowContext,
    String callbackOfferContext,
    long reconnectMinMs,
    long reconnectMaxMs) {

  /** Default dialplan context names, as in {@code docs/asterisk/extensions.conf}. */
  public static final String WAIT_CONTEXT = "switchboard-wait";

  public static final String CONNECT_CONTEXT = "switchboard-connect";
  public static final String OVERFLOW_CONTEXT = "switchboard-overflow";
  public static final String CALLBACK_OFFER_CONTEXT = "switchboard-callback-offer";

  public PbxConfiguration {
    requireText("id", id);
    if (id.contains(":")) {
      throw new IllegalArgumentException("PBX id must not contain ':' (it prefixes contact ids)");
    }
    requireText("host", host);
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
    requireText("username", username);
    Objects.requireNonNull(secret, "secret");
    requireText("waitContext", waitContext);
    requireText("connectContext", connectContext);
    requireText("overflowContext", overflowContext);
    requireText("callbackOfferContext", callbackOfferContext);
    if (reconnectMinMs < 1 || reconnectMaxMs < reconnectMinMs) {
      throw new IllegalArgumentException(
          "need 1 <= reconnectMinMs <= reconnectMaxMs, got "
              + reconnectMinMs
              + " and "
              + reconnectMaxMs);
    }
  }

  /** A PBX with the default contexts and a 0.5 s .. 30 s reconnect back-off. */
  public static PbxConfiguration defaults(
      String id, String host, int port, String user, String secret) {
    return new PbxConfiguration(
        id,
        host,
        port,
        user,
        secret,
        WAIT_CONTEXT,
        CONNECT_CONTEXT,
        OVERFLOW_CONTEXT,
        CALLBACK_OFFER_CONTEXT,
        500,
        30_000);
  }

  /** The same PBX with another reconnect back-off (tests use a few milliseconds). */
  public PbxConfiguration withReconnect(long minMs, long maxMs) {
    return new PbxConfiguration(
        id,
        host,
        port,
        username,
        secret,
        waitContext,
        connectContext,
        overflowContext,
        callbackOfferContext,
        minMs,
        maxMs);
  }

  private static void requireText(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  /** Never prints the secret: configurations end up in logs and error messages. */
  @Override
  public String toString() {
    return "PbxConfiguration[id="
        + id
        + ", host="
        + host
        + ", port="
        + port
        + ", username="
        + username
        + ", secret=***]";
  }
}
