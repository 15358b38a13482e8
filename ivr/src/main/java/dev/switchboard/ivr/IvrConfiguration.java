package dev.switchboard.ivr;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the IVR runs with: where the FastAGI server listens, who may connect, the menus and
 * their prompts. Built and validated by {@link IvrConfigurationLoader}; immutable.
 *
 * @param bindAddress the address the FastAGI server binds ({@code 127.0.0.1} unless configured)
 * @param port the TCP port (4573 by default; 0 = any free port, for tests)
 * @param pbxs PBX id → host or address allowed to connect; the id scopes contact ids
 * @param entryPoints dialled number → entry point
 * @param nodes node id → node
 * @param prompts language → the prompt names recorded in that language
 * @param calendars calendar id → business hours and holidays
 * @param scripts prompts and limits of the callback offer and the survey
 * @param customerDirectory the CSV customer file, or null for none
 * @param zone the default time zone
 * @param replyTimeoutMs longest wait for one AGI reply before the session is dropped
 */
public record IvrConfiguration(
    String bindAddress,
    int port,
    Map<String, String> pbxs,
    Map<String, EntryPoint> entryPoints,
    Map<String, MenuNode> nodes,
    Map<String, Set<String>> prompts,
    Map<String, BusinessCalendar> calendars,
    ScriptConfiguration scripts,
    Path customerDirectory,
    ZoneId zone,
    long replyTimeoutMs) {

  public IvrConfiguration {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    pbxs = copy(pbxs);
    entryPoints = copy(entryPoints);
    nodes = copy(nodes);
    Map<String, Set<String>> promptCopy = new LinkedHashMap<>();
    prompts.forEach((lang, names) -> promptCopy.put(lang, Set.copyOf(names)));
    prompts = Collections.unmodifiableMap(promptCopy);
    calendars = copy(calendars);
    Objects.requireNonNull(scripts, "scripts");
    Objects.requireNonNull(zone, "zone");
    if (replyTimeoutMs < 1) {
      throw new IllegalArgumentException("replyTimeoutMs must be positive, got " + replyTimeoutMs);
    }
  }

  /** The languages with a declared prompt set, in declaration order. */
  public List<String> languages() {
    return List.copyOf(prompts.keySet());
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
