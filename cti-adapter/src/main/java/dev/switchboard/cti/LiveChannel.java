package dev.switchboard.cti;

/**
 * One channel alive on a PBX, from a resync listing ({@code CoreShowChannels} or {@code Status}).
 *
 * @param channel the channel name ({@code PJSIP/sipp-00000012})
 * @param uniqueId its Uniqueid
 * @param linkedId the Uniqueid of the call it belongs to (the caller's, for an agent leg)
 * @param context its dialplan context now
 * @param exten its extension now (empty for an answered outbound agent leg)
 * @param application the application it runs ({@code MusicOnHold}, {@code Dial}, {@code AppDial})
 * @param bridgeId the bridge it is in, or empty
 */
public record LiveChannel(
    String channel,
    String uniqueId,
    String linkedId,
    String context,
    String exten,
    String application,
    String bridgeId) {

  public LiveChannel {
    channel = orEmpty(channel);
    uniqueId = orEmpty(uniqueId);
    linkedId = orEmpty(linkedId);
    context = orEmpty(context);
    exten = orEmpty(exten);
    application = orEmpty(application);
    bridgeId = orEmpty(bridgeId);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s.trim();
  }
}
