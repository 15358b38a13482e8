package dev.switchboard.router.journal;

import dev.switchboard.router.api.AbandonReason;
import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.Coded;
import dev.switchboard.router.api.Command;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DeviceState;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OfferFailure;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.RouterConfiguration;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of a journaled command. One entry is:
 *
 * <pre>
 *   u8   format version (1)
 *   u8   type tag (one per Command record, see the TAG_ constants; never reused)
 *   i64  timestamp, epoch ms
 *   ...  the record's fields in declaration order
 *   i32  CRC32 of every byte above
 * </pre>
 *
 * Integers are big-endian; strings and collection sizes are var-int lengths followed by UTF-8 or
 * the elements; maps are written sorted by key so that one command has exactly one encoding; enums
 * are written by {@link Coded#code()}, never by ordinal. Decoding rebuilds every record through its
 * canonical constructor, so a corrupt value that a record refuses is reported as a corrupt entry
 * rather than let into the engine. No Java serialization: the format is ours and stays readable by
 * older and newer builds.
 */
public final class CommandCodec {

  /** The version byte written today; a reader refuses versions it does not know. */
  public static final int FORMAT_VERSION = 1;

  static final int TAG_CONTACT_ARRIVED = 1;
  static final int TAG_CONTACT_ABANDONED = 2;
  static final int TAG_OFFER_FAILED = 3;
  static final int TAG_CONTACT_ANSWERED = 4;
  static final int TAG_CONTACT_ENDED = 5;
  static final int TAG_CONTACT_TRANSFERRED = 6;
  static final int TAG_CALLBACK_REQUESTED = 7;
  static final int TAG_SURVEY_RECORDED = 8;
  static final int TAG_AGENT_LOGIN = 9;
  static final int TAG_AGENT_READY = 10;
  static final int TAG_AGENT_PAUSE = 11;
  static final int TAG_AGENT_LOGOUT = 12;
  static final int TAG_AGENT_SKILLS_CHANGED = 13;
  static final int TAG_WRAP_UP_DONE = 14;
  static final int TAG_AGENT_DEVICE_STATE = 15;
  static final int TAG_PBX_LINK_CHANGED = 16;
  static final int TAG_CONFIGURATION_CHANGED = 17;
  static final int TAG_QUEUE_CHANGED = 18;
  static final int TAG_ANNOUNCEMENT_CHANGED = 19;
  static final int TAG_TICK = 20;

  private static final int OVERFLOW_TO_QUEUE = 1;
  private static final int OVERFLOW_TO_NUMBER = 2;
  private static final int OVERFLOW_DISCONNECT = 3;

  private static final int ESCALATE_RELAX_LEVELS = 1;
  private static final int ESCALATE_ADD_SKILLS = 2;
  private static final int ESCALATE_MOVE_TO_QUEUE = 3;
  private static final int ESCALATE_OFFER_CALLBACK = 4;
  private static final int ESCALATE_OVERFLOW = 5;

  /** Upper bound on collection sizes read back, so a flipped length cannot allocate gigabytes. */
  private static final int MAX_ELEMENTS = 1_000_000;

  private CommandCodec() {}

  /**
   * Tag of every Command record. Java 17 has no pattern switch, so exhaustiveness is checked when
   * the class loads: every permitted subclass of the sealed {@link Command} must have exactly one
   * tag, or the codec refuses to start.
   */
  private static final Map<Class<?>, Integer> TAGS =
      Map.ofEntries(
          Map.entry(Command.ContactArrived.class, TAG_CONTACT_ARRIVED),
          Map.entry(Command.ContactAbandoned.class, TAG_CONTACT_ABANDONED),
          Map.entry(Command.OfferFailed.class, TAG_OFFER_FAILED),
          Map.entry(Command.ContactAnswered.class, TAG_CONTACT_ANSWERED),
          Map.entry(Command.ContactEnded.class, TAG_CONTACT_ENDED),
          Map.entry(Command.ContactTransferred.class, TAG_CONTACT_TRANSFERRED),
          Map.entry(Command.CallbackRequested.class, TAG_CALLBACK_REQUESTED),
          Map.entry(Command.SurveyRecorded.class, TAG_SURVEY_RECORDED),
          Map.entry(Command.AgentLogin.class, TAG_AGENT_LOGIN),
          Map.entry(Command.AgentReady.class, TAG_AGENT_READY),
          Map.entry(Command.AgentPause.class, TAG_AGENT_PAUSE),
          Map.entry(Command.AgentLogout.class, TAG_AGENT_LOGOUT),
          Map.entry(Command.AgentSkillsChanged.class, TAG_AGENT_SKILLS_CHANGED),
          Map.entry(Command.WrapUpDone.class, TAG_WRAP_UP_DONE),
          Map.entry(Command.AgentDeviceState.class, TAG_AGENT_DEVICE_STATE),
          Map.entry(Command.PbxLinkChanged.class, TAG_PBX_LINK_CHANGED),
          Map.entry(Command.ConfigurationChanged.class, TAG_CONFIGURATION_CHANGED),
          Map.entry(Command.QueueChanged.class, TAG_QUEUE_CHANGED),
          Map.entry(Command.AnnouncementChanged.class, TAG_ANNOUNCEMENT_CHANGED),
          Map.entry(Command.Tick.class, TAG_TICK));

  static {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (Class<?> type : Command.class.getPermittedSubclasses()) {
      Integer tag = TAGS.get(type);
      if (tag == null || !seen.add(tag)) {
        throw new ExceptionInInitializerError(
            "CommandCodec has no unique tag for " + type.getName());
      }
    }
  }

  /** The same tags, looked up per class without hashing (ClassValue caches on the class). */
  private static final ClassValue<Integer> TAG_OF_CLASS =
      new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
          Integer tag = TAGS.get(type);
          if (tag == null) {
            throw new IllegalArgumentException("not a command type: " + type.getName());
          }
          return tag;
        }
      };

  /** The type tag of a command. */
  public static int tagOf(Command command) {
    return TAG_OF_CLASS.get(command.getClass());
  }

  /** Appends one entry (header, fields, CRC) after what {@code out} already holds. */
  public static void encode(long timestampMs, Command command, CodecBuffer out) {
    int start = out.length();
    int tag = tagOf(command);
    out.writeByte(FORMAT_VERSION);
    out.writeByte(tag);
    out.writeLong(timestampMs);
    switch (tag) {
      case TAG_CONTACT_ARRIVED -> {
        Command.ContactArrived c = (Command.ContactArrived) command;
        out.writeString(c.contactId());
        out.writeString(c.queueId());
        writeCode(out, c.type());
        out.writeInt(c.priority());
        writeRequirements(out, c.extraSkills());
        out.writeString(c.language());
        out.writeString(c.callerId());
        out.writeString(c.pbxId());
        out.writeString(c.channel());
        out.writeLong(c.originalArrivalMs());
        writeStringMap(out, c.attributes());
      }
      case TAG_CONTACT_ABANDONED -> {
        Command.ContactAbandoned c = (Command.ContactAbandoned) command;
        out.writeString(c.contactId());
        writeCode(out, c.reason());
        out.writeInt(c.hangupCause());
      }
      case TAG_OFFER_FAILED -> {
        Command.OfferFailed c = (Command.OfferFailed) command;
        out.writeString(c.contactId());
        out.writeString(c.agentId());
        writeCode(out, c.failure());
      }
      case TAG_CONTACT_ANSWERED -> {
        Command.ContactAnswered c = (Command.ContactAnswered) command;
        out.writeString(c.contactId());
        out.writeString(c.agentId());
      }
      case TAG_CONTACT_ENDED -> {
        Command.ContactEnded c = (Command.ContactEnded) command;
        out.writeString(c.contactId());
      }
      case TAG_CONTACT_TRANSFERRED -> {
        Command.ContactTransferred c = (Command.ContactTransferred) command;
        out.writeString(c.contactId());
        out.writeString(c.toQueueId());
      }
      case TAG_CALLBACK_REQUESTED -> {
        Command.CallbackRequested c = (Command.CallbackRequested) command;
        out.writeString(c.contactId());
        out.writeString(c.number());
        out.writeLong(c.notBeforeMs());
      }
      case TAG_SURVEY_RECORDED -> {
        Command.SurveyRecorded c = (Command.SurveyRecorded) command;
        out.writeString(c.contactId());
        out.writeInt(c.score());
      }
      case TAG_AGENT_LOGIN -> {
        Command.AgentLogin c = (Command.AgentLogin) command;
        out.writeString(c.agentId());
      }
      case TAG_AGENT_READY -> {
        Command.AgentReady c = (Command.AgentReady) command;
        out.writeString(c.agentId());
      }
      case TAG_AGENT_PAUSE -> {
        Command.AgentPause c = (Command.AgentPause) command;
        out.writeString(c.agentId());
        out.writeString(c.reason());
      }
      case TAG_AGENT_LOGOUT -> {
        Command.AgentLogout c = (Command.AgentLogout) command;
        out.writeString(c.agentId());
      }
      case TAG_AGENT_SKILLS_CHANGED -> {
        Command.AgentSkillsChanged c = (Command.AgentSkillsChanged) command;
        out.writeString(c.agentId());
        writeSkillMap(out, c.skills());
      }
      case TAG_WRAP_UP_DONE -> {
        Command.WrapUpDone c = (Command.WrapUpDone) command;
        out.writeString(c.agentId());
      }
      case TAG_AGENT_DEVICE_STATE -> {
        Command.AgentDeviceState c = (Command.AgentDeviceState) command;
        out.writeString(c.pbxId());
        out.writeString(c.device());
        writeCode(out, c.state());
      }
      case TAG_PBX_LINK_CHANGED -> {
        Command.PbxLinkChanged c = (Command.PbxLinkChanged) command;
        out.writeString(c.pbxId());
        out.writeBoolean(c.up());
      }
      case TAG_CONFIGURATION_CHANGED -> {
        Command.ConfigurationChanged c = (Command.ConfigurationChanged) command;
        writeConfiguration(out, c.configuration());
      }
      case TAG_QUEUE_CHANGED -> {
        Command.QueueChanged c = (Command.QueueChanged) command;
        writeQueue(out, c.queue());
      }
      case TAG_ANNOUNCEMENT_CHANGED -> {
        Command.AnnouncementChanged c = (Command.AnnouncementChanged) command;
        out.writeString(c.scope());
        out.writeBoolean(c.active());
        out.writeString(c.prompt());
      }
      case TAG_TICK -> {
        // the timestamp is the whole content of a tick
      }
      default -> throw new IllegalStateException("no encoding for " + command);
    }
    out.writeInt(out.crc32(start, out.length()));
  }

  /**
   * Reads one entry from the read position of {@code in}, checking version, tag, every field and
   * the CRC.
   *
   * @throws CorruptEntryException with what is wrong and the offset, for any damage
   */
  public static JournalEntry decode(CodecBuffer in) throws CorruptEntryException {
    int start = in.readPosition();
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new CorruptEntryException("unknown format version " + version);
    }
    int tag = in.readByte();
    long timestampMs = in.readLong();
    Command command;
    try {
      command = decodeBody(tag, in);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CorruptEntryException("field refused by record (tag " + tag + "): " + e, e);
    }
    int end = in.readPosition();
    int expected = in.readInt();
    int actual = in.crc32(start, end);
    if (expected != actual) {
      throw new CorruptEntryException(
          "CRC mismatch (tag "
              + tag
              + "): stored "
              + Integer.toHexString(expected)
              + ", computed "
              + Integer.toHexString(actual));
    }
    return new JournalEntry(timestampMs, command);
  }

  private static Command decodeBody(int tag, CodecBuffer in) throws CorruptEntryException {
    return switch (tag) {
      case TAG_CONTACT_ARRIVED ->
          new Command.ContactArrived(
              in.readString(),
              in.readString(),
              readCode(in, ContactType.class),
              in.readInt(),
              readRequirements(in),
              in.readString(),
              in.readString(),
              in.readString(),
              in.readString(),
              in.readLong(),
              readStringMap(in));
      case TAG_CONTACT_ABANDONED ->
          new Command.ContactAbandoned(
              in.readString(), readCode(in, AbandonReason.class), in.readInt());
      case TAG_OFFER_FAILED ->
          new Command.OfferFailed(
              in.readString(), in.readString(), readCode(in, OfferFailure.class));
      case TAG_CONTACT_ANSWERED -> new Command.ContactAnswered(in.readString(), in.readString());
      case TAG_CONTACT_ENDED -> new Command.ContactEnded(in.readString());
      case TAG_CONTACT_TRANSFERRED ->
          new Command.ContactTransferred(in.readString(), in.readString());
      case TAG_CALLBACK_REQUESTED ->
          new Command.CallbackRequested(in.readString(), in.readString(), in.readLong());
      case TAG_SURVEY_RECORDED -> new Command.SurveyRecorded(in.readString(), in.readInt());
      case TAG_AGENT_LOGIN -> new Command.AgentLogin(in.readString());
      case TAG_AGENT_READY -> new Command.AgentReady(in.readString());
      case TAG_AGENT_PAUSE -> new Command.AgentPause(in.readString(), in.readString());
      case TAG_AGENT_LOGOUT -> new Command.AgentLogout(in.readString());
      case TAG_AGENT_SKILLS_CHANGED ->
          new Command.AgentSkillsChanged(in.readString(), readSkillMap(in));
      case TAG_WRAP_UP_DONE -> new Command.WrapUpDone(in.readString());
      case TAG_AGENT_DEVICE_STATE ->
          new Command.AgentDeviceState(
              in.readString(), in.readString(), readCode(in, DeviceState.class));
      case TAG_PBX_LINK_CHANGED -> new Command.PbxLinkChanged(in.readString(), in.readBoolean());
      case TAG_CONFIGURATION_CHANGED -> new Command.ConfigurationChanged(readConfiguration(in));
      case TAG_QUEUE_CHANGED -> new Command.QueueChanged(readQueue(in));
      case TAG_ANNOUNCEMENT_CHANGED ->
          new Command.AnnouncementChanged(in.readString(), in.readBoolean(), in.readString());
      case TAG_TICK -> Command.TICK;
      default -> throw new CorruptEntryException("unknown command tag " + tag);
    };
  }

  // ---- nested values

  private static void writeCode(CodecBuffer out, Coded value) {
    out.writeInt(value.code());
  }

  private static <E extends Enum<E> & Coded> E readCode(CodecBuffer in, Class<E> type)
      throws CorruptEntryException {
    int code = in.readInt();
    try {
      return Coded.fromCode(type, code);
    } catch (IllegalArgumentException e) {
      throw new CorruptEntryException(e.getMessage(), e);
    }
  }

  private static int readCount(CodecBuffer in) throws CorruptEntryException {
    int n = in.readVarInt();
    if (n > MAX_ELEMENTS || n > in.remaining()) {
      throw new CorruptEntryException("implausible element count " + n);
    }
    return n;
  }

  private static void writeRequirements(CodecBuffer out, List<SkillRequirement> requirements) {
    int n = requirements.size();
    out.writeVarInt(n);
    for (int i = 0; i < n; i++) {
      SkillRequirement r = requirements.get(i);
      out.writeString(r.skill());
      out.writeInt(r.minLevel());
    }
  }

  private static List<SkillRequirement> readRequirements(CodecBuffer in)
      throws CorruptEntryException {
    int n = readCount(in);
    List<SkillRequirement> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new SkillRequirement(in.readString(), in.readInt()));
    }
    return list;
  }

  private static void writeStringMap(CodecBuffer out, Map<String, String> map) {
    out.writeVarInt(map.size());
    if (map.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> e : sorted(map).entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
  }

  private static Map<String, String> readStringMap(CodecBuffer in) throws CorruptEntryException {
    int n = readCount(in);
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String key = in.readString();
      if (map.put(key, in.readString()) != null) {
        throw new CorruptEntryException("duplicate map key " + key);
      }
    }
    return map;
  }

  private static void writeSkillMap(CodecBuffer out, Map<String, Integer> map) {
    out.writeVarInt(map.size());
    for (Map.Entry<String, Integer> e : sorted(map).entrySet()) {
      out.writeString(e.getKey());
      out.writeInt(e.getValue());
    }
  }

  private static Map<String, Integer> readSkillMap(CodecBuffer in) throws CorruptEntryException {
    int n = readCount(in);
    Map<String, Integer> map = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String key = in.readString();
      if (map.put(key, in.readInt()) != null) {
        throw new CorruptEntryException("duplicate skill " + key);
      }
    }
    return map;
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map.size() <= 1 || map instanceof TreeMap ? map : new TreeMap<>(map);
  }

  private static void writeConfiguration(CodecBuffer out, RouterConfiguration configuration) {
    out.writeVarInt(configuration.queues().size());
    for (QueueConfiguration q : configuration.queues()) {
      writeQueue(out, q);
    }
    out.writeVarInt(configuration.agents().size());
    for (AgentConfiguration a : configuration.agents()) {
      out.writeString(a.id());
      out.writeString(a.name());
      out.writeString(a.pbxId());
      out.writeString(a.extension());
      writeSkillMap(out, a.skills());
      out.writeInt(a.chatCapacity());
    }
    writeCode(out, configuration.selection());
  }

  private static RouterConfiguration readConfiguration(CodecBuffer in)
      throws CorruptEntryException {
    int queueCount = readCount(in);
    List<QueueConfiguration> queues = new ArrayList<>(queueCount);
    for (int i = 0; i < queueCount; i++) {
      queues.add(readQueue(in));
    }
    int agentCount = readCount(in);
    List<AgentConfiguration> agents = new ArrayList<>(agentCount);
    for (int i = 0; i < agentCount; i++) {
      agents.add(
          new AgentConfiguration(
              in.readString(),
              in.readString(),
              in.readString(),
              in.readString(),
              readSkillMap(in),
              in.readInt()));
    }
    return new RouterConfiguration(queues, agents, readCode(in, ContactSelection.class));
  }

  private static void writeQueue(CodecBuffer out, QueueConfiguration q) {
    out.writeString(q.id());
    out.writeString(q.name());
    writeRequirements(out, q.requiredSkills());
    out.writeInt(q.serviceLevel().percent());
    out.writeInt(q.serviceLevel().targetSeconds());
    out.writeInt(q.serviceLevel().shortAbandonSeconds());
    writeCode(out, q.policy());
    out.writeInt(q.wrapUpSeconds());
    out.writeInt(q.ringTimeoutSeconds());
    out.writeInt(q.maxWaitSeconds());
    out.writeInt(q.maxLength());
    writeOverflow(out, q.overflow());
    out.writeVarInt(q.escalation().size());
    for (EscalationStep step : q.escalation()) {
      out.writeInt(step.afterSeconds());
      writeEscalationAction(out, step.action());
    }
    out.writeInt(q.agingSecondsPerPriority());
    out.writeInt(q.callbackOfferSeconds());
  }

  private static QueueConfiguration readQueue(CodecBuffer in) throws CorruptEntryException {
    String id = in.readString();
    String name = in.readString();
    List<SkillRequirement> required = readRequirements(in);
    ServiceLevelTarget serviceLevel =
        new ServiceLevelTarget(in.readInt(), in.readInt(), in.readInt());
    AgentSelectionPolicy policy = readCode(in, AgentSelectionPolicy.class);
    int wrapUpSeconds = in.readInt();
    int ringTimeoutSeconds = in.readInt();
    int maxWaitSeconds = in.readInt();
    int maxLength = in.readInt();
    OverflowAction overflow = readOverflow(in);
    int steps = readCount(in);
    List<EscalationStep> escalation = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      escalation.add(new EscalationStep(in.readInt(), readEscalationAction(in)));
    }
    return new QueueConfiguration(
        id,
        name,
        required,
        serviceLevel,
        policy,
        wrapUpSeconds,
        ringTimeoutSeconds,
        maxWaitSeconds,
        maxLength,
        overflow,
        escalation,
        in.readInt(),
        in.readInt());
  }

  private static void writeOverflow(CodecBuffer out, OverflowAction action) {
    if (action instanceof OverflowAction.ToQueue t) {
      out.writeByte(OVERFLOW_TO_QUEUE);
      out.writeString(t.queueId());
    } else if (action instanceof OverflowAction.ToNumber t) {
      out.writeByte(OVERFLOW_TO_NUMBER);
      out.writeString(t.number());
    } else if (action instanceof OverflowAction.Disconnect) {
      out.writeByte(OVERFLOW_DISCONNECT);
    } else {
      throw new IllegalStateException("no encoding for overflow " + action);
    }
  }

  private static OverflowAction readOverflow(CodecBuffer in) throws CorruptEntryException {
    int kind = in.readByte();
    return switch (kind) {
      case OVERFLOW_TO_QUEUE -> new OverflowAction.ToQueue(in.readString());
      case OVERFLOW_TO_NUMBER -> new OverflowAction.ToNumber(in.readString());
      case OVERFLOW_DISCONNECT -> new OverflowAction.Disconnect();
      default -> throw new CorruptEntryException("unknown overflow kind " + kind);
    };
  }

  private static void writeEscalationAction(CodecBuffer out, EscalationAction action) {
    if (action instanceof EscalationAction.RelaxLevels r) {
      out.writeByte(ESCALATE_RELAX_LEVELS);
      out.writeInt(r.maxMinLevel());
    } else if (action instanceof EscalationAction.AddSkills a) {
      out.writeByte(ESCALATE_ADD_SKILLS);
      writeRequirements(out, a.alternative());
    } else if (action instanceof EscalationAction.MoveToQueue m) {
      out.writeByte(ESCALATE_MOVE_TO_QUEUE);
      out.writeString(m.queueId());
    } else if (action instanceof EscalationAction.OfferCallback) {
      out.writeByte(ESCALATE_OFFER_CALLBACK);
    } else if (action instanceof EscalationAction.Overflow o) {
      out.writeByte(ESCALATE_OVERFLOW);
      writeOverflow(out, o.target());
    } else {
      throw new IllegalStateException("no encoding for escalation " + action);
    }
  }

  private static EscalationAction readEscalationAction(CodecBuffer in)
      throws CorruptEntryException {
    int kind = in.readByte();
    return switch (kind) {
      case ESCALATE_RELAX_LEVELS -> new EscalationAction.RelaxLevels(in.readInt());
      case ESCALATE_ADD_SKILLS -> new EscalationAction.AddSkills(readRequirements(in));
      case ESCALATE_MOVE_TO_QUEUE -> new EscalationAction.MoveToQueue(in.readString());
      case ESCALATE_OFFER_CALLBACK -> new EscalationAction.OfferCallback();
      case ESCALATE_OVERFLOW -> new EscalationAction.Overflow(readOverflow(in));
      default -> throw new CorruptEntryException("unknown escalation action " + kind);
    };
  }
}
