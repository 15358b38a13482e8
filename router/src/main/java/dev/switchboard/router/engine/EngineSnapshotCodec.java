package dev.switchboard.router.engine;

import dev.switchboard.router.api.AgentConfiguration;
import dev.switchboard.router.api.AgentSelectionPolicy;
import dev.switchboard.router.api.AgentState;
import dev.switchboard.router.api.Coded;
import dev.switchboard.router.api.ContactSelection;
import dev.switchboard.router.api.ContactType;
import dev.switchboard.router.api.DeviceState;
import dev.switchboard.router.api.EscalationAction;
import dev.switchboard.router.api.EscalationStep;
import dev.switchboard.router.api.OverflowAction;
import dev.switchboard.router.api.QueueConfiguration;
import dev.switchboard.router.api.ServiceLevelTarget;
import dev.switchboard.router.api.SkillRequirement;
import dev.switchboard.router.engine.ContactRuntime.Phase;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's snapshot format, also the input of {@link RoutingStateMachine#stateHash()}: every
 * collection is written in a canonical order (configuration order, arrival sequence, sorted keys),
 * never in hash-map order, so equal states write equal bytes. Enums are written by {@code code()}.
 * Derived indexes are not written; they are rebuilt on load.
 *
 * <p>Format version 1: magic, version, selection, counters, links down, queues, agents, contacts.
 */
final class EngineSnapshotCodec {

  static final int MAGIC = 0x53424547; // "SBEG"
  static final int VERSION = 1;

  private EngineSnapshotCodec() {}

  static void write(EngineState s, DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(s.selection.code());
    out.writeLong(s.contactSeq);
    out.writeLong(s.offerSeq);
    out.writeInt(s.pbxDown.size());
    for (String pbx : s.pbxDown) {
      out.writeUTF(pbx);
    }
    out.writeInt(s.queues.size());
    for (QueueRuntime q : s.queues) {
      writeQueue(out, q.config);
    }
    out.writeInt(s.agents.length);
    for (AgentRuntime a : s.agents) {
      writeAgentConfig(out, a.config);
      out.writeInt(a.state.code());
      out.writeUTF(a.pauseReason);
      writeNullable(out, a.pendingPause);
      out.writeInt(a.device.code());
      out.writeLong(a.availableSinceMs);
      out.writeLong(a.talkMs);
      out.writeLong(a.lastOfferSeq);
      out.writeLong(a.wrapUpEndMs);
      out.writeUTF(a.wrapUpContactId);
    }
    List<ContactRuntime> contacts = s.contactsBySeq();
    out.writeInt(contacts.size());
    for (ContactRuntime c : contacts) {
      out.writeLong(c.seq);
      out.writeUTF(c.id);
      out.writeUTF(c.queueId);
      out.writeInt(c.type.code());
      out.writeInt(c.priority);
      writeSkills(out, c.extraSkills);
      out.writeUTF(c.language);
      out.writeUTF(c.callerId);
      out.writeUTF(c.pbxId);
      out.writeUTF(c.channel);
      TreeMap<String, String> attributes = new TreeMap<>(c.attributes);
      out.writeInt(attributes.size());
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
      out.writeLong(c.arrivedAtMs);
      out.writeLong(c.enteredQueueAtMs);
      out.writeLong(c.rankKeyMs);
      out.writeInt(c.stepsApplied);
      out.writeInt(c.phase.code);
      out.writeBoolean(c.agent != null);
      out.writeUTF(c.agentId);
      out.writeLong(c.answeredAtMs);
      out.writeInt(c.wrapUpSeconds);
      out.writeUTF(c.callbackNumber);
      out.writeLong(c.notBeforeMs);
      out.writeLong(c.escalationDueMs);
      out.writeLong(c.maxWaitDueMs);
      out.writeLong(c.ringDueMs);
      out.writeLong(c.callbackDueMs);
    }
  }

