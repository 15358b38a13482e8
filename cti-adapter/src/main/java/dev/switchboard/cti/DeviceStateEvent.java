package dev.switchboard.cti;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * {@code DeviceStateChange}, registered in place of asterisk-java's class so that the items of a
 * {@link DeviceStateListAction} listing (the same event with an {@code ActionID}) are delivered to
 * the listing's handler. Live changes have no action id.
 */
@AsteriskMapping("DeviceStateChange")
public class DeviceStateEvent extends ResponseEvent {
  private static final long serialVersionUID = 1L;

  private String device;
  private String state;

  public DeviceStateEvent(Object source) {
    super(source);
  }

  public String getDevice() {
    return device;
  }

  public void setDevice(String device) {
    this.device = device;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }
}
