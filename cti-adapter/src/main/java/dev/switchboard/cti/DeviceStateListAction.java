package dev.switchboard.cti;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * AMI {@code DeviceStateList}: every device's state, as {@code DeviceStateChange} events carrying
 * the action id, ended by {@code DeviceStateListComplete}. asterisk-java 3.41 has no class for it.
 */
public class DeviceStateListAction extends AbstractManagerAction implements EventGeneratingAction {
  private static final long serialVersionUID = 1L;

  @Override
  public String getAction() {
    return "DeviceStateList";
  }

  @Override
  public Class<? extends ResponseEvent> getActionCompleteEventClass() {
    return DeviceStateListCompleteEvent.class;
  }
}
