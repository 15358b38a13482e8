package dev.switchboard.cti;

import java.io.IOException;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * asterisk-java's manager connection with a counting socket, and with our own event classes
 * registered. One instance per connection attempt: the link agent never uses asterisk-java's
 * built-in reconnect (it would not resync), it discards the connection and makes a new one.
 */
final class CountingManagerConnection extends ManagerConnectionImpl {
  private final CtiMetrics metrics;

  CountingManagerConnection(PbxConfiguration pbx, CtiMetrics metrics, long responseTimeoutMs) {
    this.metrics = metrics;
    setHostname(pbx.host());
    setPort(pbx.port());
    setUsername(pbx.username());
    setPassword(pbx.secret());
    setDefaultResponseTimeout(responseTimeoutMs);
    setDefaultEventTimeout(responseTimeoutMs * 2);
    setSocketTimeout((int) Math.min(Integer.MAX_VALUE, responseTimeoutMs));
    // A failed login must not start asterisk-java's own reconnect loop: the link agent retries.
    setKeepAliveAfterAuthenticationFailure(false);
    registerUserEventClass(SwitchboardNoAnswerEvent.class);
    registerUserEventClass(SwitchboardAgentEvent.class);
    registerUserEventClass(DeviceStateEvent.class);
    registerUserEventClass(DeviceStateListCompleteEvent.class);
  }

  @Override
  protected SocketConnectionFacade createSocket() throws IOException {
    return new CountingSocketConnection(super.createSocket(), metrics);
  }
}
