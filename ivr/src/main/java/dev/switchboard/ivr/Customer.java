package dev.switchboard.ivr;

import java.util.Map;
import java.util.Objects;

/**
 * A known customer, as the IVR's directory finds it.
 *
 * @param account the account number
 * @param phone the phone number it calls from (digits), or empty
 * @param name a display name for the agent's screen
 * @param tier the service tier ({@code VIP}, {@code GOLD}…), or empty
 * @param priority routing priority its contacts get (0 = normal)
 * @param attributes anything else the directory knows, carried to the agent's screen
 */
public record Customer(
    String account,
    String phone,
    String name,
    String tier,
    int priority,
    Map<String, String> attributes) {
  public Customer {
    Objects.requireNonNull(account, "account");
    phone = phone == null ? "" : phone;
    name = name == null ? "" : name;
    tier = tier == null ? "" : tier;
    if (priority < 0) {
      throw new IllegalArgumentException("priority must not be negative, got " + priority);
    }
    attributes = Map.copyOf(attributes);
  }
}
