package dev.switchboard.sim.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One AMI message (action, response or event): an ordered list of headers. Order matters and names
 * may repeat (Asterisk's {@code UserEvent} carries two {@code Uniqueid} headers), so this is a
 * list, not a map.
 *
 * @param headers the headers in wire order
 */
public record AmiMessage(List<Header> headers) {

  /**
   * One {@code Name: value} line.
   *
   * @param name header name, never empty, no colon, no line break
   * @param value header value, may be empty, no line break
   */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public AmiMessage {
    headers = List.copyOf(headers);
  }

  /** The first value of a header (names compare case-insensitively, as Asterisk does). */
  public Optional<String> get(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /** The first value of a header, or {@code fallback}. */
  public String getOr(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  /** All values of a header, in order. */
  public List<String> getAll(String name) {
    List<String> values = new ArrayList<>();
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        values.add(h.value());
      }
    }
    return values;
  }

  /** The names of all headers in order (duplicates kept). */
  public List<String> names() {
    return headers.stream().map(Header::name).toList();
  }

  /** A builder that keeps insertion order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects headers in order. */
  public static final class Builder {
    private final List<Header> headers = new ArrayList<>();

    public Builder add(String name, String value) {
      headers.add(new Header(name, value == null ? "" : value));
      return this;
    }

    public Builder addAll(AmiMessage other) {
      headers.addAll(other.headers());
      return this;
    }

    public Builder addAll(List<Header> other) {
      headers.addAll(other);
      return this;
    }

    public AmiMessage build() {
      return new AmiMessage(headers);
    }
  }
}
