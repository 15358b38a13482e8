package dev.switchboard.cti;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.asteriskjava.manager.util.EventAttributesHelper;

/**
 * The custom event classes round-trip through asterisk-java's own attribute mapping, fed headers
 * the way its reader collects them (names lower-cased, a repeated header becomes a list).
 */
class CustomAmiTypesPropertyTest {

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .numeric()
        .withChars('.', '-', '_')
        .ofMinLength(1)
        .ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> dialStatuses() {
    return Arbitraries.of("NOANSWER", "BUSY", "CHANUNAVAIL", "CONGESTION", "CANCEL");
  }

  @Property(tries = 200)
  void shouldRoundTripSwitchboardNoAnswerWithItsTwoUniqueidHeaders(
      @ForAll("values") String agent,
      @ForAll("dialStatuses") String status,
      @ForAll("values") String snapshotUid,
      @ForAll("values") String callerUid) {
    List<String[]> headers =
        List.of(
            new String[] {"Event", "UserEvent"},
            new String[] {"Channel", "PJSIP/sipp-00000005"},
            new String[] {"Uniqueid", snapshotUid},
            new String[] {"UserEvent", "SwitchboardNoAnswer"},
            new String[] {"Agent", agent},
            new String[] {"DialStatus", status},
            new String[] {"Uniqueid", callerUid});
    SwitchboardNoAnswerEvent e = new SwitchboardNoAnswerEvent(this);
    EventAttributesHelper.setAttributes(e, asReaderBuffer(headers), Set.of("event"));

    assertThat(e.getAgent()).isEqualTo(agent);
    assertThat(e.getDialStatus()).isEqualTo(status);
    assertThat(e.uniqueIds()).containsExactly(snapshotUid, callerUid);
    assertThat(e.callerUniqueId()).isEqualTo(callerUid);
  }

  @Property(tries = 200)
  void shouldRoundTripSwitchboardAgent(
      @ForAll("values") String agent,
      @ForAll("values") String reason,
      @ForAll("actions") String action) {
    SwitchboardAgentEvent e = new SwitchboardAgentEvent(this);
    EventAttributesHelper.setAttributes(
        e,
        asReaderBuffer(
            List.of(
                new String[] {"UserEvent", "SwitchboardAgent"},
                new String[] {"Agent", agent},
                new String[] {"Action", action},
                new String[] {"Reason", reason})),
        Set.of("event"));
    assertThat(e.getAgent()).isEqualTo(agent);
    assertThat(e.getAction()).isEqualTo(action);
    assertThat(e.getReason()).isEqualTo(reason);
  }

  @Provide
  Arbitrary<String> actions() {
    return Arbitraries.of("login", "ready", "pause", "logout", "wrapupdone");
  }

  @Property(tries = 200)
  void shouldRoundTripDeviceStateItemsAndTheListEnd(
      @ForAll("values") String resource,
      @ForAll("states") String state,
      @ForAll("values") String actionId,
      @ForAll("counts") int items) {
    DeviceStateEvent d = new DeviceStateEvent(this);
    EventAttributesHelper.setAttributes(
        d,
        asReaderBuffer(
            List.of(
                new String[] {"ActionID", actionId},
                new String[] {"Device", "PJSIP/" + resource},
                new String[] {"State", state})),
        Set.of("event"));
    assertThat(d.getDevice()).isEqualTo("PJSIP/" + resource);
    assertThat(d.getState()).isEqualTo(state);
    assertThat(d.getActionId()).isEqualTo(actionId);

    DeviceStateListCompleteEvent end = new DeviceStateListCompleteEvent(this);
    EventAttributesHelper.setAttributes(
        end,
        asReaderBuffer(
            List.of(
                new String[] {"EventList", "Complete"},
                new String[] {"ListItems", Integer.toString(items)})),
        Set.of("event"));
    assertThat(end.getListItems()).isEqualTo(items);
    assertThat(end.getEventList()).isEqualTo("Complete");
  }

  @Provide
  Arbitrary<String> states() {
    return Arbitraries.of("NOT_INUSE", "INUSE", "BUSY", "RINGING", "UNAVAILABLE", "ONHOLD");
  }

  @Provide
  Arbitrary<Integer> counts() {
    return Arbitraries.integers().between(0, 10_000);
  }

  @Property(tries = 200)
  void shouldRoundTripTheOriginateActionId(
      @ForAll("values") String uid, @ForAll("values") String agentId) {
    String contactId = "pbx1:" + uid;
    String[] parsed =
        AmiEventAdapter.parseOriginateId(AmiEventAdapter.originateId(contactId, agentId));
    assertThat(parsed).containsExactly(contactId, agentId);
  }

  /** Collects headers like asterisk-java's ManagerReaderImpl: lower-case keys, repeats as lists. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> asReaderBuffer(List<String[]> headers) {
    Map<String, Object> buffer = new HashMap<>();
    for (String[] h : headers) {
      String key = h[0].toLowerCase(Locale.ENGLISH);
      Object current = buffer.get(key);
      if (current == null) {
        buffer.put(key, h[1]);
      } else if (current instanceof List) {
        ((List<String>) current).add(h[1]);
      } else {
        List<String> list = new ArrayList<>();
        list.add((String) current);
        list.add(h[1]);
        buffer.put(key, list);
      }
    }
    return buffer;
  }
}
