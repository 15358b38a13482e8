package dev.switchboard.server.config;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the routing part of the configuration ({@code queues}, {@code agents}) into router.api
 * records, collecting errors, and checks what they refer to: declared skills, queues that exist,
 * PBXs that exist, one agent per device.
 */
final class RoutingSectionReader {

  private final ConfigurationReader reader;
  private final Set<String> declaredSkills;
  private final List<QueueReference> queueReferences = new ArrayList<>();
  private final Set<String> declaredQueueIds = new LinkedHashSet<>();
  private final Set<String> declaredAgentIds = new LinkedHashSet<>();

  /** A place that names a queue, checked once every queue is known. */
  private record QueueReference(int line, String path, String queueId) {}

  RoutingSectionReader(ConfigurationReader reader, Set<String> declaredSkills) {
    this.reader = reader;
    this.declaredSkills = declaredSkills;
  }

  /** Queue ids named in the file, including those of queues with errors. */
  Set<String> declaredQueueIds() {
    return declaredQueueIds;
  }

  /** Agent ids named in the file, including those of agents with errors. */
  Set<String> declaredAgentIds() {
    return declaredAgentIds;
  }

  List<QueueConfiguration> queues(List<Node> nodes) {
    List<QueueConfiguration> queues = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = "queues[" + i + "]";
      Fields f = reader.fields(nodes.get(i), path, ConfigurationFields.QUEUE);
      if (f == null) {
        continue;
      }
      if (f.has("id") && f.node("id") instanceof ScalarNode idNode) {
        declaredQueueIds.add(idNode.getValue());
      }
      QueueConfiguration queue = queue(f);
      if (queue == null) {
        continue;
      }
      String first = seen.putIfAbsent(queue.id(), path);
      if (first != null) {
        f.error("id", "duplicate queue id '" + queue.id() + "' (first at " + first + ")");
        continue;
      }
      queues.add(queue);
    }
    for (QueueReference ref : queueReferences) {
      if (!declaredQueueIds.contains(ref.queueId())) {
        String hint = DidYouMean.suggest(ref.queueId(), declaredQueueIds);
        reader.error(
            ref.line(),
            ref.path(),
            "unknown queue '"
                + ref.queueId()
                + "'"
                + (hint == null ? "" : ", did you mean '" + hint + "'?"));
      }
    }
    return queues;
  }

  private QueueConfiguration queue(Fields f) {
    String id = f.requiredString("id");
    String name = f.string("name", id);
    List<SkillRequirement> skills = requirements(f.node("skills"), f.path("skills"));
    ServiceLevelTarget serviceLevel = ServiceLevelTarget.defaults();
    Fields sl = f.object("serviceLevel", ConfigurationFields.SERVICE_LEVEL);
    if (sl != null) {
      serviceLevel =
          new ServiceLevelTarget(
              sl.integer("percent", 80, 1, 100),
              sl.integer("targetSeconds", 20, 1, 3600),
              sl.integer("shortAbandonSeconds", 5, 0, 3600));
    }
    AgentSelectionPolicy policy =
        f.enumeration("policy", AgentSelectionPolicy.class, AgentSelectionPolicy.LONGEST_IDLE);
    int wrapUp = f.integer("wrapUpSeconds", 0, 0, 3600);
    int ring = f.integer("ringTimeoutSeconds", 15, 1, 600);
    int maxWait = f.integer("maxWaitSeconds", 0, 0, 86_400);
    int maxLength = f.integer("maxLength", 0, 0, 1_000_000);
    OverflowAction overflow = new OverflowAction.Disconnect();
    if (f.has("overflow")) {
      OverflowAction parsed = overflow(f.node("overflow"), f.path("overflow"));
      overflow = parsed == null ? overflow : parsed;
    }
    List<EscalationStep> escalation = new ArrayList<>();
    List<Node> steps = f.list("escalation");
    for (int s = 0; s < steps.size(); s++) {
      EscalationStep step = step(steps.get(s), f.path("escalation") + "[" + s + "]");
      if (step != null) {
        escalation.add(step);
      }
    }
    int aging = f.integer("agingSecondsPerPriority", 30, 0, 86_400);
    int callbackOffer = f.integer("callbackOfferSeconds", 0, 0, 86_400);
    if (id == null) {
      return null;
    }
    try {
      return new QueueConfiguration(
          id,
          name,
          skills,
          serviceLevel,
          policy,
          wrapUp,
          ring,
          maxWait,
          maxLength,
          overflow,
          escalation,
          aging,
          callbackOffer);
    } catch (IllegalArgumentException e) {
      reader.error(f.line(), f.path(), e.getMessage());
      return null;
    }
  }

  private EscalationStep step(Node node, String path) {
    Fields f = reader.fields(node, path, ConfigurationFields.ESCALATION_STEP);
    if (f == null) {
      return null;
    }
    int after = f.requiredInteger("afterSeconds", 0, 0, 86_400);
    List<String> actions = new ArrayList<>(f.names());
    actions.remove("afterSeconds");
    if (actions.size() != 1) {
      reader.error(
          f.line(),
          path,
          "needs exactly one action of relaxLevels, addSkills, moveToQueue, offerCallback,"
              + " overflow; got "
              + (actions.isEmpty() ? "none" : String.join(", ", actions)));
      return null;
    }
    String action = actions.get(0);
    EscalationAction parsed =
        switch (action) {
          case "relaxLevels" -> {
            Long level = reader.integer(f.node(action), f.path(action), 1, 10);
            yield level == null ? null : new EscalationAction.RelaxLevels(level.intValue());
          }
          case "addSkills" -> {
            List<SkillRequirement> alternative = requirements(f.node(action), f.path(action));
            if (alternative.isEmpty()) {
              f.error(action, "must name at least one skill: level");
              yield null;
            }
            yield new EscalationAction.AddSkills(alternative);
          }
          case "moveToQueue" -> {
            String queue = f.requiredString(action);
            if (queue == null) {
              yield null;
            }
            queueReferences.add(new QueueReference(f.line(action), f.path(action), queue));
            yield new EscalationAction.MoveToQueue(queue);
          }
          case "offerCallback" -> {
            if (!f.bool(action, false)) {
              f.error(action, "must be true (leave the step out to not offer a callback)");
              yield null;
            }
            yield new EscalationAction.OfferCallback();
          }
          case "overflow" -> {
            OverflowAction target = overflow(f.node(action), f.path(action));
            yield target == null ? null : new EscalationAction.Overflow(target);
          }
          default -> null;
        };
    return parsed == null ? null : new EscalationStep(after, parsed);
  }

  private OverflowAction overflow(Node node, String path) {
    Fields f = reader.fields(node, path, ConfigurationFields.OVERFLOW);
    if (f == null) {
      return null;
    }
    if (f.names().size() != 1) {
      reader.error(
          f.line(),
          path,
          "needs exactly one of toQueue, toNumber, disconnect; got "
              + (f.names().isEmpty() ? "none" : String.join(", ", f.names())));
      return null;
    }
    String kind = f.names().iterator().next();
    return switch (kind) {
      case "toQueue" -> {
        String queue = f.requiredString(kind);
        if (queue == null) {
          yield null;
        }
        queueReferences.add(new QueueReference(f.line(kind), f.path(kind), queue));
        yield new OverflowAction.ToQueue(queue);
      }
      case "toNumber" -> {
        String number = f.requiredString(kind);
        yield number == null ? null : new OverflowAction.ToNumber(number);
      }
      case "disconnect" -> {
        if (!f.bool(kind, false)) {
          f.error(kind, "must be true");
          yield null;
        }
        yield new OverflowAction.Disconnect();
      }
      default -> null;
    };
  }

  /** {@code skill: minLevel} lines; each skill must be declared. */
  private List<SkillRequirement> requirements(Node node, String path) {
    List<SkillRequirement> result = new ArrayList<>();
    levels(node, path).forEach((skill, level) -> result.add(new SkillRequirement(skill, level)));
    return result;
  }

  /** {@code skill: level} lines with levels 1–10 and declared skill names. */
  Map<String, Integer> levels(Node node, String path) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (NodeTuple tuple : reader.entries(node, path)) {
      String skill = reader.scalar(tuple.getKeyNode(), path);
      if (skill == null) {
        continue;
      }
      String skillPath = path + "." + skill;
      Long level = reader.integer(tuple.getValueNode(), skillPath, 1, 10);
      if (!declaredSkills.contains(skill)) {
        String hint = DidYouMean.suggest(skill, declaredSkills);
        reader.error(
            tuple.getKeyNode(),
            skillPath,
            "skill '"
                + skill
                + "' is not declared under skills"
                + (hint == null ? "" : ", did you mean '" + hint + "'?"));
        continue;
      }
      if (level != null && levels.putIfAbsent(skill, level.intValue()) != null) {
        reader.error(tuple.getKeyNode(), skillPath, "duplicate skill");
      }
    }
    return levels;
  }

  List<AgentConfiguration> agents(List<Node> nodes, Set<String> pbxIds) {
    List<AgentConfiguration> agents = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    Map<String, String> devices = new HashMap<>();
    String onlyPbx = pbxIds.size() == 1 ? pbxIds.iterator().next() : null;
    for (int i = 0; i < nodes.size(); i++) {
      String path = "agents[" + i + "]";
      Fields f = reader.fields(nodes.get(i), path, ConfigurationFields.AGENT);
      if (f == null) {
        continue;
      }
      String id = f.requiredString("id");
      if (id != null) {
        declaredAgentIds.add(id);
      }
      String name = f.string("name", id);
      String pbx = onlyPbx != null && !f.has("pbx") ? onlyPbx : f.requiredString("pbx");
      if (pbx != null && !pbxIds.contains(pbx)) {
        String hint = DidYouMean.suggest(pbx, pbxIds);
        f.error(
            "pbx",
            "unknown PBX '" + pbx + "'" + (hint == null ? "" : ", did you mean '" + hint + "'?"));
        pbx = null;
      }
      String extension = f.string("extension", id);
      Map<String, Integer> skills = levels(f.node("skills"), f.path("skills"));
      int chatCapacity = f.integer("chatCapacity", 0, 0, 32);
      if (id == null || pbx == null || extension == null) {
        continue;
      }
      String first = ids.putIfAbsent(id, path);
      if (first != null) {
        f.error("id", "duplicate agent id '" + id + "' (first at " + first + ")");
        continue;
      }
      String device = pbx + "/" + extension;
      String firstDevice = devices.putIfAbsent(device, path);
      if (firstDevice != null) {
        reader.error(
            f.line("extension"),
            f.path("extension"),
            "extension '"
                + extension
                + "' on PBX "
                + pbx
                + " already belongs to "
                + firstDevice
                + " (one agent per device)");
        continue;
      }
      agents.add(new AgentConfiguration(id, name, pbx, extension, skills, chatCapacity));
    }
    return agents;
  }
}
