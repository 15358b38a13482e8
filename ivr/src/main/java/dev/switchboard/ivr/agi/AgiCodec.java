package dev.switchboard.ivr.agi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the FastAGI wire text: the environment lines Asterisk sends first ({@code
 * agi_channel: PJSIP/sipp-00000000}), the reply lines it sends after each command, and the query
 * string of the script URL. Every parse returns empty on input it does not understand and never
 * throws: the session decides what garbage means.
 */
public final class AgiCodec {

  private static final Pattern ENV = Pattern.compile("(agi_[A-Za-z0-9_]+):(?: (.*))?");
  private static final Pattern STATUS = Pattern.compile("([0-9]{3})([ -])(.*)", Pattern.DOTALL);
  private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z0-9_]+)=(\\S*)");

  private AgiCodec() {}

  /** One environment line as name and value, or empty when it is not one. */
  public static Optional<Map.Entry<String, String>> parseEnvironmentLine(String line) {
    if (line == null) {
      return Optional.empty();
    }
    Matcher m = ENV.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    String value = m.group(2) == null ? "" : m.group(2);
    return Optional.of(Map.entry(m.group(1), value));
  }

  /** The environment line Asterisk would send for this variable. */
  public static String formatEnvironmentLine(String name, String value) {
    return name + ": " + value;
  }

  /** A reply line, or empty when it is not one. */
  public static Optional<AgiReply> parseReply(String line) {
    if (line == null) {
      return Optional.empty();
    }
    Matcher m = STATUS.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    int status = Integer.parseInt(m.group(1));
    boolean continued = m.group(2).equals("-");
    String rest = m.group(3);
    if (status != AgiReply.SUCCESS || continued) {
      return Optional.of(new AgiReply(status, "", "", Map.of(), rest, continued));
    }
    if (!rest.startsWith("result=")) {
      return Optional.empty();
    }
    rest = rest.substring("result=".length());
    int space = rest.indexOf(' ');
    String result = space < 0 ? rest : rest.substring(0, space);
    String tail = space < 0 ? "" : rest.substring(space + 1);
    String data = "";
    if (tail.startsWith("(")) {
      int close = tail.lastIndexOf(')');
      if (close < 0) {
        return Optional.empty();
      }
      data = tail.substring(1, close);
      tail = tail.substring(close + 1).trim();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    if (!tail.isBlank()) {
      for (String part : tail.trim().split(" +")) {
        Matcher a = ATTRIBUTE.matcher(part);
        if (!a.matches()) {
          return Optional.empty();
        }
        attributes.put(a.group(1), a.group(2));
      }
    }
    return Optional.of(new AgiReply(status, result, data, attributes, "", false));
  }

  /** The reply line Asterisk would send (attributes in the map's iteration order). */
  public static String formatReply(AgiReply reply) {
    StringBuilder sb = new StringBuilder().append(reply.status());
    if (!reply.success() || reply.continued()) {
      return sb.append(reply.continued() ? '-' : ' ').append(reply.message()).toString();
    }
    sb.append(" result=").append(reply.result());
    if (!reply.data().isEmpty()) {
      sb.append(" (").append(reply.data()).append(')');
    }
    reply.attributes().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString();
  }

  /**
   * The script name and parameters of {@code agi_network_script} ({@code ivr?entry=500&pbx=a}).
   * Parameters are URL-decoded; a malformed escape leaves the raw text.
   */
  public static ScriptRequest parseScript(String networkScript) {
    String s = networkScript == null ? "" : networkScript;
    int q = s.indexOf('?');
    String path = q < 0 ? s : s.substring(0, q);
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : s.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.putIfAbsent(key, value);
      }
    }
    return new ScriptRequest(path, params);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** A script name and its URL parameters. */
  public record ScriptRequest(String script, Map<String, String> parameters) {
    public ScriptRequest {
      parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter's value, or empty. */
    public String parameter(String name) {
      return parameters.getOrDefault(name, "");
    }
  }
}
