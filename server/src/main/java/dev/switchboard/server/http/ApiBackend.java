package dev.switchboard.server.http;

import dev.switchboard.router.api.CommandPublisher;
import dev.switchboard.router.api.QueueConfiguration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the HTTP API, the stream and the pages need from the rest of Switchboard. The
 * application implements it with the real components (statistics service, router, CTI links,
 * configuration loader); tests implement it with a fake.
 *
 * <p>Reads return the statistics views of {@code docs/api.md} as objects that Jackson serializes as
 * they are (the stats module's records: {@code StatsSnapshot}, {@code QueueStats}, {@code
 * AgentStats}, {@code Alert}, {@code ContactHistory}, {@code IntervalStats}); the server does not
 * depend on their classes, only on their JSON shape. Every method is called from HTTP event-loop
 * threads or the stream thread, concurrently: it must be thread-safe and must not block on the
 * router (statistics reads are lock-free snapshots; writes go through {@link #commands()}, which
 * never blocks).
 */
public interface ApiBackend {

  /**
   * The whole picture at {@code nowMs}: a {@code StatsSnapshot} with fields {@code timeMs}, {@code
   * queues}, {@code agents}, {@code alerts}; each queue, agent and alert has a string {@code id}.
   */
  Object snapshot(long nowMs);

  /** One queue's {@code QueueStats}, empty when the queue is unknown. */
  Optional<?> queue(String queueId, long nowMs);

  /** One agent's {@code AgentStats}, empty when the agent is unknown. */
  Optional<?> agent(String agentId, long nowMs);

  /** Current and recent {@code Alert}s, newest first. */
  List<?> alerts();

  /** A contact's {@code ContactHistory} (events and routing decisions), empty when unknown. */
  Optional<?> contact(String contactId);

  /** A queue's closed 15-minute {@code IntervalStats}, oldest first; empty when unknown queue. */
  Optional<List<?>> intervals(String queueId);

  /** Every configured PBX and the state of its AMI link. */
  List<PbxLink> pbxLinks();

  /** Whether the router has recovered (snapshot + journal replay done) and is taking commands. */
  boolean routerRecovered();

  /** Ids of the configured agents (known to the router). */
  Set<String> agentIds();

  /** The queues as the router has them now (configuration file plus run-time changes). */
  List<QueueConfiguration> queueConfigurations();

  /** Where writes go: every write of the API becomes one router command, journaled. */
  CommandPublisher commands();

  /** Emergency announcements as last switched (active or not), one per scope. */
  List<Announcement> announcements();

  /**
   * Re-reads the configuration file and, when it is valid, publishes it to the router as a {@code
   * ConfigurationChanged} command. Called from an HTTP thread; may read a file.
   */
  ReloadResult reloadConfiguration();

  /** The Prometheus text exposition of every meter ({@code PrometheusMeterRegistry.scrape()}). */
  String metricsScrape();

  /**
   * One PBX's AMI link.
   *
   * @param id the PBX id from the configuration
   * @param up true when logged in and receiving events
   * @param knowinglyDown true when it is down on purpose (disabled in the configuration, under
   *     maintenance): health does not count it
   * @param sinceMs when the link last changed state, epoch ms (0 = never connected)
   * @param detail the last error or a short status, may be empty
   */
  record PbxLink(String id, boolean up, boolean knowinglyDown, long sinceMs, String detail) {
    public PbxLink {
      Objects.requireNonNull(id, "id");
      detail = detail == null ? "" : detail;
    }
  }

  /**
   * An emergency announcement's state.
   *
   * @param scope an IVR entry point, or {@code "*"} for all
   * @param active whether callers hear it now
   * @param prompt the prompt played
   * @param changedAtMs when it was last switched, epoch ms
   */
  record Announcement(String scope, boolean active, String prompt, long changedAtMs) {
    public Announcement {
      Objects.requireNonNull(scope, "scope");
      prompt = prompt == null ? "" : prompt;
    }
  }

  /** What a configuration reload did. */
  sealed interface ReloadResult {
    /** The new configuration was valid and handed to the router. */
    record Applied(String summary) implements ReloadResult {}

    /**
     * The file is invalid; nothing changed.
     *
     * @param problems one line each: file, line, field path and what is wrong
     */
    record Invalid(List<String> problems) implements ReloadResult {
      public Invalid {
        problems = List.copyOf(problems);
      }
    }

    /** The file is valid but the router did not take the command (ring full, stopping). */
    record NotPublished(CommandPublisher.PublishResult result) implements ReloadResult {
      public NotPublished {
        Objects.requireNonNull(result, "result");
      }
    }
  }
}
