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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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

  private static final List<String> KINDS =
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

  private static final Pattern DIGIT_KEY = Pattern.compile("[0-9*#]");

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
                    new NodeReader(this, calendars).read(e.getKey(), e.getValue(), path);
                if (node != null) {
                  out.put(e.getKey(), node);
                }
              });
      return out;
    }
  }

  /** Reads one node; the kind is the one kind key it has ({@code menu:}, {@code queue:}…). */
  private record NodeReader(Draft d, Map<String, BusinessCalendar> calendars) {

    MenuNode read(String id, JsonNode n, String path) {
      ConfigReader r = d.r;
      List<String> kinds = new ArrayList<>();
      for (String k : KINDS) {
        if (n.has(k)) {
          kinds.add(k);
        }
      }
      // play: is also the prompt list of transfer and hangup nodes
      if (kinds.size() > 1 && kinds.contains("play")) {
        kinds.remove("play");
      }
      if (kinds.size() != 1) {
        r.error(
            path,
            kinds.isEmpty()
                ? "node has no kind: give one of " + KINDS
                : "node has several kinds " + kinds + ": give exactly one");
        return null;
      }
      return switch (kinds.get(0)) {
        case "menu" -> menu(id, n, path);
        case "collect" -> collect(id, n, path);
        case "set" -> set(id, n, path);
        case "hours" -> hours(id, n, path);
        case "branch" -> branch(id, n, path);
        case "lookup" -> lookup(id, n, path);
        case "queue" -> queue(id, n, path);
        case "transfer" -> transfer(id, n, path);
        case "hangup" -> hangup(id, n, path);
        default -> play(id, n, path);
      };
    }

    private String ref(JsonNode n, String field, String path, boolean required) {
      String target = d.r.text(n, field, path, "", required);
      if (!target.isEmpty()) {
        d.refs.add(new NodeRef(YamlLineIndex.join(path, field), target));
      }
      return target;
    }

    private String prompt(JsonNode n, String field, String path, String fallback, boolean req) {
      String name = d.r.text(n, field, path, fallback, req);
      if (!name.isEmpty()) {
        d.prompts.add(new PromptRef(YamlLineIndex.join(path, field), name));
      }
      return name;
    }

    private List<String> prompts(JsonNode n, String field, String path) {
      List<String> names = d.r.texts(n, field, path);
      for (int i = 0; i < names.size(); i++) {
        String pp = YamlLineIndex.join(path, field);
        d.prompts.add(
            new PromptRef(
                n.get(field).isArray() ? YamlLineIndex.join(pp, "" + i) : pp, names.get(i)));
      }
      return names;
    }

    MenuNode play(String id, JsonNode n, String path) {
      d.r.onlyFields(n, path, Set.of("play", "next"));
      List<String> prompts = prompts(n, "play", path);
      if (prompts.isEmpty()) {
        d.r.error(YamlLineIndex.join(path, "play"), "must name at least one prompt");
      }
      return new MenuNode.Play(id, prompts, ref(n, "next", path, true));
    }

    MenuNode menu(String id, JsonNode n, String path) {
      ConfigReader r = d.r;
      r.onlyFields(
          n, path, Set.of("menu", "choices", "timeoutMs", "retries", "invalidPrompt", "fallback"));
      String prompt = prompt(n, "menu", path, "", true);
      Map<String, String> choices = new LinkedHashMap<>();
      JsonNode c = r.object(n, "choices", path);
      String cp = YamlLineIndex.join(path, "choices");
      if (c == null || c.isEmpty()) {
        r.error(cp, "a menu needs choices (digit: node)");
      } else {
        c.fields()
            .forEachRemaining(
                e -> {
                  String kp = YamlLineIndex.join(cp, e.getKey());
                  if (!DIGIT_KEY.matcher(e.getKey()).matches()) {
                    r.error(kp, "'" + e.getKey() + "' is not one DTMF key (0-9, *, #)");
                  }
                  if (!e.getValue().isValueNode() || e.getValue().asText().isEmpty()) {
                    r.error(kp, "must name a node");
                    return;
                  }
                  choices.put(e.getKey(), e.getValue().asText());
                  d.refs.add(new NodeRef(kp, e.getValue().asText()));
                });
      }
      return new MenuNode.Menu(
          id,
          prompt,
          choices,
          r.number(n, "timeoutMs", path, 5000, 500, 120_000),
          (int) r.number(n, "retries", path, 2, 0, 10),
          prompt(n, "invalidPrompt", path, d.scripts.invalidPrompt(), false),
          ref(n, "fallback", path, false));
    }

    MenuNode collect(String id, JsonNode n, String path) {
      ConfigReader r = d.r;
      r.onlyFields(
          n,
          path,
          Set.of(
              "collect",
              "attribute",
              "minLength",
              "maxLength",
              "pattern",
              "terminator",
              "timeoutMs",
              "retries",
              "invalidPrompt",
              "next",
              "fallback"));
      String prompt = prompt(n, "collect", path, "", true);
      String attribute = r.text(n, "attribute", path, "", true);
      int min = (int) r.number(n, "minLength", path, 1, 1, 64);
      int max = (int) r.number(n, "maxLength", path, 20, 1, 64);
      if (min > max) {
        r.error(YamlLineIndex.join(path, "minLength"), "must not exceed maxLength (" + max + ")");
      }
      String pattern = r.text(n, "pattern", path, "", false);
      if (!pattern.isEmpty()) {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          r.error(
              YamlLineIndex.join(path, "pattern"),
              "not a valid regular expression: " + e.getDescription());
          pattern = "";
        }
      }
      String terminator = r.text(n, "terminator", path, "#", false);
      if (!terminator.equals("#")) {
        // AGI GET DATA always ends input on '#'; another terminator could not be honoured.
        r.error(YamlLineIndex.join(path, "terminator"), "only '#' can end input (AGI GET DATA)");
      }
      return new MenuNode.Collect(
          id,
          prompt,
          attribute,
          min,
          max,
          pattern,
          r.number(n, "timeoutMs", path, 5000, 500, 120_000),
          (int) r.number(n, "retries", path, 2, 0, 10),
          prompt(n, "invalidPrompt", path, d.scripts.invalidPrompt(), false),
          ref(n, "next", path, true),
          ref(n, "fallback", path, false));
    }

    MenuNode set(String id, JsonNode n, String path) {
      ConfigReader r = d.r;
      r.onlyFields(n, path, Set.of("set", "next"));
      JsonNode s = r.object(n, "set", path);
      String sp = YamlLineIndex.join(path, "set");
      Map<String, Integer> skills = new LinkedHashMap<>();
      int priority = -1;
      String language = "";
      String queue = "";
      Map<String, String> attributes = new LinkedHashMap<>();
      if (s == null) {
        r.error(sp, "must be a mapping (skills, priority, language, queue, attributes)");
      } else {
        r.onlyFields(s, sp, Set.of("skills", "priority", "language", "queue", "attributes"));
        JsonNode sk = r.object(s, "skills", sp);
        if (sk != null) {
          String skp = YamlLineIndex.join(sp, "skills");
          sk.fieldNames()
              .forEachRemaining(
                  skill -> skills.put(skill, (int) r.number(sk, skill, skp, 1, 1, 10)));
        }
        priority = (int) r.number(s, "priority", sp, -1, 0, 1000);
        language = r.text(s, "language", sp, "", false);
        queue = r.text(s, "queue", sp, "", false);
        attributes = r.textMap(s, "attributes", sp);
      }
      return new MenuNode.SetAttributes(
          id, skills, priority, language, queue, attributes, ref(n, "next", path, true));
    }

    MenuNode hours(String id, JsonNode n, String path) {
      d.r.onlyFields(n, path, Set.of("hours", "open", "closed"));
      String calendar = d.r.text(n, "hours", path, "", true);
      if (!calendar.isEmpty() && !calendars.containsKey(calendar)) {
        d.r.error(YamlLineIndex.join(path, "hours"), "unknown calendar '" + calendar + "'");
      }
      return new MenuNode.Hours(
          id, calendar, ref(n, "open", path, true), ref(n, "closed", path, true));
    }

    MenuNode branch(String id, JsonNode n, String path) {
      ConfigReader r = d.r;
      r.onlyFields(n, path, Set.of("branch", "cases", "otherwise"));
      String attribute = r.text(n, "branch", path, "", true);
      Map<String, String> cases = r.textMap(n, "cases", path);
      String cp = YamlLineIndex.join(path, "cases");
      cases.forEach(
          (value, target) -> d.refs.add(new NodeRef(YamlLineIndex.join(cp, value), target)));
      return new MenuNode.Branch(id, attribute, cases, ref(n, "otherwise", path, true));
    }

    MenuNode lookup(String id, JsonNode n, String path) {
      d.r.onlyFields(n, path, Set.of("lookup", "found", "notFound"));
      return new MenuNode.Lookup(
          id,
          d.r.text(n, "lookup", path, "callerId", true),
          ref(n, "found", path, true),
          ref(n, "notFound", path, true));
    }

    MenuNode queue(String id, JsonNode n, String path) {
      d.r.onlyFields(n, path, Set.of("queue", "announce"));
      return new MenuNode.Queue(
          id, d.r.text(n, "queue", path, "", true), d.r.bool(n, "announce", path, false));
    }

    MenuNode transfer(String id, JsonNode n, String path) {
      d.r.onlyFields(n, path, Set.of("transfer", "play"));
      String number = d.r.text(n, "transfer", path, "", true);
      if (!number.matches("[0-9A-Za-z*#+_-]*")) {
        d.r.error(
            YamlLineIndex.join(path, "transfer"),
            "not a dialplan extension (digits, letters, * # + _ -): '" + number + "'");
      }
      return new MenuNode.Transfer(id, prompts(n, "play", path), number);
    }

    MenuNode hangup(String id, JsonNode n, String path) {
      d.r.onlyFields(n, path, Set.of("hangup", "play"));
      return new MenuNode.Hangup(id, prompts(n, "play", path));
    }
  }
}