  static void read(EngineState s, DataInput in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a routing engine snapshot");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("unsupported routing snapshot version " + version);
    }
    s.reset();
    s.selection = Coded.fromCode(ContactSelection.class, in.readInt());
    s.contactSeq = in.readLong();
    s.offerSeq = in.readLong();
    int down = in.readInt();
    for (int i = 0; i < down; i++) {
      s.pbxDown.add(in.readUTF());
    }
    int queueCount = in.readInt();
    List<QueueRuntime> queues = new ArrayList<>();
    for (int i = 0; i < queueCount; i++) {
      queues.add(new QueueRuntime(i, readQueue(in)));
    }
    s.setQueues(queues);
    int agentCount = in.readInt();
    List<AgentRuntime> agents = new ArrayList<>();
    for (int i = 0; i < agentCount; i++) {
      AgentRuntime a = new AgentRuntime(i, readAgentConfig(in));
      a.state = Coded.fromCode(AgentState.class, in.readInt());
      a.pauseReason = in.readUTF();
      a.pendingPause = readNullable(in);
      a.device = Coded.fromCode(DeviceState.class, in.readInt());
      a.availableSinceMs = in.readLong();
      a.talkMs = in.readLong();
      a.lastOfferSeq = in.readLong();
      a.wrapUpEndMs = in.readLong();
      a.wrapUpContactId = in.readUTF();
      agents.add(a);
    }
    s.setAgents(agents);
    int contactCount = in.readInt();
    for (int i = 0; i < contactCount; i++) {
      long seq = in.readLong();
      ContactRuntime c = s.newContact(in.readUTF());
      c.seq = seq;
      c.queueId = in.readUTF();
      c.queue = s.queueById.get(c.queueId);
      c.type = Coded.fromCode(ContactType.class, in.readInt());
      c.priority = in.readInt();
      c.extraSkills = readSkills(in);
      c.extraProfile = s.extraProfile(c.extraSkills);
      c.language = in.readUTF();
      c.callerId = in.readUTF();
      c.pbxId = in.readUTF();
      c.channel = in.readUTF();
      int n = in.readInt();
      TreeMap<String, String> attributes = new TreeMap<>();
      for (int j = 0; j < n; j++) {
        attributes.put(in.readUTF(), in.readUTF());
      }
      c.attributes = Map.copyOf(attributes);
      c.arrivedAtMs = in.readLong();
      c.enteredQueueAtMs = in.readLong();
      c.rankKeyMs = in.readLong();
      c.stepsApplied = in.readInt();
      c.phase = Phase.fromCode(in.readInt());
      boolean attached = in.readBoolean();
      c.agentId = in.readUTF();
      c.answeredAtMs = in.readLong();
      c.wrapUpSeconds = in.readInt();
      c.callbackNumber = in.readUTF();
      c.notBeforeMs = in.readLong();
      c.escalationDueMs = in.readLong();
      c.maxWaitDueMs = in.readLong();
      c.ringDueMs = in.readLong();
      c.callbackDueMs = in.readLong();
      if (c.queue == null && c.phase != Phase.TALKING) {
        throw new IOException("contact " + c.id + " waits in unknown queue " + c.queueId);
      }
      if (c.queue == null) {
        c.queue = new QueueRuntime(-1, QueueConfiguration.simple(c.queueId, List.of()));
      }
      if (attached) {
        attach(s, c);
      }
    }
  }

  private static void attach(EngineState s, ContactRuntime c) throws IOException {
    AgentRuntime a = s.agentById.get(c.agentId);
    if (a == null) {
      throw new IOException("contact " + c.id + " held by unknown agent " + c.agentId);
    }
    c.agent = a;
    if (c.phase == Phase.OFFERED) {
      a.offered = c;
    } else if (c.type == ContactType.CHAT) {
      a.chats.add(c);
    } else {
      a.voice = c;
    }
  }

  private static void writeNullable(DataOutput out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeSkills(DataOutput out, List<SkillRequirement> skills)
      throws IOException {
    out.writeInt(skills.size());
    for (SkillRequirement r : skills) {
      out.writeUTF(r.skill());
      out.writeInt(r.minLevel());
    }
  }

  private static List<SkillRequirement> readSkills(DataInput in) throws IOException {
    int n = in.readInt();
    List<SkillRequirement> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new SkillRequirement(in.readUTF(), in.readInt()));
    }
    return List.copyOf(out);
  }

  static void writeAgentConfig(DataOutput out, AgentConfiguration a) throws IOException {
    out.writeUTF(a.id());
    out.writeUTF(a.name());
    out.writeUTF(a.pbxId());
    out.writeUTF(a.extension());
    out.writeInt(a.skills().size());
    for (Map.Entry<String, Integer> e : a.skills().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue());
    }
    out.writeInt(a.chatCapacity());
  }

  static AgentConfiguration readAgentConfig(DataInput in) throws IOException {
    String id = in.readUTF();
    String name = in.readUTF();
    String pbx = in.readUTF();
    String extension = in.readUTF();
    int n = in.readInt();
    TreeMap<String, Integer> skills = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      skills.put(in.readUTF(), in.readInt());
    }
    return new AgentConfiguration(id, name, pbx, extension, skills, in.readInt());
  }

  static void writeQueue(DataOutput out, QueueConfiguration q) throws IOException {
    out.writeUTF(q.id());
    out.writeUTF(q.name());
    writeSkills(out, q.requiredSkills());
    out.writeInt(q.serviceLevel().percent());
    out.writeInt(q.serviceLevel().targetSeconds());
    out.writeInt(q.serviceLevel().shortAbandonSeconds());
    out.writeInt(q.policy().code());
    out.writeInt(q.wrapUpSeconds());
    out.writeInt(q.ringTimeoutSeconds());
    out.writeInt(q.maxWaitSeconds());
    out.writeInt(q.maxLength());
    writeOverflow(out, q.overflow());
    out.writeInt(q.escalation().size());
    for (EscalationStep step : q.escalation()) {
      out.writeInt(step.afterSeconds());
      EscalationAction action = step.action();
      if (action instanceof EscalationAction.RelaxLevels r) {
        out.writeByte(1);
        out.writeInt(r.maxMinLevel());
      } else if (action instanceof EscalationAction.AddSkills a) {
        out.writeByte(2);
        writeSkills(out, a.alternative());
      } else if (action instanceof EscalationAction.MoveToQueue m) {
        out.writeByte(3);
        out.writeUTF(m.queueId());
      } else if (action instanceof EscalationAction.OfferCallback) {
        out.writeByte(4);
      } else if (action instanceof EscalationAction.Overflow o) {
        out.writeByte(5);
        writeOverflow(out, o.target());
      } else {
        throw new IOException("unknown escalation action " + action);
      }
    }
    out.writeInt(q.agingSecondsPerPriority());
    out.writeInt(q.callbackOfferSeconds());
  }

  static QueueConfiguration readQueue(DataInput in) throws IOException {
    String id = in.readUTF();
    String name = in.readUTF();
    List<SkillRequirement> skills = readSkills(in);
    ServiceLevelTarget sl = new ServiceLevelTarget(in.readInt(), in.readInt(), in.readInt());
    AgentSelectionPolicy policy = Coded.fromCode(AgentSelectionPolicy.class, in.readInt());
    int wrapUp = in.readInt();
    int ring = in.readInt();
    int maxWait = in.readInt();
    int maxLength = in.readInt();
    OverflowAction overflow = readOverflow(in);
    int n = in.readInt();
    List<EscalationStep> steps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int after = in.readInt();
      int tag = in.readByte();
      EscalationAction action =
          switch (tag) {
            case 1 -> new EscalationAction.RelaxLevels(in.readInt());
            case 2 -> new EscalationAction.AddSkills(readSkills(in));
            case 3 -> new EscalationAction.MoveToQueue(in.readUTF());
            case 4 -> new EscalationAction.OfferCallback();
            case 5 -> new EscalationAction.Overflow(readOverflow(in));
            default -> throw new IOException("unknown escalation action tag " + tag);
          };
      steps.add(new EscalationStep(after, action));
    }
    int aging = in.readInt();
    int callbackOffer = in.readInt();
    return new QueueConfiguration(
        id,
        name,
        skills,
        sl,
        policy,
        wrapUp,
        ring,
        maxWait,
        maxLength,
        overflow,
        steps,
        aging,
        callbackOffer);
  }

  private static void writeOverflow(DataOutput out, OverflowAction action) throws IOException {
    if (action instanceof OverflowAction.ToQueue t) {
      out.writeByte(1);
      out.writeUTF(t.queueId());
    } else if (action instanceof OverflowAction.ToNumber n) {
      out.writeByte(2);
      out.writeUTF(n.number());
    } else {
      out.writeByte(3);
    }
  }

  private static OverflowAction readOverflow(DataInput in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 1 -> new OverflowAction.ToQueue(in.readUTF());
      case 2 -> new OverflowAction.ToNumber(in.readUTF());
      case 3 -> new OverflowAction.Disconnect();
      default -> throw new IOException("unknown overflow tag " + tag);
    };
  }

  /** A 64-bit FNV-1a hash of the bytes written to it. */
  /** FNV-1a over {@code bytes}: the same value as {@link HashingOutput} fed the same bytes. */
  static long hash(byte[] bytes) {
    HashingOutput out = new HashingOutput();
    out.write(bytes, 0, bytes.length);
    return out.hash();
  }

  static final class HashingOutput extends OutputStream {
    private static final long PRIME = 0x100000001b3L;
    private long hash = 0xcbf29ce484222325L;

    @Override
    public void write(int b) {
      hash ^= b & 0xff;
      hash *= PRIME;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      long h = hash;
      for (int i = offset, end = offset + length; i < end; i++) {
        h ^= bytes[i] & 0xff;
        h *= PRIME;
      }
      hash = h;
    }

    long hash() {
      return hash;
    }
  }
}
