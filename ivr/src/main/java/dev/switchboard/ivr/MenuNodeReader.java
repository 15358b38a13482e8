package dev.switchboard.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.ivr.IvrConfigurationLoader.NodeRef;
import dev.switchboard.ivr.IvrConfigurationLoader.PromptRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one node of the {@code nodes:} mapping; the kind is the one kind key it has ({@code menu:},
 * {@code queue:}…). Records errors and the references and prompts to cross-check later.
 */
final class MenuNodeReader {
  private static final Pattern DIGIT_KEY = Pattern.compile("[0-9*#]");

  private final ConfigReader r;
  private final List<NodeRef> refs;
  private final List<PromptRef> prompts;
  private final ScriptConfiguration scripts;
  private final Map<String, BusinessCalendar> calendars;

  MenuNodeReader(
      ConfigReader r,
      List<NodeRef> refs,
      List<PromptRef> prompts,
      ScriptConfiguration scripts,
      Map<String, BusinessCalendar> calendars) {
    this.r = r;
    this.refs = refs;
    this.prompts = prompts;
    this.scripts = scripts;
    this.calendars = calendars;
  }

  MenuNode read(String id, JsonNode n, String path) {
    List<String> kinds = new ArrayList<>();
    for (String k : IvrConfigurationLoader.KINDS) {
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
              ? "node has no kind: give one of " + IvrConfigurationLoader.KINDS
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
    String target = r.text(n, field, path, "", required);
    if (!target.isEmpty()) {
      refs.add(new NodeRef(YamlLineIndex.join(path, field), target));
    }
    return target;
  }

  private String prompt(JsonNode n, String field, String path, String fallback, boolean req) {
    String name = r.text(n, field, path, fallback, req);
    if (!name.isEmpty()) {
      prompts.add(new PromptRef(YamlLineIndex.join(path, field), name));
    }
    return name;
  }

  private List<String> prompts(JsonNode n, String field, String path) {
    List<String> names = r.texts(n, field, path);
    for (int i = 0; i < names.size(); i++) {
      String pp = YamlLineIndex.join(path, field);
      prompts.add(
          new PromptRef(
              n.get(field).isArray() ? YamlLineIndex.join(pp, "" + i) : pp, names.get(i)));
    }
    return names;
  }

  MenuNode play(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("play", "next"));
    List<String> prompts = prompts(n, "play", path);
    if (prompts.isEmpty()) {
      r.error(YamlLineIndex.join(path, "play"), "must name at least one prompt");
    }
    return new MenuNode.Play(id, prompts, ref(n, "next", path, true));
  }

  MenuNode menu(String id, JsonNode n, String path) {
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
                refs.add(new NodeRef(kp, e.getValue().asText()));
              });
    }
    return new MenuNode.Menu(
        id,
        prompt,
        choices,
        r.number(n, "timeoutMs", path, 5000, 500, 120_000),
        (int) r.number(n, "retries", path, 2, 0, 10),
        prompt(n, "invalidPrompt", path, scripts.invalidPrompt(), false),
        ref(n, "fallback", path, false));
  }

  MenuNode collect(String id, JsonNode n, String path) {
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
        prompt(n, "invalidPrompt", path, scripts.invalidPrompt(), false),
        ref(n, "next", path, true),
        ref(n, "fallback", path, false));
  }

  MenuNode set(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("set", "next"));
    JsonNode s = r.object(n, "set", path);
    String sp = YamlLineIndex.join(path, "set");
    Map<String, Integer> skills = new LinkedHashMap<>();
    int priority = -1;
    String language = "";
    String queue = "";
    Map<String, String> attributes = new LinkedHashMap<>();
    Boolean survey = null;
    if (s == null) {
      r.error(sp, "must be a mapping (skills, priority, language, queue, attributes, survey)");
    } else {
      r.onlyFields(
          s, sp, Set.of("skills", "priority", "language", "queue", "attributes", "survey"));
      JsonNode sk = r.object(s, "skills", sp);
      if (sk != null) {
        String skp = YamlLineIndex.join(sp, "skills");
        sk.fieldNames()
            .forEachRemaining(skill -> skills.put(skill, (int) r.number(sk, skill, skp, 1, 1, 10)));
      }
      priority = (int) r.number(s, "priority", sp, -1, 0, 1000);
      language = r.text(s, "language", sp, "", false);
      queue = r.text(s, "queue", sp, "", false);
      attributes = r.textMap(s, "attributes", sp);
      survey = s.hasNonNull("survey") ? r.bool(s, "survey", sp, false) : null;
    }
    return new MenuNode.SetAttributes(
        id, skills, priority, language, queue, attributes, survey, ref(n, "next", path, true));
  }

  MenuNode hours(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("hours", "open", "closed"));
    String calendar = r.text(n, "hours", path, "", true);
    if (!calendar.isEmpty() && !calendars.containsKey(calendar)) {
      r.error(YamlLineIndex.join(path, "hours"), "unknown calendar '" + calendar + "'");
    }
    return new MenuNode.Hours(
        id, calendar, ref(n, "open", path, true), ref(n, "closed", path, true));
  }

  MenuNode branch(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("branch", "cases", "otherwise"));
    String attribute = r.text(n, "branch", path, "", true);
    Map<String, String> cases = r.textMap(n, "cases", path);
    String cp = YamlLineIndex.join(path, "cases");
    cases.forEach((value, target) -> refs.add(new NodeRef(YamlLineIndex.join(cp, value), target)));
    return new MenuNode.Branch(id, attribute, cases, ref(n, "otherwise", path, true));
  }

  MenuNode lookup(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("lookup", "found", "notFound"));
    return new MenuNode.Lookup(
        id,
        r.text(n, "lookup", path, "callerId", true),
        ref(n, "found", path, true),
        ref(n, "notFound", path, true));
  }

  MenuNode queue(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("queue", "announce"));
    return new MenuNode.Queue(
        id, r.text(n, "queue", path, "", true), r.bool(n, "announce", path, false));
  }

  MenuNode transfer(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("transfer", "play"));
    String number = r.text(n, "transfer", path, "", true);
    if (!number.matches("[0-9A-Za-z*#+_-]*")) {
      r.error(
          YamlLineIndex.join(path, "transfer"),
          "not a dialplan extension (digits, letters, * # + _ -): '" + number + "'");
    }
    return new MenuNode.Transfer(id, prompts(n, "play", path), number);
  }

  MenuNode hangup(String id, JsonNode n, String path) {
    r.onlyFields(n, path, Set.of("hangup", "play"));
    return new MenuNode.Hangup(id, prompts(n, "play", path));
  }
}
