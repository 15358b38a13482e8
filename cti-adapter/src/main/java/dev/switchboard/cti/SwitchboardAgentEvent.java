package dev.switchboard.cti;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent(SwitchboardAgent,Agent: <agent id>,Action: login|ready|pause|logout|wrapupdone,
 * Reason: <text>)}, emitted by the agent feature codes of the dialplan.
 */
public class SwitchboardAgentEvent extends UserEvent {
  private static final long serialVersionUID = 1L;

  private String agent;
  private String action;
  private String reason;

  public SwitchboardAgentEvent(Object source) {
    super(source);
  }

  public String getAgent() {
    return agent;
  }

  public void setAgent(String agent) {
    this.agent = agent;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
