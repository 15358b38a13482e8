package dev.switchboard.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field the loader accepts, per place in the document. The loader rejects anything else (with
 * a did-you-mean), and a test checks that {@code docs/config.schema.json} lists exactly these
 * fields, so the schema editors use and the loader cannot drift apart.
 *
 * <p>Keys are schema paths: {@code ""} for the document root, {@code queues[]} for an element of
 * {@code queues}, {@code queues[].serviceLevel} for a nested mapping.
 */
public final class ConfigurationFields {

  /** The document root. */
  public static final String ROOT = "";

  public static final String PBX = "pbxs[]";
  public static final String QUEUE = "queues[]";
  public static final String SERVICE_LEVEL = "queues[].serviceLevel";
  public static final String OVERFLOW = "queues[].overflow";
  public static final String ESCALATION_STEP = "queues[].escalation[]";
  public static final String AGENT = "agents[]";
  public static final String ROUTING = "routing";
  public static final String HTTP = "http";
  public static final String HTTP_TLS = "http.tls";
  public static final String HTTP_LIMITS = "http.limits";
  public static final String AGI = "agi";
  public static final String USER = "users[]";
  public static final String JOURNAL = "journal";
  public static final String STATS = "stats";
  public static final String STATS_ALERTS = "stats.alerts";
  public static final String ALERT_THRESHOLD = "stats.alerts.longestWaitSeconds";
  public static final String LOGGING = "logging";
  public static final String SIMULATOR = "simulator";

  /** Schema path → the fields accepted there, in documentation order. */
  public static final Map<String, List<String>> FIELDS = build();

  private ConfigurationFields() {}

  private static Map<String, List<String>> build() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    f.put(
        ROOT,
        List.of(
            "pbxs",
            "skills",
            "queues",
            "agents",
            "routing",
            "ivr",
            "http",
            "agi",
            "users",
            "journal",
            "stats",
            "logging",
            "simulator"));
    f.put(
        PBX,
        List.of(
            "id",
            "host",
            "port",
            "username",
            "secret",
            "secretEnv",
            "secretFile",
            "waitContext",
            "connectContext",
            "overflowContext",
            "callbackOfferContext",
            "reconnectMinMs",
            "reconnectMaxMs"));
    f.put(
        QUEUE,
        List.of(
            "id",
            "name",
            "skills",
            "serviceLevel",
            "policy",
            "wrapUpSeconds",
            "ringTimeoutSeconds",
            "maxWaitSeconds",
            "maxLength",
            "overflow",
            "escalation",
            "agingSecondsPerPriority",
            "callbackOfferSeconds"));
    f.put(SERVICE_LEVEL, List.of("percent", "targetSeconds", "shortAbandonSeconds"));
    f.put(OVERFLOW, List.of("toQueue", "toNumber", "disconnect"));
    f.put(
        ESCALATION_STEP,
        List.of(
            "afterSeconds",
            "relaxLevels",
            "addSkills",
            "moveToQueue",
            "offerCallback",
            "overflow"));
    f.put(AGENT, List.of("id", "name", "pbx", "extension", "skills", "chatCapacity"));
    f.put(ROUTING, List.of("selection"));
    f.put(
        HTTP, List.of("bind", "port", "tls", "limits", "streamIntervalMs", "metricsWithoutToken"));
    f.put(HTTP_TLS, List.of("certFile", "keyFile"));
    f.put(HTTP_LIMITS, List.of("maxBodyBytes", "maxHeaderBytes"));
    f.put(AGI, List.of("bind", "port"));
    f.put(USER, List.of("name", "role", "tokenSha256", "tokenEnv", "tokenFile", "agentId"));
    f.put(
        JOURNAL,
        List.of(
            "directory",
            "snapshotEveryCommands",
            "tickIntervalMs",
            "ringSize",
            "snapshotDirectory",
            "stages",
            "waitMode"));
    f.put(STATS, List.of("zone", "dayStart", "eventLogFile", "alerts"));
    f.put(
        STATS_ALERTS,
        List.of(
            "windowMinutes",
            "serviceLevelMarginPoints",
            "serviceLevelHysteresisPoints",
            "minContacts",
            "longestWaitSeconds",
            "abandonRatePercent",
            "waiting"));
    f.put(ALERT_THRESHOLD, List.of("raise", "clear"));
    f.put(LOGGING, List.of("level", "loggers"));
    f.put(SIMULATOR, List.of("scenario", "timeScale", "seed", "pbx", "startTime"));
    return java.util.Collections.unmodifiableMap(f);
  }
}
