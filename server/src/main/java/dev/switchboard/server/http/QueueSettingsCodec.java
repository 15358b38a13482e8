package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A queue's settings as JSON, both ways: {@code GET /api/v1/queues/{id}/settings} writes them and
 * {@code PUT /api/v1/queues/{id}} reads a partial copy merged onto the current settings (absent
 * fields keep their value). Sealed variants carry a {@code type}: escalation actions {@code
 * relax-levels}, {@code add-skills}, {@code move-to-queue}, {@code offer-callback}, {@code
 * overflow}; overflow targets {@code to-queue}, {@code to-number}, {@code disconnect}. Policies are
 * written {@code longest-idle}, {@code least-occupied}, {@code most-skilled}, {@code round-robin}.
 */
public final class QueueSettingsCodec {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_NAME = 64;
  private static final int MAX_LIST = 50;
  private static final Set<String> QUEUE_FIELDS =
      Set.of(
          "id",
          "name",
          "requiredSkills",
          "serviceLevel",
          "policy",
          "wrapUpSeconds",
          "ringTimeoutSeconds",
          "maxWaitSeconds",
          "maxLength",
          "overflow",
          "escalation",
          "agingSecondsPerPriority",
          "callbackOfferSeconds");

  private QueueSettingsCodec() {}

  /** The settings of a queue as a JSON object. */
  public static ObjectNode encode(QueueConfiguration queue) {
    ObjectNode out = NODES.objectNode();
    out.put("id", queue.id());
    out.put("name", queue.name());
    out.set("requiredSkills", encodeSkills(queue.requiredSkills()));
    ObjectNode sl = out.putObject("serviceLevel");
    sl.put("percent", queue.serviceLevel().percent());
    sl.put("targetSeconds", queue.serviceLevel().targetSeconds());
    sl.put("shortAbandonSeconds", queue.serviceLevel().shortAbandonSeconds());
    out.put("policy", policyName(queue.policy()));
    out.put("wrapUpSeconds", queue.wrapUpSeconds());
    out.put("ringTimeoutSeconds", queue.ringTimeoutSeconds());
    out.put("maxWaitSeconds", queue.maxWaitSeconds());
    out.put("maxLength", queue.maxLength());
    out.set("overflow", encodeOverflow(queue.overflow()));
    ArrayNode steps = out.putArray("escalation");
    for (EscalationStep step : queue.escalation()) {
      ObjectNode s = steps.addObject();
      s.put("afterSeconds", step.afterSeconds());
      s.set("action", encodeAction(step.action()));
    }
    out.put("agingSecondsPerPriority", queue.agingSecondsPerPriority());
    out.put("callbackOfferSeconds", queue.callbackOfferSeconds());
    return out;
  }

