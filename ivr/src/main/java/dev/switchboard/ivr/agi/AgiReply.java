package dev.switchboard.ivr.agi;

import java.util.Map;
import java.util.Objects;

/**
 * One reply line from Asterisk to an AGI command: {@code 200 result=1 (timeout) endpos=1234}, or an
 * error such as {@code 510 Invalid or unknown command}.
 *
 * @param status the three-digit status ({@code 200} success, {@code 510} unknown command, {@code
 *     511} dead channel, {@code 520} bad syntax)
 * @param result the {@code result=} value of a 200 reply, else empty
 * @param data the parenthesised part after the result ({@code timeout}), else empty
 * @param attributes {@code key=value} pairs after the result ({@code endpos})
 * @param message the text after the status of a non-200 reply, else empty
 * @param continued true when the status is followed by {@code -}: more lines follow (520 usage)
 */
public record AgiReply(
    int status,
    String result,
    String data,
    Map<String, String> attributes,
    String message,
    boolean continued) {

  /** Success. */
  public static final int SUCCESS = 200;

  /** The command is not known. */
  public static final int INVALID_COMMAND = 510;

  /** The command cannot run on a dead channel (the caller hung up). */
  public static final int DEAD_CHANNEL = 511;

  /** The command's syntax is wrong. */
  public static final int INVALID_SYNTAX = 520;

  public AgiReply {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(data, "data");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(message, "message");
  }

  /** True for a 200 reply. */
  public boolean success() {
    return status == SUCCESS;
  }

  /** True for a 200 reply whose result is {@code -1}: the channel hung up or the command failed. */
  public boolean failedResult() {
    return success() && result.equals("-1");
  }
}
