package dev.switchboard.server.whatif;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link WhatIfScenario} from YAML and checks it, collecting every problem with its field
 * path before anything runs.
 */
public final class WhatIfScenarioLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

  private WhatIfScenarioLoader() {}

  /** A scenario that cannot run, with every reason. */
  public static final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    ScenarioException(String file, List<String> errors) {
      super(file + ": " + String.join("; ", errors));
      this.errors = List.copyOf(errors);
    }

    /** Each problem as {@code path: message}. */
    public List<String> errors() {
      return errors;
    }
  }

  /** Reads and checks a scenario file. */
  public static WhatIfScenario load(Path file) throws ScenarioException, IOException {
    return parse(Files.readString(file), file.getFileName().toString());
  }

  /** Reads and checks scenario text; {@code source} names it in errors. */
  public static WhatIfScenario parse(String yaml, String source) throws ScenarioException {
    WhatIfScenario scenario;
    try {
      scenario = YAML.readValue(yaml, WhatIfScenario.class);
    } catch (JsonMappingException e) {
      String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw new ScenarioException(source, List.of(line + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ScenarioException(source, List.of(e.getMessage()));
    }
    if (scenario == null) {
      throw new ScenarioException(source, List.of("the file is empty"));
    }
    List<String> errors = new ArrayList<>();
    check(scenario, errors);
    if (errors.isEmpty()) {
      try {
        routerConfiguration(scenario);
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new ScenarioException(source, errors);
    }
    return scenario;
  }

  private static void check(WhatIfScenario s, List<String> errors) {
    range(errors, "startHour", s.startHour(), 0, 23);
    range(errors, "durationHours", s.durationHours(), 1, 24 * 31);
    if (s.intervalMinutes() != 0 && (60 % s.intervalMinutes() != 0 || s.intervalMinutes() < 1)) {
      errors.add("intervalMinutes: must divide 60 (5, 10, 15, 30, 60), got " + s.intervalMinutes());
    }
    if (s.tickMillis() != null) {
      range(errors, "tickMillis", s.tickMillis(), 10, 60_000);
    }
    if (s.selection() != null) {
      enumValue(errors, "selection", ContactSelection.class, s.selection());
    }
    if (s.queues() == null || s.queues().isEmpty()) {
      errors.add("queues: at least one queue is required");
    }
    Set<String> queueIds = new HashSet<>();
    List<WhatIfScenario.QueueSpec> queues = s.queues() == null ? List.of() : s.queues();
    for (int i = 0; i < queues.size(); i++) {
      WhatIfScenario.QueueSpec q = queues.get(i);
      String path = "queues[" + i + "]";
      if (q.id() == null || q.id().isBlank()) {
        errors.add(path + ".id: required");
      } else if (!queueIds.add(q.id())) {
        errors.add(path + ".id: duplicate queue id " + q.id());
      }
      levels(errors, path + ".skills", q.skills());
      if (q.policy() != null) {
        enumValue(errors, path + ".policy", AgentSelectionPolicy.class, q.policy());
      }
    }
    List<WhatIfScenario.TrafficSpec> traffic = s.traffic() == null ? List.of() : s.traffic();
    if (traffic.isEmpty()) {
      errors.add("traffic: at least one traffic stream is required");
    }
    for (int i = 0; i < traffic.size(); i++) {
      WhatIfScenario.TrafficSpec t = traffic.get(i);
      String path = "traffic[" + i + "]";
      if (t.queue() == null || !queueIds.contains(t.queue())) {
        errors.add(path + ".queue: unknown queue " + t.queue());
      }
      if (!(t.callsPerHour() > 0 && t.callsPerHour() <= 1_000_000)) {
        errors.add(path + ".callsPerHour: must be between 0 and 1000000, got " + t.callsPerHour());
      }
      if (!(t.handleSeconds() > 0 && t.handleSeconds() <= 86_400)) {
        errors.add(path + ".handleSeconds: must be between 0 and 86400, got " + t.handleSeconds());
      }
      if (t.patienceSeconds() != null && t.patienceSeconds() < 0) {
        errors.add(path + ".patienceSeconds: must not be negative");
      }
      if (t.vipShare() != null && (t.vipShare() < 0 || t.vipShare() > 1)) {
        errors.add(path + ".vipShare: must be between 0 and 1, got " + t.vipShare());
      }
      if (t.hourlyFactors() != null) {
        t.hourlyFactors()
            .forEach(
                (hour, factor) -> {
                  int h = parseHour(hour);
                  if (h < 0) {
                    errors.add(path + ".hourlyFactors." + hour + ": not an hour 0-23");
                  }
                  if (factor == null || factor < 0 || factor > 100) {
                    errors.add(path + ".hourlyFactors." + hour + ": must be between 0 and 100");
                  }
                });
      }
      levels(errors, path + ".extraSkills", t.extraSkills());
    }
    List<WhatIfScenario.AgentGroupSpec> agents = s.agents() == null ? List.of() : s.agents();
    if (agents.isEmpty()) {
      errors.add("agents: at least one agent group is required");
    }
    Set<String> groups = new HashSet<>();
    for (int i = 0; i < agents.size(); i++) {
      WhatIfScenario.AgentGroupSpec g = agents.get(i);
      String path = "agents[" + i + "]";
      if (g.name() == null || g.name().isBlank()) {
        errors.add(path + ".name: required");
      } else if (!groups.add(g.name())) {
        errors.add(path + ".name: duplicate group " + g.name());
      }
      range(errors, path + ".count", g.count(), 1, 200_000);
      levels(errors, path + ".skills", g.skills());
      if (g.startHour() != null) {
        range(errors, path + ".startHour", g.startHour(), 0, 24 * 32);
      }
      if (g.endHour() != null) {
        range(errors, path + ".endHour", g.endHour(), 1, 24 * 32);
      }
    }
  }

  static int parseHour(String text) {
    try {
      int h = Integer.parseInt(text.trim());
      return h >= 0 && h <= 23 ? h : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void levels(List<String> errors, String path, Map<String, Integer> skills) {
    if (skills == null) {
      return;
    }
    skills.forEach(
        (skill, level) -> {
          if (level == null || level < 1 || level > 10) {
            errors.add(path + "." + skill + ": level must be between 1 and 10, got " + level);
          }
        });
  }

  private static void range(List<String> errors, String path, int value, int min, int max) {
    if (value < min || value > max) {
      errors.add(path + ": must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static <E extends Enum<E>> void enumValue(
      List<String> errors, String path, Class<E> type, String value) {
    try {
      Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          path
              + ": must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ", got "
              + value);
    }
  }

  /** The router configuration the scenario describes (agents named {@code <group>-<n>}). */
  public static RouterConfiguration routerConfiguration(WhatIfScenario s) {
    List<QueueConfiguration> queues = new ArrayList<>();
    for (WhatIfScenario.QueueSpec q : s.queues()) {
      List<SkillRequirement> skills = requirements(q.skills());
      ServiceLevelTarget target =
          new ServiceLevelTarget(
              orDefault(q.serviceLevelPercent(), 80),
              orDefault(q.targetSeconds(), 20),
              orDefault(q.shortAbandonSeconds(), 5));
      List<EscalationStep> steps = new ArrayList<>();
      if (q.escalation() != null) {
        for (WhatIfScenario.EscalationSpec e : q.escalation()) {
          steps.add(new EscalationStep(e.afterSeconds(), action(q.id(), e)));
        }
      }
      queues.add(
          new QueueConfiguration(
              q.id(),
              q.id(),
              skills,
              target,
              q.policy() == null
                  ? AgentSelectionPolicy.LONGEST_IDLE
                  : AgentSelectionPolicy.valueOf(q.policy().toUpperCase(Locale.ROOT)),
              orDefault(q.wrapUpSeconds(), 0),
              30,
              orDefault(q.maxWaitSeconds(), 0),
              0,
              new OverflowAction.Disconnect(),
              steps,
              orDefault(q.agingSecondsPerPriority(), 30),
              0));
    }
    List<AgentConfiguration> agents = new ArrayList<>();
    for (WhatIfScenario.AgentGroupSpec g : s.agents()) {
      for (int i = 1; i <= g.count(); i++) {
        String id = agentId(g, i);
        agents.add(new AgentConfiguration(id, id, "whatif", id, g.skills(), 0));
      }
    }
    ContactSelection selection =
        s.selection() == null
            ? ContactSelection.PRIORITY_AGE
            : ContactSelection.valueOf(s.selection().toUpperCase(Locale.ROOT));
    return new RouterConfiguration(queues, agents, selection);
  }

  static String agentId(WhatIfScenario.AgentGroupSpec group, int n) {
    return String.format(Locale.ROOT, "%s-%03d", group.name(), n);
  }

  static List<SkillRequirement> requirements(Map<String, Integer> skills) {
    List<SkillRequirement> list = new ArrayList<>();
    if (skills != null) {
      skills.forEach((skill, level) -> list.add(new SkillRequirement(skill, level)));
    }
    return list;
  }

  private static EscalationAction action(String queue, WhatIfScenario.EscalationSpec e) {
    int set =
        (e.relaxLevelsTo() != null ? 1 : 0)
            + (e.addSkills() != null ? 1 : 0)
            + (e.moveTo() != null ? 1 : 0)
            + (e.overflowTo() != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException(
          "queues["
              + queue
              + "].escalation: each step needs exactly one of relaxLevelsTo, addSkills, moveTo,"
              + " overflowTo");
    }
    if (e.relaxLevelsTo() != null) {
      return new EscalationAction.RelaxLevels(e.relaxLevelsTo());
    }
    if (e.addSkills() != null) {
      return new EscalationAction.AddSkills(requirements(e.addSkills()));
    }
    if (e.moveTo() != null) {
      return new EscalationAction.MoveToQueue(e.moveTo());
    }
    return new EscalationAction.Overflow(
        "hangup".equals(e.overflowTo())
            ? new OverflowAction.Disconnect()
            : new OverflowAction.ToNumber(e.overflowTo()));
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