  /**
   * The current settings with the fields present in {@code patch} replaced.
   *
   * @param knownQueueIds queues that {@code move-to-queue} and {@code to-queue} may name
   * @throws ApiException with the field at fault when the patch is invalid
   */
  public static QueueConfiguration merge(
      QueueConfiguration current, ObjectNode patch, Set<String> knownQueueIds) {
    RequestJson.Fields f = RequestJson.fields(patch, "", QUEUE_FIELDS);
    f.optionalString("id", MAX_NAME)
        .filter(id -> !id.equals(current.id()))
        .ifPresent(
            id -> {
              throw ApiException.badRequest(
                  "invalid-value", "id must match the queue in the path", "id");
            });
    String name = f.optionalString("name", 128).orElse(current.name());
    List<SkillRequirement> skills =
        f.optionalArray("requiredSkills")
            .map(a -> decodeSkills(a, "requiredSkills"))
            .orElse(current.requiredSkills());
    ServiceLevelTarget sl =
        f.optionalObject("serviceLevel")
            .map(o -> decodeServiceLevel(o, current.serviceLevel()))
            .orElse(current.serviceLevel());
    AgentSelectionPolicy policy =
        f.optionalString("policy", 32)
            .map(QueueSettingsCodec::parsePolicy)
            .orElse(current.policy());
    int wrapUp = f.optionalInt("wrapUpSeconds", 0, 3600).orElse(current.wrapUpSeconds());
    int ring = f.optionalInt("ringTimeoutSeconds", 1, 600).orElse(current.ringTimeoutSeconds());
    int maxWait = f.optionalInt("maxWaitSeconds", 0, 86_400).orElse(current.maxWaitSeconds());
    int maxLength = f.optionalInt("maxLength", 0, 1_000_000).orElse(current.maxLength());
    OverflowAction overflow =
        f.optionalObject("overflow")
            .map(o -> decodeOverflow(o, "overflow", knownQueueIds))
            .orElse(current.overflow());
    List<EscalationStep> escalation =
        f.optionalArray("escalation")
            .map(a -> decodeEscalation(a, knownQueueIds))
            .orElse(current.escalation());
    int aging =
        f.optionalInt("agingSecondsPerPriority", 0, 86_400)
            .orElse(current.agingSecondsPerPriority());
    int callbackOffer =
        f.optionalInt("callbackOfferSeconds", 0, 86_400).orElse(current.callbackOfferSeconds());
    try {
      return new QueueConfiguration(
          current.id(),
          name,
          skills,
          sl,
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
      throw ApiException.badRequest("invalid-value", e.getMessage(), "");
    }
  }

  /** {@code LONGEST_IDLE} as {@code longest-idle}. */
  public static String policyName(AgentSelectionPolicy policy) {
    return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static AgentSelectionPolicy parsePolicy(String text) {
    for (AgentSelectionPolicy p : AgentSelectionPolicy.values()) {
      if (policyName(p).equals(text) || p.name().equals(text)) {
        return p;
      }
    }
    throw ApiException.badRequest(
        "invalid-value",
        "policy must be longest-idle, least-occupied, most-skilled or round-robin",
        "policy");
  }

  private static ServiceLevelTarget decodeServiceLevel(ObjectNode o, ServiceLevelTarget current) {
    RequestJson.Fields f =
        RequestJson.fields(
            o, "serviceLevel", Set.of("percent", "targetSeconds", "shortAbandonSeconds"));
    return new ServiceLevelTarget(
        f.optionalInt("percent", 1, 100).orElse(current.percent()),
        f.optionalInt("targetSeconds", 1, 3600).orElse(current.targetSeconds()),
        f.optionalInt("shortAbandonSeconds", 0, 3600).orElse(current.shortAbandonSeconds()));
  }

  private static ArrayNode encodeSkills(List<SkillRequirement> skills) {
    ArrayNode out = NODES.arrayNode();
    for (SkillRequirement s : skills) {
      out.addObject().put("skill", s.skill()).put("minLevel", s.minLevel());
    }
    return out;
  }

  private static List<SkillRequirement> decodeSkills(ArrayNode array, String path) {
    if (array.size() > MAX_LIST) {
      throw ApiException.badRequest("out-of-range", path + " has too many entries", path);
    }
    List<SkillRequirement> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      ObjectNode o = objectAt(array.get(i), at);
      RequestJson.Fields f = RequestJson.fields(o, at, Set.of("skill", "minLevel"));
      out.add(
          new SkillRequirement(
              f.requiredString("skill", MAX_NAME), f.requiredInt("minLevel", 1, 10)));
    }
    return out;
  }

  private static ObjectNode encodeOverflow(OverflowAction action) {
    ObjectNode out = NODES.objectNode();
    if (action instanceof OverflowAction.ToQueue q) {
      out.put("type", "to-queue").put("queueId", q.queueId());
    } else if (action instanceof OverflowAction.ToNumber n) {
      out.put("type", "to-number").put("number", n.number());
    } else {
      out.put("type", "disconnect");
    }
    return out;
  }

  private static OverflowAction decodeOverflow(ObjectNode o, String path, Set<String> queues) {
    String type = typeOf(o, path);
    return switch (type) {
      case "to-queue" -> {
        RequestJson.Fields f = RequestJson.fields(o, path, Set.of("type", "queueId"));
        yield new OverflowAction.ToQueue(knownQueue(f, queues));
      }
      case "to-number" -> {
        RequestJson.Fields f = RequestJson.fields(o, path, Set.of("type", "number"));
        yield new OverflowAction.ToNumber(f.requiredString("number", MAX_NAME));
      }
      case "disconnect" -> {
        RequestJson.fields(o, path, Set.of("type"));
        yield new OverflowAction.Disconnect();
      }
      default ->
          throw ApiException.badRequest(
              "invalid-value",
              path + ".type must be to-queue, to-number or disconnect",
              path + ".type");
    };
  }

  private static ObjectNode encodeAction(EscalationAction action) {
    ObjectNode out = NODES.objectNode();
    if (action instanceof EscalationAction.RelaxLevels r) {
      out.put("type", "relax-levels").put("maxMinLevel", r.maxMinLevel());
    } else if (action instanceof EscalationAction.AddSkills a) {
      out.put("type", "add-skills").set("skills", encodeSkills(a.alternative()));
    } else if (action instanceof EscalationAction.MoveToQueue m) {
      out.put("type", "move-to-queue").put("queueId", m.queueId());
    } else if (action instanceof EscalationAction.OfferCallback) {
      out.put("type", "offer-callback");
    } else if (action instanceof EscalationAction.Overflow v) {
      out.put("type", "overflow").set("target", encodeOverflow(v.target()));
    } else {
      throw new IllegalArgumentException("unknown escalation action " + action);
    }
    return out;
  }

  private static List<EscalationStep> decodeEscalation(ArrayNode array, Set<String> queues) {
    if (array.size() > MAX_LIST) {
      throw ApiException.badRequest("out-of-range", "escalation has too many steps", "escalation");
    }
    List<EscalationStep> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "escalation[" + i + "]";
      RequestJson.Fields f =
          RequestJson.fields(objectAt(array.get(i), at), at, Set.of("afterSeconds", "action"));
      int after = f.requiredInt("afterSeconds", 0, 86_400);
      out.add(
          new EscalationStep(
              after, decodeAction(f.requiredObject("action"), at + ".action", queues)));
    }
    return out;
  }

