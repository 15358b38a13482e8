package dev.switchboard.cti;

import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent(SwitchboardNoAnswer,Agent: …,DialStatus: …,Uniqueid: ${UNIQUEID})}, emitted by
 * the {@code switchboard-connect} dialplan when {@code Dial} to an agent did not connect.
 *
 * <p>Asterisk sends two {@code Uniqueid:} headers (the channel snapshot's and the dialplan's own).
 * asterisk-java joins repeated headers with newlines before calling the setter, so {@link
 * #uniqueIds()} splits them again; both name the caller's channel.
 */
public class SwitchboardNoAnswerEvent extends UserEvent {
  private static final long serialVersionUID = 1L;

  private String agent;
  private String dialStatus;

  public SwitchboardNoAnswerEvent(Object source) {
    super(source);
  }

  public String getAgent() {
    return agent;
  }

  public void setAgent(String agent) {
    this.agent = agent;
  }

  public String getDialStatus() {
    return dialStatus;
  }

  public void setDialStatus(String dialStatus) {
    this.dialStatus = dialStatus;
  }

  /** Every {@code Uniqueid} header value, in order, blanks dropped. */
  public List<String> uniqueIds() {
    return splitValues(getUniqueId());
  }

  /** The caller's Uniqueid (the dialplan's own header, the last one), or null if none. */
  public String callerUniqueId() {
    List<String> ids = uniqueIds();
    return ids.isEmpty() ? null : ids.get(ids.size() - 1);
  }

  static List<String> splitValues(String joined) {
    List<String> values = new ArrayList<>(2);
    if (joined == null) {
      return values;
    }
    for (String v : joined.split("\n")) {
      if (!v.isBlank()) {
        values.add(v.trim());
      }
    }
    return values;
  }
}
