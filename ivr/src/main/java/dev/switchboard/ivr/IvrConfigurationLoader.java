package dev.switchboard.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code ivr:} section of Switchboard's configuration into an {@link IvrConfiguration}
 * and validates it, collecting every problem (with path and line) before failing. Lines come from
 * the YAML text: given the text (or a file) they are exact; given only a Jackson tree, they are
 * read from {@code fileName} when that names the file the tree came from, else reported as 0.
 */
public final class IvrConfigurationLoader {

  /** The configuration key of the IVR section, and the first segment of every error path. */
  public static final String SECTION = "ivr";

  private static final Set<String> TOP_FIELDS =
      Set.of(
          "bindAddress",
          "port",
          "zone",
          "replyTimeoutMs",
          "customerDirectory",
          "pbxs",
          "prompts",
          "calendars",
          "scripts",
          "entryPoints",
          "nodes");

  static final List<String> KINDS =
      List.of(
          "menu",
          "collect",
          "set",
          "hours",
          "branch",
          "lookup",
          "queue",
          "transfer",
          "hangup",
          "play");

  private IvrConfigurationLoader() {}

  /** Loads the section as the server's configuration loader hands it over (no queue check). */
  public static IvrConfiguration load(JsonNode ivrSection, String fileName)
      throws IvrConfigurationException {
    return load(ivrSection, fileName, null);
  }

  /**
   * Loads the section; {@code queueIds}, when not null, are the configured queues every queue
   * reference must name.
   */
  public static IvrConfiguration load(JsonNode ivrSection, String fileName, Set<String> queueIds)
      throws IvrConfigurationException {
    YamlLineIndex index = YamlLineIndex.empty();
    Path base = null;
    if (fileName != null) {
      try {
        Path file = Path.of(fileName);
        if (Files.isRegularFile(file)) {
          index = YamlLineIndex.of(Files.readString(file, StandardCharsets.UTF_8));
          base = file.toAbsolutePath().getParent();
        }
      } catch (IOException | InvalidPathException e) {
        // Lines are a help, not a requirement: the tree is still validated, lines read 0.
        index = YamlLineIndex.empty();
      }
    }
    return read(ivrSection, index, fileName, base, queueIds);
  }

  /** Loads from a whole configuration file that has an {@code ivr:} section. */
  public static IvrConfiguration load(Path file, Set<String> queueIds)
      throws IvrConfigurationException, IOException {
    Path base = file.toAbsolutePath().getParent();
    return loadYaml(
        Files.readString(file, StandardCharsets.UTF_8), file.toString(), base, queueIds);
  }

  /** Loads from YAML text that has an {@code ivr:} section (tests, tools). */
  public static IvrConfiguration loadYaml(String yaml, String fileName, Set<String> queueIds)
      throws IvrConfigurationException {
    return loadYaml(yaml, fileName, null, queueIds);
  }

