package dev.switchboard.sim.support;

import dev.switchboard.sim.ami.AmiCodec;
import dev.switchboard.sim.ami.AmiMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a recorded {@code .ami} transcript from the test resources. */
public final class TraceFile {

  private TraceFile() {}

  /** The banner line of a transcript. */
  public static String banner(String resource) throws IOException {
    String text = text(resource);
    return text.substring(0, text.indexOf("\r\n"));
  }

  /** All messages after the banner, in order. */
  public static List<AmiMessage> messages(String resource) throws IOException {
    String text = text(resource);
    String body = text.substring(text.indexOf("\r\n") + 2);
    List<AmiMessage> out = new ArrayList<>();
    for (String block : body.split("\r\n\r\n")) {
      if (!block.isBlank()) {
        out.add(AmiCodec.decode(block));
      }
    }
    return out;
  }

  /** A resource as text. */
  public static String text(String resource) throws IOException {
    try (InputStream in = TraceFile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