  private static EscalationAction decodeAction(ObjectNode o, String path, Set<String> queues) {
    String type = typeOf(o, path);
    return switch (type) {
      case "relax-levels" -> {
        RequestJson.Fields f = RequestJson.fields(o, path, Set.of("type", "maxMinLevel"));
        yield new EscalationAction.RelaxLevels(f.requiredInt("maxMinLevel", 1, 10));
      }
      case "add-skills" -> {
        RequestJson.Fields f = RequestJson.fields(o, path, Set.of("type", "skills"));
        List<SkillRequirement> skills =
            decodeSkills(
                f.optionalArray("skills")
                    .orElseThrow(
                        () ->
                            ApiException.badRequest(
                                "missing-field", path + ".skills is required", path + ".skills")),
                path + ".skills");
        if (skills.isEmpty()) {
          throw ApiException.badRequest(
              "invalid-value", path + ".skills must not be empty", path + ".skills");
        }
        yield new EscalationAction.AddSkills(skills);
      }
      case "move-to-queue" -> {
        RequestJson.Fields f = RequestJson.fields(o, path, Set.of("type", "queueId"));
        yield new EscalationAction.MoveToQueue(knownQueue(f, queues));
      }
      case "offer-callback" -> {
        RequestJson.fields(o, path, Set.of("type"));
        yield new EscalationAction.OfferCallback();
      }
      case "overflow" -> {
        RequestJson.Fields f = RequestJson.fields(o, path, Set.of("type", "target"));
        yield new EscalationAction.Overflow(
            decodeOverflow(f.requiredObject("target"), path + ".target", queues));
      }
      default ->
          throw ApiException.badRequest(
              "invalid-value",
              path
                  + ".type must be relax-levels, add-skills, move-to-queue, offer-callback or"
                  + " overflow",
              path + ".type");
    };
  }

  private static String knownQueue(RequestJson.Fields f, Set<String> queues) {
    String id = f.requiredString("queueId", MAX_NAME);
    if (!queues.contains(id)) {
      throw ApiException.badRequest("unknown-queue", "no queue " + id, f.at("queueId"));
    }
    return id;
  }

  private static String typeOf(ObjectNode o, String path) {
    JsonNode type = o.get("type");
    if (type == null || type.isNull()) {
      throw ApiException.badRequest("missing-field", path + ".type is required", path + ".type");
    }
    if (!type.isTextual()) {
      throw ApiException.badRequest(
          "invalid-type", path + ".type must be a string", path + ".type");
    }
    return type.textValue();
  }

  private static ObjectNode objectAt(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("invalid-type", path + " must be an object", path);
    }
    return (ObjectNode) node;
  }
}
