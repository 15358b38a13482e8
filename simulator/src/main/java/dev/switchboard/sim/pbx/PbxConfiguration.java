package dev.switchboard.sim.pbx;

import java.util.Objects;

/**
 * Settings of the simulated PBX.
 *
 * @param pbxId the id the router knows this PBX by; added to AGI URLs as {@code &pbx=<id>} so one
 *     FastAGI server can tell several simulated PBXs on one host apart (empty = not added)
 * @param trunkEndpoint the PJSIP endpoint callers arrive on (the traces use {@code sipp})
 * @param agiHost FastAGI server host
 * @param agiPort FastAGI server port; 0 = no server (AGI fails, {@code AGISTATUS=FAILURE})
 * @param defaultRingSeconds Dial timeout when {@code SB_RING} is unset (the dialplan's 15)
 * @param answerMediaDelayMs how long {@code Answer()} waits for media before the AGI runs (~0.5 s)
 */
public record PbxConfiguration(
    String pbxId,
    String trunkEndpoint,
    String agiHost,
    int agiPort,
    int defaultRingSeconds,
    long answerMediaDelayMs) {

  public PbxConfiguration {
    Objects.requireNonNull(pbxId, "pbxId");
    Objects.requireNonNull(trunkEndpoint, "trunkEndpoint");
    Objects.requireNonNull(agiHost, "agiHost");
    if (agiPort < 0 || agiPort > 65535) {
      throw new IllegalArgumentException("agiPort out of range: " + agiPort);
    }
    if (defaultRingSeconds <= 0) {
      throw new IllegalArgumentException("defaultRingSeconds must be > 0");
    }
  }

  /** Defaults of the recorded setup: trunk {@code sipp}, ring 15 s, 500 ms answer delay. */
  public static PbxConfiguration of(String pbxId, String agiHost, int agiPort) {
    return new PbxConfiguration(pbxId, "sipp", agiHost, agiPort, 15, 500);
  }
}
