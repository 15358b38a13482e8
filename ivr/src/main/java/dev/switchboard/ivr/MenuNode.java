package dev.switchboard.ivr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of an IVR flow. Nodes name their successors by id; the loader checks that every id
 * exists, every node is reachable from an entry point and no cycle runs without caller input.
 */
public sealed interface MenuNode {

  /** The node's id, unique in the configuration. */
  String id();

  /** The ids this node can lead to, in declaration order (empty ids are left out). */
  List<String> successors();

  /** True when the node waits for the caller (DTMF), so a cycle through it cannot spin. */
  default boolean takesInput() {
    return false;
  }

  /** Plays prompts, then goes on. */
  record Play(String id, List<String> prompts, String next) implements MenuNode {
    public Play {
      Objects.requireNonNull(id, "id");
      prompts = List.copyOf(prompts);
    }

    @Override
    public List<String> successors() {
      return ids(next);
    }
  }

  /**
   * Plays a prompt and waits for one digit; each digit leads to a node. No digit within {@code
   * timeoutMs}, or a digit not in the map, plays {@code invalidPrompt} and asks again; after {@code
   * retries} repeats the caller goes to {@code fallback}.
   */
  record Menu(
      String id,
      String prompt,
      Map<String, String> choices,
      long timeoutMs,
      int retries,
      String invalidPrompt,
      String fallback)
      implements MenuNode {
    public Menu {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(prompt, "prompt");
      choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }

    @Override
    public List<String> successors() {
      List<String> all = new ArrayList<>(choices.values());
      all.addAll(ids(fallback));
      return all;
    }

    @Override
    public boolean takesInput() {
      return true;
    }
  }

  /**
   * Plays a prompt and collects several digits (ended by {@code #}, by {@code maxLength} digits or
   * by the timeout) into the contact attribute {@code attribute}. Input shorter than {@code
   * minLength} or not matching {@code pattern} counts as invalid, like in a {@link Menu}.
   */
  record Collect(
      String id,
      String prompt,
      String attribute,
      int minLength,
      int maxLength,
      String pattern,
      long timeoutMs,
      int retries,
      String invalidPrompt,
      String next,
      String fallback)
      implements MenuNode {
    public Collect {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(attribute, "attribute");
    }

    @Override
    public List<String> successors() {
      return ids(next, fallback);
    }

    @Override
    public boolean takesInput() {
      return true;
    }
  }

  /**
   * Sets what the contact carries to the router: extra skills with levels, a priority (-1 = keep),
   * a language (also switches the prompt set; empty = keep), a queue (empty = keep) and free
   * attributes; and whether the caller takes the survey after the conversation ({@code null} =
   * keep; the IVR sets {@code SB_SURVEY}, which the dialplan reads when the agent hangs up).
   */
  record SetAttributes(
      String id,
      Map<String, Integer> skills,
      int priority,
      String language,
      String queue,
      Map<String, String> attributes,
      Boolean survey,
      String next)
      implements MenuNode {
    public SetAttributes {
      Objects.requireNonNull(id, "id");
      skills = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skills));
      language = language == null ? "" : language;
      queue = queue == null ? "" : queue;
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    @Override
    public List<String> successors() {
      return ids(next);
    }
  }

  /** Goes to {@code open} when the calendar is open now, else to {@code closed}. */
  record Hours(String id, String calendar, String open, String closed) implements MenuNode {
    public Hours {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(calendar, "calendar");
    }

    @Override
    public List<String> successors() {
      return ids(open, closed);
    }
  }

  /**
   * Goes to the node of the first case equal to the contact attribute's value (exact match), else
   * to {@code otherwise}. The attributes {@code language}, {@code queue} and {@code priority} read
   * the contact's current values.
   */
  record Branch(String id, String attribute, Map<String, String> cases, String otherwise)
      implements MenuNode {
    public Branch {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(attribute, "attribute");
      cases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cases));
    }

    @Override
    public List<String> successors() {
      List<String> all = new ArrayList<>(cases.values());
      all.addAll(ids(otherwise));
      return all;
    }
  }

  /**
   * Looks the customer up in the directory by caller id ({@code by: callerId}) or by an attribute
   * collected earlier ({@code by: account}); a match adds its account, name, tier and attributes to
   * the contact and raises its priority to the customer's.
   */
  record Lookup(String id, String by, String found, String notFound) implements MenuNode {
    public Lookup {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(by, "by");
    }

    @Override
    public List<String> successors() {
      return ids(found, notFound);
    }
  }

  /**
   * Hands the caller to a queue: optionally announces position and expected wait, offers a callback
   * when the wait is longer than the queue's callback threshold, then publishes the contact and
   * returns the caller to the dialplan (or hangs up after a callback request).
   */
  record Queue(String id, String queue, boolean announce) implements MenuNode {
    public Queue {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(queue, "queue");
    }

    @Override
    public List<String> successors() {
      return List.of();
    }
  }

  /** Plays prompts (may be empty) and transfers the caller out to a number. */
  record Transfer(String id, List<String> prompts, String number) implements MenuNode {
    public Transfer {
      Objects.requireNonNull(id, "id");
      prompts = List.copyOf(prompts);
      Objects.requireNonNull(number, "number");
    }

    @Override
    public List<String> successors() {
      return List.of();
    }
  }

  /** Plays prompts (may be empty) and hangs up. */
  record Hangup(String id, List<String> prompts) implements MenuNode {
    public Hangup {
      Objects.requireNonNull(id, "id");
      prompts = List.copyOf(prompts);
    }

    @Override
    public List<String> successors() {
      return List.of();
    }
  }

  private static List<String> ids(String... ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (String id : ids) {
      if (id != null && !id.isEmpty()) {
        out.add(id);
      }
    }
    return out;
  }
}
