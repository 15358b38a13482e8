package dev.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.pipeline.StageLayout;
import dev.switchboard.router.pipeline.WaitMode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Loads Switchboard's one YAML configuration file and validates all of it before anything starts.
 *
 * <p>The file is read with SnakeYAML's node API, so every value keeps its line. Validation never
 * stops at the first problem: it collects every error ({@code file:line: path: message}), including
 * unknown fields (with a did-you-mean) and cross-references (a queue's skill is declared, an
 * agent's PBX exists, one agent per device, an agent token names an existing agent), and throws one
 * {@link ConfigurationException} with all of them. Secrets come from the environment or from files
 * the configuration names; they are held as {@link Secret}s and never printed.
 *
 * <p>Loading is pure apart from reading the file and the secret files and asking the injected
 * environment: the same inputs give the same result, so tests pass their own environment.
 */
public final class ConfigurationLoader {

  /** The SHA-256 hex form of an API token. */
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  /** Logger levels logback understands. */
  private static final List<String> LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Extra checks of the {@code ivr} section (the IVR's own loader), given the queue ids. */
  @FunctionalInterface
  public interface SectionValidator {
    /**
     * Errors in the section; empty when it is fine.
     *
     * @param section the section's tree
     * @param queueIds the queues the file declares
     * @param fileName the name errors carry
     * @param source the file the section came from (for lines and relative paths)
     */
    List<ConfigurationError> validate(
        JsonNode section, Set<String> queueIds, String fileName, Path source);
  }

  private final Function<String, String> environment;
  private final SectionValidator ivrValidator;
  private boolean resolveSecrets = true;

  /** The production loader: secrets from the process environment, the IVR's own validation. */
  public ConfigurationLoader() {
    this(System::getenv, new IvrSectionValidator());
  }

  /**
   * A loader.
   *
   * @param environment looks environment variables up ({@code System::getenv} in production)
   * @param ivrValidator validates the {@code ivr} section (the IVR module's loader)
   */
  public ConfigurationLoader(Function<String, String> environment, SectionValidator ivrValidator) {
    this.environment = environment;
    this.ivrValidator = ivrValidator;
  }

  /**
   * Checks only that secrets are referenced correctly, without reading the environment variables or
   * files they name (to lint a production file on a build machine). The configuration returned then
   * holds empty secrets and must not be started.
   */
  public ConfigurationLoader withoutResolvingSecrets() {
    resolveSecrets = false;
    return this;
  }

  /** Loads and validates a file; relative paths in it resolve against its directory. */
  public SwitchboardConfiguration load(Path file) throws ConfigurationException {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          List.of(new ConfigurationError(name, 0, "", "cannot read the file: " + e)));
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, name, base == null ? Path.of(".") : base, file);
  }

  /**
   * Validates configuration text.
   *
   * @param text the YAML
   * @param fileName the name errors carry
   * @param baseDirectory where relative paths (secret files, journal) resolve
   * @param source the path recorded as the configuration's source
   */
  public SwitchboardConfiguration parse(
      String text, String fileName, Path baseDirectory, Path source) throws ConfigurationException {
    ConfigurationReader reader = new ConfigurationReader(fileName);
    Node root = compose(text, reader);
    if (root == null) {
      if (reader.errors().isEmpty()) {
        reader.error(0, "", "the file is empty; see docs/configuration.md for an example");
      }
      throw failure(reader);
    }
    SwitchboardConfiguration configuration = document(root, reader, baseDirectory, source);
    if (!reader.errors().isEmpty() || configuration == null) {
      throw failure(reader);
    }
    return configuration;
  }

  private static ConfigurationException failure(ConfigurationReader reader) {
    List<ConfigurationError> errors = new ArrayList<>(reader.errors());
    // Stable: errors on one line keep the order they were found in, which follows the text.
    errors.sort(java.util.Comparator.comparingInt(ConfigurationError::line));
    return new ConfigurationException(errors);
  }

  private static Node compose(String text, ConfigurationReader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(40);
    options.setCodePointLimit(4 * 1024 * 1024);
    options.setAllowRecursiveKeys(false);
    try {
      return new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      reader.error(line, "", "not valid YAML: " + oneLine(e.getProblem()));
    } catch (RuntimeException e) {
      // SnakeYAML signals limits (aliases, nesting, size) and odd input with assorted runtime
      // exceptions; any of them means the file cannot be read as YAML.
      reader.error(0, "", "not valid YAML: " + oneLine(String.valueOf(e.getMessage())));
    }
    return null;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }

  private SwitchboardConfiguration document(
      Node root, ConfigurationReader reader, Path base, Path source) {
    Fields f = reader.fields(root, "", ConfigurationFields.ROOT);
    if (f == null) {
      return null;
    }
    Set<String> skills = skills(f, reader);
    // Ids count as declared even when their entry has other errors, so one mistake in a PBX does
    // not also show up as an "unknown PBX" on every agent.
    Set<String> pbxIds = new LinkedHashSet<>();
    List<PbxLinkConfiguration> pbxs = pbxs(f.list("pbxs"), reader, base, pbxIds);
    RoutingSectionReader routing = new RoutingSectionReader(reader, skills);
    List<QueueConfiguration> queues = routing.queues(f.list("queues"));
    List<AgentConfiguration> agents = routing.agents(f.list("agents"), pbxIds);
    ContactSelection selection = ContactSelection.PRIORITY_AGE;
    Fields routingFields = f.object("routing", ConfigurationFields.ROUTING);
    if (routingFields != null) {
      selection = routingFields.enumeration("selection", ContactSelection.class, selection);
    }
    Set<String> agentIds = routing.declaredAgentIds();
    Set<String> queueIds = routing.declaredQueueIds();
    HttpListenerConfiguration http = http(f.object("http", ConfigurationFields.HTTP), base, reader);
    AgiListenerConfiguration agi = agi(f.object("agi", ConfigurationFields.AGI));
    JsonNode ivr = ivr(f, reader, agi, pbxs, queueIds, source);
    List<ApiUserConfiguration> users = users(f.list("users"), reader, base, agentIds);
    JournalConfiguration journal = journal(f.object("journal", ConfigurationFields.JOURNAL), base);
    StatisticsConfiguration stats = stats(f.object("stats", ConfigurationFields.STATS), base);
    LoggingConfiguration logging =
        logging(f.object("logging", ConfigurationFields.LOGGING), reader);
    SimulatorRunConfiguration simulator =
        simulator(f.object("simulator", ConfigurationFields.SIMULATOR), pbxIds);
    if (!reader.errors().isEmpty()) {
      return null;
    }
    RouterConfiguration router;
    try {
      router = new RouterConfiguration(queues, agents, selection);
    } catch (IllegalArgumentException e) {
      reader.error(0, "", e.getMessage());
      return null;
    }
    return new SwitchboardConfiguration(
        source,
        pbxs,
        List.copyOf(skills),
        router,
        ivr,
        http,
        agi,
        users,
        journal,
        stats,
        logging,
        simulator);
  }

  /**
   * The {@code ivr} section, completed from the rest of the file before the IVR's loader checks it:
   * the FastAGI listener comes from {@code agi} (one place says where things listen), and the PBXs
   * allowed to connect default to the AMI hosts under {@code pbxs} (set {@code ivr.pbxs} when a
   * PBX's FastAGI connections come from another address).
   */
  private JsonNode ivr(
      Fields f,
      ConfigurationReader reader,
      AgiListenerConfiguration agi,
      List<PbxLinkConfiguration> pbxs,
      Set<String> queueIds,
      Path source) {
    if (!f.has("ivr")) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode tree = YamlTrees.toJson(f.node("ivr"));
    if (!(tree instanceof ObjectNode section)) {
      f.error("ivr", "must be a mapping (see docs/ivr.md)");
      return JsonNodeFactory.instance.objectNode();
    }
    for (String listener : List.of("bindAddress", "port")) {
      if (section.has(listener)) {
        f.error("ivr", "ivr." + listener + " is set under agi (bind, port), not here");
      }
    }
    section.put("bindAddress", agi.bindAddress());
    section.put("port", agi.port());
    if (!section.has("pbxs")) {
      ObjectNode allowed = section.putObject("pbxs");
      pbxs.forEach(p -> allowed.put(p.id(), p.host()));
    }
    reader.errors().addAll(ivrValidator.validate(section, queueIds, reader.fileName(), source));
    return section;
  }

  private static Set<String> skills(Fields f, ConfigurationReader reader) {
    Set<String> skills = new LinkedHashSet<>();
    List<Node> nodes = f.list("skills");
    for (int i = 0; i < nodes.size(); i++) {
      String path = "skills[" + i + "]";
      String skill = reader.scalar(nodes.get(i), path);
      if (skill == null) {
        continue;
      }
      if (!skill.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
        reader.error(
            nodes.get(i),
            path,
            "skill names are letters, digits, '_', '.', '-'; got '" + skill + "'");
      } else if (!skills.add(skill)) {
        reader.error(nodes.get(i), path, "duplicate skill '" + skill + "'");
      }
    }
    return skills;
  }

  private List<PbxLinkConfiguration> pbxs(
      List<Node> nodes, ConfigurationReader reader, Path base, Set<String> declared) {
    List<PbxLinkConfiguration> pbxs = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = "pbxs[" + i + "]";
      Fields f = reader.fields(nodes.get(i), path, ConfigurationFields.PBX);
      if (f == null) {
        continue;
      }
      String id = f.requiredString("id");
      if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
        f.error("id", "PBX ids are letters, digits, '_', '.', '-' (they prefix contact ids)");
        id = null;
      }
      if (id != null) {
        declared.add(id);
      }
      String host = f.string("host", "127.0.0.1");
      int port = f.integer("port", 5038, 0, 65_535);
      String username = f.requiredString("username");
      Secret secret =
          secret(f, "secret", "secretEnv", "secretFile", base, "the AMI password", true);
      String wait = f.string("waitContext", "switchboard-wait");
      String connect = f.string("connectContext", "switchboard-connect");
      String overflow = f.string("overflowContext", "switchboard-overflow");
      String callback = f.string("callbackOfferContext", "switchboard-callback-offer");
      long minMs = f.longValue("reconnectMinMs", 500, 10, 600_000);
      long maxMs = f.longValue("reconnectMaxMs", 30_000, 10, 3_600_000);
      if (maxMs < minMs) {
        f.error("reconnectMaxMs", "must be at least reconnectMinMs (" + minMs + "), got " + maxMs);
      }
      if (id == null || username == null || secret == null) {
        continue;
      }
      String first = seen.putIfAbsent(id, path);
      if (first != null) {
        f.error("id", "duplicate PBX id '" + id + "' (first at " + first + ")");
        continue;
      }
      pbxs.add(
          new PbxLinkConfiguration(
              id, host, port, username, secret, wait, connect, overflow, callback, minMs, maxMs));
    }
    return pbxs;
  }

  /**
   * A secret given by exactly one of: inline, an environment variable, a file.
   *
   * @param plainIsSecret true when the inline form is the secret itself (an AMI password); false
   *     when the inline form is a hash and handled by the caller
   */
  private Secret secret(
      Fields f,
      String inline,
      String env,
      String file,
      Path base,
      String what,
      boolean plainIsSecret) {
    List<String> given = new ArrayList<>();
    for (String name : List.of(inline, env, file)) {
      if (f.has(name)) {
        given.add(name);
      }
    }
    if (given.size() != 1) {
      f.error(
          given.isEmpty() ? inline : given.get(1),
          "give "
              + what
              + " by exactly one of "
              + inline
              + ", "
              + env
              + ", "
              + file
              + (given.isEmpty() ? "" : "; got " + String.join(", ", given)));
      return null;
    }
    String kind = given.get(0);
    String value = f.requiredString(kind);
    if (value == null) {
      return null;
    }
    if (kind.equals(inline)) {
      return plainIsSecret ? Secret.of(value, "inline") : null;
    }
    if (!resolveSecrets) {
      return Secret.of("", "unresolved " + kind + " " + value);
    }
    if (kind.equals(env)) {
      String fromEnv = environment.apply(value);
      if (fromEnv == null || fromEnv.isEmpty()) {
        f.error(kind, "environment variable " + value + " is not set (" + what + ")");
        return null;
      }
      return Secret.of(fromEnv, "env " + value);
    }
    Path path = base.resolve(value);
    try {
      String content = Files.readString(path, StandardCharsets.UTF_8).strip();
      if (content.isEmpty()) {
        f.error(kind, "file " + path + " is empty (" + what + ")");
        return null;
      }
      return Secret.of(content, "file " + path);
    } catch (IOException | RuntimeException e) {
      f.error(kind, "cannot read " + path + " (" + what + "): " + e.getClass().getSimpleName());
      return null;
    }
  }

  private HttpListenerConfiguration http(Fields f, Path base, ConfigurationReader reader) {
    if (f == null) {
      return new HttpListenerConfiguration(
          "127.0.0.1", 8080, null, null, 65_536, 8_192, 500, false);
    }
    String bind = f.string("bind", "127.0.0.1");
    int port = f.integer("port", 8080, 0, 65_535);
    Path cert = null;
    Path key = null;
    Fields tls = f.object("tls", ConfigurationFields.HTTP_TLS);
    if (tls != null) {
      cert = existingFile(tls, "certFile", base);
      key = existingFile(tls, "keyFile", base);
    }
    int maxBody = 65_536;
    int maxHeader = 8_192;
    Fields limits = f.object("limits", ConfigurationFields.HTTP_LIMITS);
    if (limits != null) {
      maxBody = limits.integer("maxBodyBytes", maxBody, 1_024, 16 * 1024 * 1024);
      maxHeader = limits.integer("maxHeaderBytes", maxHeader, 1_024, 1024 * 1024);
    }
    long interval = f.longValue("streamIntervalMs", 500, 50, 60_000);
    boolean metricsOpen = f.bool("metricsWithoutToken", false);
    return new HttpListenerConfiguration(
        bind, port, cert, key, maxBody, maxHeader, interval, metricsOpen);
  }

  private static Path existingFile(Fields f, String name, Path base) {
    String value = f.requiredString(name);
    if (value == null) {
      return null;
    }
    Path path = base.resolve(value);
    if (!Files.isReadable(path)) {
      f.error(name, "cannot read " + path);
      return null;
    }
    return path;
  }

  private static AgiListenerConfiguration agi(Fields f) {
    if (f == null) {
      return new AgiListenerConfiguration("127.0.0.1", 4573);
    }
    return new AgiListenerConfiguration(
        f.string("bind", "127.0.0.1"), f.integer("port", 4573, 0, 65_535));
  }

  private List<ApiUserConfiguration> users(
      List<Node> nodes, ConfigurationReader reader, Path base, Set<String> agentIds) {
    List<ApiUserConfiguration> users = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<String, String> tokens = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = "users[" + i + "]";
      Fields f = reader.fields(nodes.get(i), path, ConfigurationFields.USER);
      if (f == null) {
        continue;
      }
      String name = f.requiredString("name");
      UserRole role = null;
      if (!f.has("role")) {
        reader.error(f.line(), f.path("role"), "is required (wallboard, agent, supervisor, admin)");
      } else {
        role = f.enumeration("role", UserRole.class, null);
      }
      String hash = null;
      if (f.has("tokenSha256")) {
        String given = f.requiredString("tokenSha256");
        if (given != null && !SHA256_HEX.matcher(given).matches()) {
          f.error("tokenSha256", "must be 64 hex digits (sha256sum of the token)");
        } else if (given != null) {
          hash = given.toLowerCase(java.util.Locale.ROOT);
        }
        secret(f, "tokenSha256", "tokenEnv", "tokenFile", base, "the token", false);
      } else {
        Secret token = secret(f, "tokenSha256", "tokenEnv", "tokenFile", base, "the token", false);
        hash = token == null ? null : token.sha256Hex();
      }
      String agentId = f.string("agentId", "");
      if (role == UserRole.AGENT) {
        if (agentId.isEmpty()) {
          reader.error(f.line(), f.path("agentId"), "is required for role agent");
        } else if (!agentIds.contains(agentId)) {
          String hint = DidYouMean.suggest(agentId, agentIds);
          f.error(
              "agentId",
              "unknown agent '"
                  + agentId
                  + "'"
                  + (hint == null ? "" : ", did you mean '" + hint + "'?"));
        }
      } else if (role != null && !agentId.isEmpty()) {
        f.error("agentId", "only users with role agent act as an agent");
      }
      if (name == null || role == null || hash == null) {
        continue;
      }
      String first = names.putIfAbsent(name, path);
      if (first != null) {
        f.error("name", "duplicate user '" + name + "' (first at " + first + ")");
        continue;
      }
      // Unresolved secrets (--skip-secrets) all hash alike; their sameness says nothing.
      String sameToken =
          resolveSecrets || f.has("tokenSha256") ? tokens.putIfAbsent(hash, path) : null;
      if (sameToken != null) {
        reader.error(
            f.line(), path, "has the same token as " + sameToken + " (tokens must differ)");
        continue;
      }
      users.add(new ApiUserConfiguration(name, role, hash, agentId));
    }
    return users;
  }

  private static JournalConfiguration journal(Fields f, Path base) {
    if (f == null) {
      return JournalConfiguration.defaults(base.resolve("data/journal"));
    }
    Path directory = base.resolve(f.string("directory", "data/journal"));
    long snapshot = f.longValue("snapshotEveryCommands", 100_000, 1_000, 1_000_000_000);
    long tick = f.longValue("tickIntervalMs", 50, 10, 1_000);
    int ring = f.integer("ringSize", 65_536, 1_024, 1 << 22);
    if (Integer.bitCount(ring) != 1) {
      f.error("ringSize", "must be a power of two, got " + ring);
    }
    String snapshots = f.string("snapshotDirectory", null);
    Path snapshotDirectory = snapshots == null ? directory : base.resolve(snapshots);
    StageLayout stages = f.enumeration("stages", StageLayout.class, StageLayout.FUSED);
    WaitMode waitMode = f.enumeration("waitMode", WaitMode.class, WaitMode.BLOCKING);
    return new JournalConfiguration(
        directory, snapshot, tick, ring, snapshotDirectory, stages, waitMode);
  }

  private static StatisticsConfiguration stats(Fields f, Path base) {
    ZoneId zone = ZoneId.of("UTC");
    LocalTime dayStart = LocalTime.MIDNIGHT;
    Path eventLog = null;
    int window = 30;
    double margin = 0;
    double hysteresis = 5;
    int minContacts = 10;
    StatisticsConfiguration.Threshold longest = new StatisticsConfiguration.Threshold(120, 90);
    StatisticsConfiguration.Threshold abandons = new StatisticsConfiguration.Threshold(15, 10);
    StatisticsConfiguration.Threshold waiting = new StatisticsConfiguration.Threshold(20, 15);
    if (f != null) {
      if (f.has("zone")) {
        String text = f.requiredString("zone");
        try {
          zone = text == null ? zone : ZoneId.of(text);
        } catch (DateTimeException e) {
          f.error("zone", "unknown time zone '" + text + "' (e.g. Europe/Paris, UTC)");
        }
      }
      if (f.has("dayStart")) {
        String text = f.requiredString("dayStart");
        try {
          dayStart = text == null ? dayStart : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
          f.error("dayStart", "must be a time of day HH:MM, got '" + text + "'");
        }
      }
      String log = f.string("eventLogFile", null);
      eventLog = log == null ? null : base.resolve(log);
      Fields alerts = f.object("alerts", ConfigurationFields.STATS_ALERTS);
      if (alerts != null) {
        window = alerts.integer("windowMinutes", window, 15, 60);
        if (window != 15 && window != 30 && window != 60) {
          alerts.error("windowMinutes", "must be 15, 30 or 60, got " + window);
        }
        margin = alerts.decimal("serviceLevelMarginPoints", margin, 0, 100);
        hysteresis = alerts.decimal("serviceLevelHysteresisPoints", hysteresis, 0, 100);
        minContacts = alerts.integer("minContacts", minContacts, 0, 1_000_000);
        longest = threshold(alerts, "longestWaitSeconds", longest, 86_400);
        abandons = threshold(alerts, "abandonRatePercent", abandons, 100);
        waiting = threshold(alerts, "waiting", waiting, 1_000_000);
      }
    }
    return new StatisticsConfiguration(
        zone,
        dayStart,
        eventLog,
        window,
        margin,
        hysteresis,
        minContacts,
        longest,
        abandons,
        waiting);
  }

  /** A rising alert threshold: raised above {@code raise}, cleared at or below {@code clear}. */
  private static StatisticsConfiguration.Threshold threshold(
      Fields alerts, String name, StatisticsConfiguration.Threshold defaults, double max) {
    Fields f = alerts.object(name, ConfigurationFields.ALERT_THRESHOLD);
    if (f == null) {
      return defaults;
    }
    double raise = f.decimal("raise", defaults.raise(), 0, max);
    double clear = f.decimal("clear", defaults.clear(), 0, max);
    if (clear > raise) {
      f.error("clear", "must not be above raise (" + raise + ") or the alert could never clear");
    }
    return new StatisticsConfiguration.Threshold(raise, clear);
  }

  private static LoggingConfiguration logging(Fields f, ConfigurationReader reader) {
    if (f == null) {
      return new LoggingConfiguration("INFO", Map.of());
    }
    String level = level(f.node("level"), f.path("level"), reader, "INFO");
    Map<String, String> loggers = new LinkedHashMap<>();
    for (NodeTuple tuple : reader.entries(f.node("loggers"), f.path("loggers"))) {
      String logger = reader.scalar(tuple.getKeyNode(), f.path("loggers"));
      if (logger != null) {
        String path = f.path("loggers") + "." + logger;
        loggers.put(logger, level(tuple.getValueNode(), path, reader, "INFO"));
      }
    }
    return new LoggingConfiguration(level, loggers);
  }

  private static String level(Node node, String path, ConfigurationReader reader, String dflt) {
    if (node == null) {
      return dflt;
    }
    String text = reader.scalar(node, path);
    if (text == null) {
      return dflt;
    }
    String upper = text.trim().toUpperCase(java.util.Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      reader.error(
          node, path, "must be one of " + String.join(", ", LEVELS) + ", got '" + text + "'");
      return dflt;
    }
    return upper;
  }

  private static SimulatorRunConfiguration simulator(Fields f, Set<String> pbxIds) {
    if (f == null) {
      return null;
    }
    String scenario = f.string("scenario", "builtin:demo");
    double timeScale =
        f.decimal(
            "timeScale",
            1.0,
            SimulatorRunConfiguration.MIN_TIME_SCALE,
            SimulatorRunConfiguration.MAX_TIME_SCALE);
    long seed = f.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
    LocalTime startTime = null;
    if (f.has("startTime")) {
      String text = f.requiredString("startTime");
      try {
        startTime = text == null ? null : LocalTime.parse(text);
      } catch (DateTimeParseException e) {
        f.error("startTime", "must be a time of day HH:MM (UTC), got '" + text + "'");
      }
    }
    String pbx = f.string("pbx", pbxIds.isEmpty() ? null : pbxIds.iterator().next());
    if (pbx == null) {
      f.error("pbx", "the simulator stands in for a configured PBX; configure one under pbxs");
    } else if (!pbxIds.contains(pbx)) {
      f.error("pbx", "unknown PBX '" + pbx + "'");
    }
    return new SimulatorRunConfiguration(scenario, timeScale, seed, pbx, startTime);
  }
}
