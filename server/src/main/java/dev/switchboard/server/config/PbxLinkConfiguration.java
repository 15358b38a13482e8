package dev.switchboard.server.config;

/**
 * One PBX Switchboard connects to over AMI, as configured under {@code pbxs}.
 *
 * @param id the PBX's id, the prefix of its contact ids and the {@code pbx} of its agents
 * @param host AMI host
 * @param port AMI port (5038 on a stock Asterisk; 0 in the demo means "the simulator's port")
 * @param username AMI user
 * @param secret AMI password (from {@code secret}, {@code secretEnv} or {@code secretFile})
 * @param waitContext dialplan context where callers wait (music on hold)
 * @param connectContext dialplan context that dials an agent
 * @param overflowContext dialplan context for overflowed callers
 * @param callbackOfferContext dialplan context that offers a callback mid-wait
 * @param reconnectMinMs first reconnect delay after the link drops
 * @param reconnectMaxMs longest reconnect delay (exponential back-off up to this)
 */
public record PbxLinkConfiguration(
    String id,
    String host,
    int port,
    String username,
    Secret secret,
    String waitContext,
    String connectContext,
    String overflowContext,
    String callbackOfferContext,
    long reconnectMinMs,
    long reconnectMaxMs) {

  /** The same PBX at another port (the demo points the configured PBX at its simulator). */
  public PbxLinkConfiguration withPort(int newPort) {
    return new PbxLinkConfiguration(
        id,
        host,
        newPort,
        username,
        secret,
        waitContext,
        connectContext,
        overflowContext,
        callbackOfferContext,
        reconnectMinMs,
        reconnectMaxMs);
  }
}
