package dev.switchboard.sim.agi;

import java.util.List;
import java.util.Map;

/**
 * One FastAGI session to start.
 *
 * @param host the FastAGI server host
 * @param port its port
 * @param environment the {@code agi_*} variables in the order Asterisk sends them
 */
public record AgiRequest(String host, int port, List<Map.Entry<String, String>> environment) {
  public AgiRequest {
    environment = List.copyOf(environment);
  }
}
