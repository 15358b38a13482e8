package dev.switchboard.sim.agi;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an AGI command line into words the way Asterisk's {@code parse_args} does: blanks separate
 * words, double quotes group (and may be empty), a backslash escapes the next character.
 */
public final class AgiCommandParser {

  private AgiCommandParser() {}

  /** The words of a command line; an empty or blank line gives an empty list. */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inQuotes = false;
    boolean inWord = false;
    boolean escaped = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (escaped) {
        cur.append(c);
        escaped = false;
        inWord = true;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inQuotes = !inQuotes;
        inWord = true;
      } else if (!inQuotes && (c == ' ' || c == '\t')) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}