  private static IvrConfiguration loadYaml(
      String yaml, String fileName, Path base, Set<String> queueIds)
      throws IvrConfigurationException {
    JsonNode root;
    YamlLineIndex index;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
      index = YamlLineIndex.of(yaml);
    } catch (IOException e) {
      int line = 0;
      String message = e.getMessage();
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
        message = jpe.getOriginalMessage();
        if (jpe.getLocation() != null) {
          line = jpe.getLocation().getLineNr();
        }
      }
      throw new IvrConfigurationException(
          fileName, List.of(new MenuValidationError("", line, "not valid YAML: " + message)));
    }
    JsonNode section = root == null ? null : root.get(SECTION);
    if (section == null) {
      throw new IvrConfigurationException(
          fileName, List.of(new MenuValidationError(SECTION, 1, "no 'ivr' section")));
    }
    return read(section, index, fileName, base, queueIds);
  }

  private static IvrConfiguration read(
      JsonNode section, YamlLineIndex index, String fileName, Path base, Set<String> queueIds)
      throws IvrConfigurationException {
    ConfigReader r = new ConfigReader(index);
    for (YamlLineIndex.Duplicate d : index.duplicates()) {
      if (d.path().startsWith(SECTION + ".")) {
        r.error(d.path(), "key appears more than once in the same mapping");
      }
    }
    if (section == null || !section.isObject()) {
      r.error(SECTION, "must be a mapping");
      throw new IvrConfigurationException(fileName, r.errors());
    }
    Draft d = new Draft(r);
    IvrConfiguration config = d.read(section, base);
    new MenuValidator(r, config, d.refs, d.prompts, queueIds, d.nodePaths).validate();
    if (!r.errors().isEmpty()) {
      throw new IvrConfigurationException(fileName, r.errors());
    }
    return config;
  }

  /** A reference from a field to a node id, checked once all nodes are known. */
  record NodeRef(String path, String target) {}

  /** A prompt played from a field, checked against every language's prompt list. */
  record PromptRef(String path, String prompt) {}

  /** One reading pass: builds the records and remembers what to cross-check. */
  private static final class Draft {
    final ConfigReader r;
    final List<NodeRef> refs = new ArrayList<>();
    final List<PromptRef> prompts = new ArrayList<>();
    final Map<String, String> nodePaths = new LinkedHashMap<>();
    ScriptConfiguration scripts = ScriptConfiguration.defaults();

    Draft(ConfigReader r) {
      this.r = r;
    }

    IvrConfiguration read(JsonNode s, Path base) {
      String p = SECTION;
      r.onlyFields(s, p, TOP_FIELDS);
      String bind = r.text(s, "bindAddress", p, "127.0.0.1", false);
      int port = (int) r.number(s, "port", p, 4573, 0, 65_535);
      ZoneId zone = zone(r.text(s, "zone", p, "UTC", false), YamlLineIndex.join(p, "zone"));
      long replyTimeoutMs = r.number(s, "replyTimeoutMs", p, 300_000, 1_000, 3_600_000);
      String directory = r.text(s, "customerDirectory", p, "", false);
      Path directoryPath = null;
      if (!directory.isEmpty()) {
        try {
          directoryPath = base != null ? base.resolve(directory) : Path.of(directory);
        } catch (InvalidPathException e) {
          r.error(YamlLineIndex.join(p, "customerDirectory"), "not a valid path: " + directory);
        }
        if (directoryPath != null && base != null) {
          checkDirectory(directoryPath, YamlLineIndex.join(p, "customerDirectory"));
        }
      }
      Map<String, String> pbxs = r.textMap(s, "pbxs", p);
      if (pbxs.isEmpty()) {
        r.error(YamlLineIndex.join(p, "pbxs"), "at least one PBX (id: address) must be allowed");
      }
      pbxs.forEach(
          (id, address) -> {
            if (address.isBlank()) {
              r.error(YamlLineIndex.join(p, "pbxs." + id), "address must not be empty");
            }
          });
      Map<String, Set<String>> promptSets = readPrompts(s, p);
      Map<String, BusinessCalendar> calendars = readCalendars(s, p);
      readScripts(s, p);
      Map<String, EntryPoint> entries = readEntries(s, p, zone, promptSets);
      Map<String, MenuNode> nodes = readNodes(s, p, calendars);
      return new IvrConfiguration(
          bind,
          port,
          pbxs,
          entries,
          nodes,
          promptSets,
          calendars,
          scripts,
          directoryPath,
          zone,
          replyTimeoutMs);
    }

    /**
     * With the configuration's own file known, the customer file it names is read now, so that a
     * missing or malformed one fails the load instead of the IVR's start.
     */
    void checkDirectory(Path file, String path) {
      try {
        CsvCustomerDirectory.load(file);
      } catch (IOException e) {
        r.error(path, "cannot read the customer file " + file + ": " + e);
      } catch (IllegalArgumentException e) {
        r.error(path, e.getMessage());
      }
    }

    ZoneId zone(String id, String path) {
      try {
        return ZoneId.of(id);
      } catch (DateTimeException e) {
        r.error(path, "unknown time zone '" + id + "'");
        return ZoneId.of("UTC");
      }
    }

    Map<String, Set<String>> readPrompts(JsonNode s, String p) {
      Map<String, Set<String>> out = new LinkedHashMap<>();
      JsonNode prompts = r.object(s, "prompts", p);
      String pp = YamlLineIndex.join(p, "prompts");
      if (prompts == null || prompts.isEmpty()) {
        r.error(pp, "declare the prompts of at least one language (language: [names])");
        return out;
      }
      prompts
          .fieldNames()
          .forEachRemaining(lang -> out.put(lang, new LinkedHashSet<>(r.texts(prompts, lang, pp))));
      return out;
    }

    Map<String, BusinessCalendar> readCalendars(JsonNode s, String p) {
      Map<String, BusinessCalendar> out = new LinkedHashMap<>();
      JsonNode calendars = r.object(s, "calendars", p);
      if (calendars == null) {
        return out;
      }
      String cp = YamlLineIndex.join(p, "calendars");
      calendars
          .fields()
          .forEachRemaining(
              e -> {
                String path = YamlLineIndex.join(cp, e.getKey());
                if (!e.getValue().isObject()) {
                  r.error(path, "must be a mapping (zone, hours, holidays)");
                  return;
                }
                out.put(e.getKey(), readCalendar(e.getKey(), e.getValue(), path));
              });
      return out;
    }

    BusinessCalendar readCalendar(String id, JsonNode c, String path) {
      r.onlyFields(c, path, Set.of("zone", "hours", "holidays"));
      String zoneText = r.text(c, "zone", path, "", false);
      ZoneId zone = zoneText.isEmpty() ? null : zone(zoneText, YamlLineIndex.join(path, "zone"));
      Map<DayOfWeek, List<BusinessCalendar.TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
      JsonNode h = r.object(c, "hours", path);
      String hp = YamlLineIndex.join(path, "hours");
      if (h != null) {
        h.fieldNames()
            .forEachRemaining(
                days -> {
                  String dp = YamlLineIndex.join(hp, days);
                  List<DayOfWeek> dayList = days(days, dp);
                  List<String> rangeTexts = r.texts(h, days, hp);
                  for (int i = 0; i < rangeTexts.size(); i++) {
                    BusinessCalendar.TimeRange range = range(rangeTexts.get(i), dp);
                    if (range != null) {
                      for (DayOfWeek day : dayList) {
                        hours.computeIfAbsent(day, k -> new ArrayList<>()).add(range);
                      }
                    }
                  }
                });
      }
      Set<LocalDate> holidays = new LinkedHashSet<>();
      List<String> holidayTexts = r.texts(c, "holidays", path);
      for (int i = 0; i < holidayTexts.size(); i++) {
        try {
          holidays.add(LocalDate.parse(holidayTexts.get(i)));
        } catch (DateTimeException e) {
          r.error(
              YamlLineIndex.join(path, "holidays." + i),
              "not a date (YYYY-MM-DD): '" + holidayTexts.get(i) + "'");
        }
      }
      return new BusinessCalendar(id, zone, hours, holidays);
    }

    List<DayOfWeek> days(String spec, String path) {
      String[] parts = spec.toLowerCase(Locale.ROOT).split("-", -1);
      DayOfWeek from = day(parts[0]);
      DayOfWeek to = parts.length == 2 ? day(parts[1]) : from;
      if (parts.length > 2 || from == null || to == null) {
        r.error(path, "not a day or day range (mon, mon-fri, sat-sun): '" + spec + "'");
        return List.of();
      }
      List<DayOfWeek> out = new ArrayList<>();
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        out.add(d);
        if (d == to) {
          break;
        }
      }
      return out;
    }

    static DayOfWeek day(String s) {
      return switch (s.trim()) {
        case "mon" -> DayOfWeek.MONDAY;
        case "tue" -> DayOfWeek.TUESDAY;
        case "wed" -> DayOfWeek.WEDNESDAY;
        case "thu" -> DayOfWeek.THURSDAY;
        case "fri" -> DayOfWeek.FRIDAY;
        case "sat" -> DayOfWeek.SATURDAY;
        case "sun" -> DayOfWeek.SUNDAY;
        default -> null;
      };
    }

    BusinessCalendar.TimeRange range(String text, String path) {
      String[] parts = text.split("-", -1);
      try {
        if (parts.length == 2) {
          LocalTime from = LocalTime.parse(parts[0].trim());
          String toText = parts[1].trim();
          LocalTime to = toText.equals("24:00") ? LocalTime.MAX : LocalTime.parse(toText);
          if (from.isBefore(to)) {
            return new BusinessCalendar.TimeRange(from, to);
          }
        }
      } catch (DateTimeException e) {
        // reported below with the offending text
      }
      r.error(path, "not a time range (HH:MM-HH:MM, start before end): '" + text + "'");
      return null;
    }

    void readScripts(JsonNode s, String p) {
      JsonNode sc = r.object(s, "scripts", p);
      ScriptConfiguration d = ScriptConfiguration.defaults();
      String sp = YamlLineIndex.join(p, "scripts");
      if (sc != null) {
        r.onlyFields(
            sc,
            sp,
            Set.of(
                "callbackOfferPrompt",
                "callbackConfirmPrompt",
                "callbackConfirmMenuPrompt",
                "callbackNumberPrompt",
                "callbackThanksPrompt",
                "callbackNumberMinDigits",
                "callbackNumberMaxDigits",
                "surveyPrompt",
                "surveyThanksPrompt",
                "invalidPrompt",
                "positionPrompt",
                "waitPrompt",
                "minutesPrompt",
                "retries",
                "timeoutMs"));
      } else {
        sc = JsonNodeFactory.instance.objectNode();
      }
      int minDigits =
          (int) r.number(sc, "callbackNumberMinDigits", sp, d.callbackNumberMinDigits(), 1, 32);
      int maxDigits =
          (int) r.number(sc, "callbackNumberMaxDigits", sp, d.callbackNumberMaxDigits(), 1, 32);
      if (minDigits > maxDigits) {
        r.error(
            YamlLineIndex.join(sp, "callbackNumberMinDigits"),
            "must not exceed callbackNumberMaxDigits (" + maxDigits + ")");
      }
      scripts =
          new ScriptConfiguration(
              scriptPrompt(sc, sp, "callbackOfferPrompt", d.callbackOfferPrompt()),
              scriptPrompt(sc, sp, "callbackConfirmPrompt", d.callbackConfirmPrompt()),
              scriptPrompt(sc, sp, "callbackConfirmMenuPrompt", d.callbackConfirmMenuPrompt()),
              scriptPrompt(sc, sp, "callbackNumberPrompt", d.callbackNumberPrompt()),
              scriptPrompt(sc, sp, "callbackThanksPrompt", d.callbackThanksPrompt()),
              minDigits,
              maxDigits,
              scriptPrompt(sc, sp, "surveyPrompt", d.surveyPrompt()),
              scriptPrompt(sc, sp, "surveyThanksPrompt", d.surveyThanksPrompt()),
              scriptPrompt(sc, sp, "invalidPrompt", d.invalidPrompt()),
              scriptPrompt(sc, sp, "positionPrompt", d.positionPrompt()),
              scriptPrompt(sc, sp, "waitPrompt", d.waitPrompt()),
              scriptPrompt(sc, sp, "minutesPrompt", d.minutesPrompt()),
              (int) r.number(sc, "retries", sp, d.retries(), 0, 10),
              r.number(sc, "timeoutMs", sp, d.timeoutMs(), 500, 120_000));
    }

    String scriptPrompt(JsonNode sc, String sp, String field, String fallback) {
      String name = r.text(sc, field, sp, fallback, false);
      prompts.add(new PromptRef(YamlLineIndex.join(sp, field), name));
      return name;
    }

    Map<String, EntryPoint> readEntries(
        JsonNode s, String p, ZoneId zone, Map<String, Set<String>> promptSets) {
      Map<String, EntryPoint> out = new LinkedHashMap<>();
      JsonNode entries = r.object(s, "entryPoints", p);
      String ep = YamlLineIndex.join(p, "entryPoints");
      if (entries == null || entries.isEmpty()) {
        r.error(ep, "at least one entry point (dialled number: {start: node}) is required");
        return out;
      }
      String defaultLanguage = promptSets.isEmpty() ? "en" : promptSets.keySet().iterator().next();
      entries
          .fields()
          .forEachRemaining(
              e -> {
                String path = YamlLineIndex.join(ep, e.getKey());
                JsonNode v = e.getValue();
                if (!v.isObject()) {
                  r.error(path, "must be a mapping (start, language, zone)");
                  return;
                }
                r.onlyFields(v, path, Set.of("start", "language", "zone"));
                String start = r.text(v, "start", path, "", true);
                refs.add(new NodeRef(YamlLineIndex.join(path, "start"), start));
                String language = r.text(v, "language", path, defaultLanguage, false);
                if (!promptSets.isEmpty() && !promptSets.containsKey(language)) {
                  r.error(
                      YamlLineIndex.join(path, "language"),
                      "language '" + language + "' has no declared prompts");
                }
                String zoneText = r.text(v, "zone", path, "", false);
                ZoneId z = zoneText.isEmpty() ? zone : zone(zoneText, path + ".zone");
                out.put(e.getKey(), new EntryPoint(e.getKey(), start, language, z));
              });
      return out;
    }

    Map<String, MenuNode> readNodes(JsonNode s, String p, Map<String, BusinessCalendar> calendars) {
      Map<String, MenuNode> out = new LinkedHashMap<>();
      JsonNode nodes = r.object(s, "nodes", p);
      String np = YamlLineIndex.join(p, "nodes");
      if (nodes == null || nodes.isEmpty()) {
        r.error(np, "at least one node is required");
        return out;
      }
      nodes
          .fields()
          .forEachRemaining(
              e -> {
                String path = YamlLineIndex.join(np, e.getKey());
                nodePaths.put(e.getKey(), path);
                if (!e.getValue().isObject()) {
                  r.error(path, "must be a mapping with one of " + KINDS);
                  return;
                }
                MenuNode node =
                    new MenuNodeReader(r, refs, prompts, scripts, calendars)
                        .read(e.getKey(), e.getValue(), path);
                if (node != null) {
                  out.put(e.getKey(), node);
                }
              });
      return out;
    }
  }
}
